using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;

namespace DuplexBus.Chaos.Workload;

/// <summary>
/// A real WCF client over an ordered reliable session: AddItem 1..N, then Close, which returns only when the service
/// acknowledged every message. So all N count as answered when Close succeeds, and none is known to be when the
/// session fails (then the checks require only that what was applied is a gap-free prefix, once each, in order).
/// </summary>
internal static class WcfSessionClient
{
    // A message lost at a kill is resent only by the WCF client's retry timer, whose gaps double from three times the
    // CreateSequence round trip (T, 3T, 7T, 15T … after the send; T is 4–9 s on a loaded machine). When the host is
    // down for most of a minute, two minutes can pass before a resend finds it up: the send must outwait that.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static Task RunAsync(Uri service, ClientKind kind, InstanceLedger ledger, int items, TimeSpan pace, Action opened, CancellationToken ct) =>
        Task.Factory.StartNew(() => Run(service, kind, ledger, items, pace, opened, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Run(Uri service, ClientKind kind, InstanceLedger ledger, int items, TimeSpan pace, Action opened, CancellationToken ct)
    {
        var factory = new ChannelFactory<IWorkService>(Binding(kind), new EndpointAddress(new Uri(service, "/services/work")));
        var channel = factory.CreateChannel();
        var client = (IClientChannel)channel;
        using var abort = ct.Register(() => client.Abort());
        try
        {
            client.Open();
            opened();
            var started = System.Diagnostics.Stopwatch.StartNew();
            for (var index = 1; index <= items; index++)
            {
                ledger.MarkSent();
                channel.AddItem(ledger.Instance, index, "v" + index);
                var wait = (pace * index) - started.Elapsed;
                if (wait > TimeSpan.Zero && ct.WaitHandle.WaitOne(wait))
                    break;
            }

            client.Close();
            factory.Close();
            if (!ct.IsCancellationRequested)
            {
                for (var index = 1; index <= items; index++)
                    ledger.MarkAnswered(index);
            }
        }
        catch (Exception e) when (e is CommunicationException or TimeoutException or ObjectDisposedException)
        {
            ledger.GaveUp = $"{e.GetType().Name}: {FirstLine(e.Message)}";
            ledger.Refused(e.GetType().Name);
            client.Abort();
            factory.Abort();
        }
    }

    private static CustomBinding Binding(ClientKind kind)
    {
        var (rm, version) = kind == ClientKind.WcfRm10
            ? (ReliableMessagingVersion.WSReliableMessagingFebruary2005, MessageVersion.Soap12WSAddressing10)
            : (ReliableMessagingVersion.WSReliableMessaging11, MessageVersion.Soap11WSAddressingAugust2004);
        return new CustomBinding(
            new ReliableSessionBindingElement(ordered: true) { ReliableMessagingVersion = rm },
            new TextMessageEncodingBindingElement(version, Encoding.UTF8),
            new HttpTransportBindingElement())
        {
            OpenTimeout = Timeout,
            SendTimeout = Timeout,
            CloseTimeout = Timeout,
        };
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
