using System.Diagnostics;
using System.ServiceModel;
using System.Xml.Linq;
using DuplexBus.Testing.Proxy;
using Xunit.Abstractions;

namespace DuplexBus.IntegrationTests.Wcf;

public sealed class ZzProbe2(ITestOutputHelper output)
{
    public static TheoryData<string> Cases =>
    [
        "P1 drop-request-2-x3 oneway", "P2 drop-reply-2-x3 oneway", "P3 drop-request-2-x3 reqsession", "P4 drop-reply-2-x3 reqsession",
        "P5 duplicate-all oneway", "P6 drop-reply-cs-x3 oneway", "P7 drop-request-term-x3 rm11 oneway", "Z buffer0-once oneway", "Z2 buffer0-once reqsession",
        "P8 drop-reply-2-x8 oneway", "P9 delay-all reqsession", "PA drop-request-all-0.4 rm11 reqsession", "Z3 buffer0-then-8 oneway",
        "PB drop-request-all-0.3 oneway", "PC drop-reply-cs-x1 reqsession",
    ];

    [Theory, MemberData(nameof(Cases))]
    public async Task Probe(string which)
    {
        var id = which.Split(' ')[0];
        var requestSession = which.EndsWith("reqsession", StringComparison.Ordinal);
        var bindingName = which.Contains("rm11", StringComparison.Ordinal) ? "RM 1.1 Soap12WSAddressing10 ordered" : "RM 1.0 Soap12WSAddressing10 ordered";
        var bufferZeroSent = 0;
        RmExchange Alter(RmExchange e)
        {
            if (id == "Z3" && e.Action.EndsWith("AckRequested", StringComparison.Ordinal))
            {
                var r = new XElement(e.Response!);
                var ack = r.Descendants().First(x => x.Name.LocalName == "SequenceAcknowledgement");
                ack.Add(new XElement(RmNames.NetRm + "BufferRemaining", 8));
                return e with { Response = r };
            }

            if (id.StartsWith('Z') && e.MessageNumber == 1 && Interlocked.Exchange(ref bufferZeroSent, 1) == 0)
            {
                var r = new XElement(e.Response!);
                var ack = r.Descendants().First(x => x.Name.LocalName == "SequenceAcknowledgement");
                ack.Add(new XElement(RmNames.NetRm + "BufferRemaining", 0));
                return e with { Response = r };
            }

            return e;
        }

        await using var stub = await RmStub.StartAsync(Alter);
        var clock = Stopwatch.StartNew();
        var arrivals = new List<string>();
        bool Is2(HttpRequestInfo r) => r.Body.Contains("MessageNumber>2<", StringComparison.Ordinal) && (r.Action?.EndsWith("AddItem", StringComparison.Ordinal) ?? false);
        var options = id switch
        {
            "P1" or "P3" => new LossyProxyOptions { DropRequest = 1, Applies = Is2 },
            "P2" or "P4" => new LossyProxyOptions { DropReply = 1, Applies = Is2 },
            "P8" => new LossyProxyOptions { DropReply = 1, Applies = Is2, MaxConsecutiveFailures = 8 },
            "P5" => new LossyProxyOptions { Duplicate = 1 },
            "P6" => new LossyProxyOptions { DropReply = 1, Applies = r => r.Action?.EndsWith("/CreateSequence", StringComparison.Ordinal) == true },
            "P7" => new LossyProxyOptions { DropRequest = 1, Applies = r => r.Action?.EndsWith("/TerminateSequence", StringComparison.Ordinal) == true },
            "P9" => new LossyProxyOptions { Delay = 1, MaxDelay = TimeSpan.FromMilliseconds(300), Seed = 3 },
            "PA" => new LossyProxyOptions { DropRequest = 0.4, Seed = 5 },
            "PB" => new LossyProxyOptions { DropRequest = 0.3, DropReply = 0.2, Seed = 11, Applies = r => r.Body.Contains("MessageNumber", StringComparison.Ordinal) },
            "PC" => new LossyProxyOptions { DropReply = 1, MaxConsecutiveFailures = 1, Applies = r => r.Action?.EndsWith("/CreateSequence", StringComparison.Ordinal) == true },
            _ => new LossyProxyOptions(),
        };
        var inner = options.Applies;
        options.Applies = r =>
        {
            lock (arrivals)
                arrivals.Add($"+{clock.ElapsedMilliseconds}ms {r.Action} {(r.Body.Contains("MessageNumber>", StringComparison.Ordinal) ? r.Body[(r.Body.IndexOf("MessageNumber>", StringComparison.Ordinal) + 14)..].Split('<')[0] : "")} via {Environment.CurrentManagedThreadId}");
            return inner?.Invoke(r) ?? true;
        };
        await using var proxy = await LossyProxy.StartAsync(stub.BaseAddress, options);
        var address = new Uri(proxy.BaseAddress, "/services/work");
        Exception? error = null;
        try
        {
            await Task.Run(() =>
            {
                var binding = RmClientBinding.Find(bindingName).Create();
                binding.SendTimeout = TimeSpan.FromSeconds(100);
                binding.CloseTimeout = TimeSpan.FromSeconds(100);
                binding.OpenTimeout = TimeSpan.FromSeconds(100);
                var n = id is "PA" or "P9" or "PB" ? 10 : 3;
                if (requestSession)
                {
                    var f = new ChannelFactory<IWorkService>(binding, new EndpointAddress(address));
                    var c = f.CreateChannel();
                    for (var i = 1; i <= n; i++) c.AddItem(Guid.Empty, i, "v");
                    ((IClientChannel)c).Close();
                }
                else
                {
                    var f = new ChannelFactory<IOneWayWorkService>(binding, new EndpointAddress(address));
                    var c = f.CreateChannel();
                    for (var i = 1; i <= n; i++) c.AddItem(Guid.Empty, i, "v");
                    ((IClientChannel)c).Close();
                }
            }).WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (Exception ex)
        {
            error = ex;
        }

        output.WriteLine($"{which} [{bindingName}] took {clock.ElapsedMilliseconds}ms -> {(error is null ? "OK" : error.GetType().Name + ": " + error.Message)}");
        output.WriteLine("proxy arrivals:");
        lock (arrivals)
            arrivals.ForEach(a => output.WriteLine("  " + a));
        output.WriteLine("proxy log:");
        foreach (var l in proxy.Log)
            output.WriteLine("  " + l);
        output.WriteLine("stub:");
        foreach (var e in stub.Exchanges)
            output.WriteLine($"  +{e.At.TotalMilliseconds:0}ms {e.Action[(e.Action.LastIndexOf('/') + 1)..]} {e.MessageNumber} [{string.Join(",", e.HeaderNames)}] -> {e.Status}");
        foreach (var e in stub.Exchanges.Where(x => x.Action.EndsWith("/CreateSequence", StringComparison.Ordinal)))
            output.WriteLine("  CS MessageID " + e.Request.Descendants().First(x => x.Name.LocalName == "MessageID").Value);
        if (id.StartsWith('Z'))
        {
            foreach (var e in stub.Exchanges.Where(x => x.Action.Contains("AckRequested", StringComparison.Ordinal)).Take(1))
                output.WriteLine(e.Describe());
        }
    }
}
