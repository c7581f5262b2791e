using System.Diagnostics;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Benchmarks.Work;

/// <summary>One AddItem sent through a running host and followed until the saga has applied it.</summary>
internal static class AppliedItem
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sends item 1 of a fresh instance as plain SOAP and waits until the saga has applied it, so nothing of it is in
    /// flight when the caller stops the host; returns the instance.
    /// </summary>
    public static async Task<Guid> SendAsync(HostProcess host, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(host);
        var instance = Guid.NewGuid();
        using (var http = new HttpClient())
            await PlainSoap.AddItemAsync(http, new Uri(host.BaseAddress, "/services/work"), instance, 1, "benchmark");
        var clock = Stopwatch.StartNew();
        while ((await WorkStates.ReadAsync(dataSource)).GetValueOrDefault(instance)?.ItemCount != 1)
        {
            if (clock.Elapsed > Timeout)
                throw new TimeoutException($"An AddItem the edge accepted was not applied within {Timeout.TotalSeconds:F0} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        return instance;
    }
}
