using System.Diagnostics;
using System.ServiceModel;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace DuplexBus.IntegrationTests.Wcf;

public sealed class ZzProbe(ITestOutputHelper output)
{
    private static readonly XNamespace Wsa10 = RmNames.Wsa10;

    public static TheoryData<string> Cases =>
    [
        "A csr-no-relatesto", "B csr-no-accept", "C accept-other", "D 202-on-2-once", "E ack-without-2-once", "F term10-ackonly",
        "G term10-empty200", "H close-no-relatesto", "I close-no-body", "J term11-202", "L ack-no-action", "N last-202-once",
        "R cs-202-once", "S ack-plain-200-empty", "T term10-out-200-ack", "U ack-soap-fault", "V close-final-wrong-range",
        "W csr-wrong-relatesto", "X ack-mustunderstand-0", "Y term11-nobody-finalack",
    ];

    [Theory, MemberData(nameof(Cases))]
    public async Task Probe(string which)
    {
        var id = which.Split(' ')[0];
        var counts = new Dictionary<string, int>();
        bool First(string key)
        {
            lock (counts)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
                return counts[key] == 1;
            }
        }

        RmExchange Alter(RmExchange e)
        {
            var op = e.Action[(e.Action.LastIndexOf('/') + 1)..];
            XElement? Clone() => e.Response is null ? null : new XElement(e.Response);
            XElement Header(XElement env) => env.Elements().First(x => x.Name.LocalName == "Header");
            XElement Body(XElement env) => env.Elements().First(x => x.Name.LocalName == "Body");
            switch (id)
            {
                case "A" when op == "CreateSequence":
                {
                    var r = Clone()!; Header(r).Elements().Where(h => h.Name.LocalName == "RelatesTo").Remove(); return e with { Response = r };
                }
                case "W" when op == "CreateSequence":
                {
                    var r = Clone()!; Header(r).Elements().First(h => h.Name.LocalName == "RelatesTo").Value = "urn:uuid:" + Guid.NewGuid(); return e with { Response = r };
                }
                case "B" when op == "CreateSequence":
                {
                    var r = Clone()!; Body(r).Descendants().Where(h => h.Name.LocalName == "Accept").Remove(); return e with { Response = r };
                }
                case "C" when op == "CreateSequence":
                {
                    var r = Clone()!; foreach (var a in Body(r).Descendants().Where(h => h.Name.LocalName == "Address")) a.Value = "http://other.example/x"; return e with { Response = r };
                }
                case "D" when op == "AddItem" && e.MessageNumber == 2 && First("d"):
                    return e with { Status = 202, Response = null };
                case "E" when op == "AddItem" && e.MessageNumber == 2 && First("e"):
                {
                    var r = Clone()!; var ack = Header(r).Elements().First(h => h.Name.LocalName == "SequenceAcknowledgement");
                    ack.Elements().Where(x => x.Name.LocalName == "AcknowledgementRange").Remove();
                    ack.Add(new XElement(ack.Name.Namespace + "AcknowledgementRange", new XAttribute("Lower", 1), new XAttribute("Upper", 1)));
                    return e with { Response = r };
                }
                case "F" when op == "TerminateSequence":
                {
                    var r = Clone()!; Body(r).RemoveNodes(); Header(r).Elements().First(h => h.Name.LocalName == "Action").Value = e.Action[..e.Action.LastIndexOf('/')] + "/SequenceAcknowledgement";
                    Header(r).Elements().Where(h => h.Name.LocalName == "RelatesTo").Remove(); return e with { Response = r };
                }
                case "G" when op == "TerminateSequence":
                {
                    var r = Clone()!; Body(r).RemoveNodes(); Header(r).RemoveNodes(); return e with { Response = r };
                }
                case "H" when op == "CloseSequence":
                {
                    var r = Clone()!; Header(r).Elements().Where(h => h.Name.LocalName == "RelatesTo").Remove(); return e with { Response = r };
                }
                case "I" when op == "CloseSequence":
                {
                    var r = Clone()!; Body(r).RemoveNodes(); return e with { Response = r };
                }
                case "Y" when op == "TerminateSequence":
                {
                    var r = Clone()!; Body(r).RemoveNodes(); return e with { Response = r };
                }
                case "J" when op == "TerminateSequence":
                    return e with { Status = 202, Response = null };
                case "L" when op == "AddItem":
                {
                    var r = Clone()!; Header(r).Elements().Where(h => h.Name.LocalName == "Action").Remove(); return e with { Response = r };
                }
                case "X" when op == "AddItem":
                {
                    var r = Clone()!; Header(r).Elements().First(h => h.Name.LocalName == "Action").Attributes().Remove(); return e with { Response = r };
                }
                case "N" when op == "LastMessage" && First("n"):
                    return e with { Status = 202, Response = null };
                case "R" when op == "CreateSequence" && First("r"):
                    return e with { Status = 202, Response = null };
                case "S" when op == "AddItem":
                    return e with { Status = 200, Response = null };
                case "T" when op == "TerminateSequence":
                {
                    var soap = e.Request.Name.Namespace;
                    var wsa = e.Request.Descendants().First(x => x.Name.LocalName == "Action").Name.Namespace;
                    var rm = e.Request.Descendants().First(x => x.Name.LocalName == "TerminateSequence").Name.Namespace;
                    var r = new XElement(soap + "Envelope", new XElement(soap + "Header", new XElement(wsa + "Action", rm.NamespaceName + "/SequenceAcknowledgement"),
                        new XElement(rm + "SequenceAcknowledgement", new XElement(rm + "Identifier", e.Request.Descendants(rm + "Identifier").First().Value), new XElement(rm + "AcknowledgementRange", new XAttribute("Lower", 1), new XAttribute("Upper", 4)))), new XElement(soap + "Body"));
                    return e with { Status = 200, Response = r };
                }
                case "U" when op == "AddItem" && e.MessageNumber == 2:
                {
                    var soap = e.Request.Name.Namespace;
                    var r = new XElement(soap + "Envelope", new XElement(soap + "Body", new XElement(soap + "Fault", new XElement("faultcode", "s:Server"), new XElement("faultstring", "boom"))));
                    return e with { Status = 500, Response = r };
                }
                case "V" when op == "CloseSequence":
                {
                    var r = Clone()!; var ack = Header(r).Elements().First(h => h.Name.LocalName == "SequenceAcknowledgement");
                    ack.Elements().First(x => x.Name.LocalName == "AcknowledgementRange").SetAttributeValue("Upper", 2);
                    return e with { Response = r };
                }
                default:
                    return e;
            }
        }

