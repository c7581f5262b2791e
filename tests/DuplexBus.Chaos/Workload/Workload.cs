using DuplexBus.Chaos.Environment;

namespace DuplexBus.Chaos.Workload;

/// <summary>
/// The checkable traffic of one scenario: WCF reliable sessions (RM 1.0 and 1.1, ordered), resending plain SOAP
/// clients, and StartWorks with callbacks, each on an instance of its own, so every effect is known in advance.
/// </summary>
internal sealed class Workload
{
    private readonly List<InstanceLedger> ledgers = [];
    private readonly List<Task> clients = [];
    private readonly TaskCompletionSource warmedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int readyClients;
    private int expectedClients;

    private Task? completion;

    private Workload(WorkloadShape shape) => Shape = shape;

    public WorkloadShape Shape { get; }

    public IReadOnlyList<InstanceLedger> Ledgers => ledgers;

    /// <summary>Completes when every client is under way (session open, or a first answer) or gave up, so a fault hits traffic in flight.</summary>
    public Task WarmedUp => warmedUp.Task;

    public Task Completion => completion ??= Task.WhenAll(clients);

    public static Workload Start(Stage stage, WorkloadShape shape, HttpClient http, CancellationToken ct)
    {
        var workload = new Workload(shape)
        {
            expectedClients = (shape.SessionsPerRmVersion * 2) + shape.SoapClients + (stage.Receivers.Count > 0 ? shape.CallbackWorks : 0),
        };
        var until = DateTimeOffset.UtcNow + shape.ClientPatience;
        Uri Service() => stage.ServiceAddress;

        for (var i = 0; i < shape.SessionsPerRmVersion; i++)
        {
            foreach (var kind in new[] { ClientKind.WcfRm10, ClientKind.WcfRm11 })
            {
                var ledger = workload.Add(kind, $"wcf-{(kind == ClientKind.WcfRm10 ? "rm10" : "rm11")}-{i + 1}");
                workload.clients.Add(workload.Watch(ledger, WcfSessionClient.RunAsync(Service(), kind, ledger, shape.Items, shape.Pace, () => workload.Ready(ledger), ct)));
            }
        }

        for (var i = 0; i < shape.SoapClients; i++)
        {
            var ledger = workload.Add(ClientKind.Soap, $"soap{(i % 2 == 0 ? "12" : "11")}-{i + 1}");
            var client = new ResendingSoapClient(http, Service, soap12: i % 2 == 0);
            workload.clients.Add(workload.Watch(ledger, SendItemsAsync(client, ledger, shape, until, workload, ct)));
        }

        for (var i = 0; i < shape.CallbackWorks && stage.Receivers.Count > 0; i++)
        {
            var receiver = stage.Receivers[i % stage.Receivers.Count];
            var ledger = new InstanceLedger(Guid.NewGuid(), ClientKind.Callback, $"callback-{i + 1}@{receiver.Port}") { CallbackAddress = receiver.Address };
            workload.ledgers.Add(ledger);
            var client = new ResendingSoapClient(http, Service, soap12: true);
            workload.clients.Add(workload.Watch(ledger, StartWorkAsync(client, ledger, until, workload, ct)));
        }

        return workload;
    }

    private static async Task SendItemsAsync(ResendingSoapClient client, InstanceLedger ledger, WorkloadShape shape, DateTimeOffset until, Workload workload, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var index = 1; index <= shape.Items; index++)
        {
            ledger.MarkSent();
            if (!await client.SendAsync(SoapMessages.AddItemAction, SoapMessages.AddItem(ledger.Instance, index), null, ledger, until, ct).ConfigureAwait(false))
            {
                // The next item would overtake this one, whose fate is unknown: a careful client stops here.
                ledger.GaveUp = $"item {index} unanswered after {shape.ClientPatience.TotalSeconds:0}s";
                return;
            }

            ledger.MarkAnswered(index);
            workload.Ready(ledger);
            await Pacing.UntilDueAsync(started, shape.Pace * index, ct).ConfigureAwait(false);
        }
    }

    private static async Task StartWorkAsync(ResendingSoapClient client, InstanceLedger ledger, DateTimeOffset until, Workload workload, CancellationToken ct)
    {
        ledger.MarkSent();
        if (await client.SendAsync(SoapMessages.StartWorkAction, SoapMessages.StartWork(ledger.Instance, 2), ledger.CallbackAddress, ledger, until, ct).ConfigureAwait(false))
        {
            ledger.MarkAnswered(0);
            workload.Ready(ledger);
        }
        else
        {
            ledger.GaveUp = "StartWork unanswered";
        }
    }

    private InstanceLedger Add(ClientKind kind, string name)
    {
        var ledger = new InstanceLedger(Guid.NewGuid(), kind, name);
        ledgers.Add(ledger);
        return ledger;
    }

    /// <summary>A client is under way: a session opened, or a first answer came back (each client counts once).</summary>
    private void Ready(InstanceLedger ledger)
    {
        if (ledger.MarkReady() && Interlocked.Increment(ref readyClients) >= expectedClients)
            warmedUp.TrySetResult();
    }

    private async Task Watch(InstanceLedger ledger, Task client)
    {
        try
        {
            await client.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ledger.GaveUp ??= "cancelled";
        }
        catch (Exception e)
        {
            ledger.GaveUp ??= $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            Ready(ledger);
        }
    }
}
