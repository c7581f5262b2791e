using System.Globalization;
using System.Xml.Linq;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>What the <see cref="RmStub"/> knows of one sequence: the numbers received, to acknowledge them.</summary>
internal sealed class RmStubSequence(string id, string? offeredId)
{
    private readonly Lock gate = new();
    private readonly List<long> arrivals = [];

    public string Id { get; } = id;

    /// <summary>The identifier the client offered for the reply sequence, if it did.</summary>
    public string? OfferedId { get; } = offeredId;

    public IReadOnlyList<long> Arrivals
    {
        get
        {
            lock (gate)
            {
                return [.. arrivals];
            }
        }
    }

    public void Receive(long number)
    {
        lock (gate)
        {
            arrivals.Add(number);
        }
    }

    public XElement Acknowledgement(XNamespace rm, bool final)
    {
        var ack = new XElement(rm + "SequenceAcknowledgement", new XElement(rm + "Identifier", Id));
        foreach (var (lower, upper) in Ranges())
        {
            ack.Add(new XElement(
                rm + "AcknowledgementRange",
                new XAttribute("Lower", lower.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("Upper", upper.ToString(CultureInfo.InvariantCulture))));
        }

        if (final)
            ack.Add(new XElement(rm + "Final"));
        return ack;
    }

    private List<(long Lower, long Upper)> Ranges()
    {
        List<long> numbers;
        lock (gate)
        {
            numbers = [.. arrivals.Distinct().Order()];
        }

        var ranges = new List<(long, long)>();
        foreach (var n in numbers)
        {
            if (ranges.Count > 0 && ranges[^1].Item2 == n - 1)
                ranges[^1] = (ranges[^1].Item1, n);
            else
                ranges.Add((n, n));
        }

        return ranges;
    }
}