        await using var stub = await RmStub.StartAsync(Alter);
        var bindingName = id switch
        {
            "H" or "I" or "J" or "V" or "Y" => "RM 1.1 Soap12WSAddressing10 ordered",
            "X" => "RM 1.0 Soap11WSAddressingAugust2004 ordered",
            _ => "RM 1.0 Soap12WSAddressing10 ordered",
        };
        var requestSession = id is "B" or "C" or "F" or "G" or "W";
        var watch = Stopwatch.StartNew();
        Exception? error = null;
        try
        {
            await Task.Run(() =>
            {
                var binding = RmClientBinding.Find(bindingName).Create();
                binding.SendTimeout = TimeSpan.FromSeconds(25);
                binding.CloseTimeout = TimeSpan.FromSeconds(25);
                binding.OpenTimeout = TimeSpan.FromSeconds(25);
                if (requestSession)
                {
                    var f = new ChannelFactory<IWorkService>(binding, new EndpointAddress(stub.ServiceUri));
                    var c = f.CreateChannel();
                    for (var i = 1; i <= 3; i++) c.AddItem(Guid.Empty, i, "v");
                    ((IClientChannel)c).Close();
                }
                else
                {
                    var f = new ChannelFactory<IOneWayWorkService>(binding, new EndpointAddress(stub.ServiceUri));
                    var c = f.CreateChannel();
                    for (var i = 1; i <= 3; i++) c.AddItem(Guid.Empty, i, "v");
                    ((IClientChannel)c).Close();
                }
            }).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex)
        {
            error = ex;
        }

        output.WriteLine($"{which} [{bindingName}{(requestSession ? " request-session" : " output-session")}] took {watch.ElapsedMilliseconds}ms -> {(error is null ? "OK" : error.GetType().Name + ": " + error.Message)}");
        foreach (var e in stub.Exchanges)
            output.WriteLine($"  +{e.At.TotalMilliseconds:0}ms {e.Action[(e.Action.LastIndexOf('/') + 1)..]} {e.MessageNumber} [{string.Join(",", e.HeaderNames)}] -> {e.Status}");
        if (error is not null)
        {
            foreach (var e in stub.Exchanges.Where(x => x.Action.Contains("fault", StringComparison.Ordinal)))
                output.WriteLine(e.Request.ToString());
        }
    }
}
