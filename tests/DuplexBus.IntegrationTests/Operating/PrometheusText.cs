using System.Globalization;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>The samples of a Prometheus text exposition: metric name, label text and value, one per line.</summary>
internal sealed record PrometheusSample(string Name, string Labels, double Value)
{
    public static IReadOnlyList<PrometheusSample> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(ParseLine)
            .ToList();

    private static PrometheusSample ParseLine(string line)
    {
        var labelsAt = line.IndexOf('{', StringComparison.Ordinal);
        var nameEnd = labelsAt >= 0 ? labelsAt : line.IndexOf(' ', StringComparison.Ordinal);
        var labelsEnd = labelsAt >= 0 ? line.LastIndexOf('}') + 1 : nameEnd;
        var value = line[labelsEnd..].Trim().Split(' ')[0];
        return new PrometheusSample(
            line[..nameEnd],
            labelsAt >= 0 ? line[labelsAt..labelsEnd] : "",
            double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
