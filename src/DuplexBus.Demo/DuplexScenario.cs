using System.ServiceModel;

namespace DuplexBus.Demo;

/// <summary>
/// The durable duplex scenario from the client's side: a reliable session carries StartWork (with a callback
/// address), the items and GetStatus; the service's WorkCompleted callback arrives later at the client's listener.
/// </summary>
public sealed class DuplexScenario(DemoOptions options, Timeline timeline)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(15);

    /// <returns>0 when every step did what the contract says; 1 otherwise.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        EmbeddedHost? host = null;
        try
        {
            Uri service;
            if (options.Service is { } given)
            {
                service = given;
                timeline.Write($"using the host at {service}");
            }
            else
            {
                timeline.Write("starting the DuplexBus host …");
                host = await EmbeddedHost.StartAsync(cancellationToken).ConfigureAwait(false);
                service = host.Service;
                timeline.Write($"host ready at {host.BaseAddress.GetLeftPart(UriPartial.Authority)} (embedded: SQLite + in-memory bus)");
            }

            await using var listener = await CallbackListener.StartAsync(timeline, cancellationToken).ConfigureAwait(false);
            timeline.Write($"callback listener at {listener.Address}");
            return await RunSessionAsync(service, listener, cancellationToken).ConfigureAwait(false) ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            timeline.Fail("interrupted");
            return 1;
        }
        catch (Exception e) when (e is CommunicationException or TimeoutException or InvalidOperationException or IOException or HttpRequestException)
        {
            timeline.Fail($"{e.GetType().Name}: {e.Message}");
            if (host is not null && e is CommunicationException or TimeoutException)
                await Console.Error.WriteLineAsync($"Last lines of the host:{Environment.NewLine}{host.Tail()}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
                timeline.Write("host stopped");
            }
        }
    }

    private async Task<bool> RunSessionAsync(Uri service, CallbackListener listener, CancellationToken cancellationToken)
    {
        var client = await WorkServiceClient.OpenAsync(service).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            using var abortOnCancel = cancellationToken.Register(client.Abort);
            timeline.Write("reliable session open (WS-RM 1.1, ordered, SOAP 1.2 + WS-Addressing 1.0)");

            var instanceId = Guid.NewGuid();
            if (options.ReplyTo)
                client.StartWorkWithReplyTo(instanceId, options.Steps, listener.Address);
            else
                client.StartWorkWithCallbackContext(instanceId, options.Steps, listener.Address);
            var how = options.ReplyTo ? "WS-Addressing ReplyTo" : "CallbackContext header";
            timeline.Write($"StartWork({instanceId}, {options.Steps} steps) → callback to {listener.Address} ({how})");

            for (var index = 1; index <= options.Items; index++)
                client.AddItem(instanceId, index, $"item {index}");
            timeline.Write($"AddItem 1..{options.Items} sent over the session");

            var (status, calls) = await PollAsync(client, instanceId, s => s.ItemCount >= options.Items || s.State == "Completed", cancellationToken).ConfigureAwait(false);
            timeline.Write($"GetStatus: {status}{Calls(calls)}");

            var callback = await WaitForCallbackAsync(listener, instanceId, cancellationToken).ConfigureAwait(false);
            if (callback is null)
                return false;
            if (callback.ContextInstanceId != instanceId.ToString("D") || callback.ItemCount > options.Items)
            {
                timeline.Fail($"the callback should carry Context instanceId={instanceId} and at most {options.Items} items");
                return false;
            }

            // itemCount is what the instance held when the work finished; items still in flight then count later.
            if (callback.ItemCount < options.Items)
                timeline.Write($"   (the work finished before items {callback.ItemCount + 1}..{options.Items} were applied)");

            (status, calls) = await PollAsync(client, instanceId, s => s.State == "Completed" && s.CallbackDelivered, cancellationToken).ConfigureAwait(false);
            timeline.Write($"GetStatus: {status}{Calls(calls)}");
            if (status.State != "Completed" || !status.CallbackDelivered || status.ItemCount != options.Items || status.LastIndex != options.Items || !status.InOrder)
            {
                timeline.Fail($"expected Completed with {options.Items} items in order and the callback delivered within {StatusTimeout.TotalSeconds:0} s");
                return false;
            }
        }

        timeline.Write("reliable session closed");
        return true;
    }

    private async Task<WorkCompletedMessage?> WaitForCallbackAsync(CallbackListener listener, Guid instanceId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            return await listener.WaitAsync(instanceId, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timeline.Fail($"no WorkCompleted callback within {options.Timeout.TotalSeconds:0} s (--timeout)");
            return null;
        }
    }

    /// <summary>GetStatus until <paramref name="done"/> holds or <see cref="StatusTimeout"/> passes; the saga is updated from the bus, a moment after the edge accepted the message.</summary>
    private static async Task<(WorkStatus Status, int Calls)> PollAsync(WorkServiceClient client, Guid instanceId, Func<WorkStatus, bool> done, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StatusTimeout;
        for (var calls = 1; ; calls++)
        {
            var status = client.GetStatus(instanceId);
            if (done(status) || DateTime.UtcNow >= deadline)
                return (status, calls);
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Calls(int calls) => calls == 1 ? "" : $" (after {calls} GetStatus calls)";
}
