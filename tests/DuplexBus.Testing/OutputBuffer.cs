namespace DuplexBus.Testing;

/// <summary>Thread-safe, bounded store of a child process's output lines.</summary>
internal sealed class OutputBuffer
{
    // Enough for any startup story; a chatty host running for minutes must not grow memory without bound.
    private const int MaxLines = 20_000;

    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string line)
    {
        lock (gate)
        {
            if (lines.Count == MaxLines)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (gate)
        {
            return [.. lines];
        }
    }

    public string Tail(int count)
    {
        lock (gate)
        {
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - count)));
        }
    }
}
