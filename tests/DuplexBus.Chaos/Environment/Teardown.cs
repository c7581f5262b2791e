namespace DuplexBus.Chaos.Environment;

/// <summary>
/// Clean-up steps in reverse order of registration, run once: at the end of a scenario, or of the whole run, or on
/// Ctrl+C. A step that fails is reported and the rest still run, so a server is never left behind by another's error.
/// </summary>
internal sealed class Teardown : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Stack<(string Name, Func<Task> Step)> steps = new();

    public void Add(string name, Func<Task> step)
    {
        lock (gate)
            steps.Push((name, step));
    }

    public void Add(string name, IAsyncDisposable resource) => Add(name, () => resource.DisposeAsync().AsTask());

    public async ValueTask DisposeAsync()
    {
        while (true)
        {
            (string Name, Func<Task> Step) next;
            lock (gate)
            {
                if (!steps.TryPop(out next))
                    return;
            }

            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await next.Step().WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"teardown: {next.Name} failed: {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
