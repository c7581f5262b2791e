namespace DuplexBus.Testing;

/// <summary>How to launch the DuplexBus host for a test.</summary>
public sealed class HostProcessOptions
{
    /// <summary>Extra environment for the host, e.g. ConnectionStrings__DuplexBus.</summary>
    /// <remarks>
    /// The sample saga gets 2 partitions rather than 8: each is a quorum queue, and one broker serves every test class
    /// of a run. Tests about partitioning set their own count.
    /// </remarks>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Samples__Work__SagaPartitions"] = "2",
    };

    /// <summary>Extra command-line arguments after <c>--urls</c>.</summary>
    public IList<string> Arguments { get; } = [];

    /// <summary>Loopback HTTP port; a free one is picked when null.</summary>
    public int? Port { get; set; }

    /// <summary>
    /// The path that must answer 200 before the host counts as started: readiness by default; <c>health/live</c>
    /// for tests of a host that is up but deliberately not ready.
    /// </summary>
    public string ReadyPath { get; set; } = "health/ready";

    /// <summary>How long to wait for <see cref="ReadyPath"/> to answer 200.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
