namespace DuplexBus.Edge.Sessions;

/// <summary>
/// An upper bound on the open sequences of one client, or of all clients (table rm_admission); see
/// <see cref="OpenSequenceCounts"/>.
/// </summary>
public sealed class RmAdmissionRow
{
    /// <summary>A client key (<c>user:…</c> or <c>address:…</c>), or <see cref="OpenSequenceCounts.AllClients"/>.</summary>
    public string Client { get; set; } = "";

    /// <summary>Never fewer than the sequences that count as open; more once some of them have ended.</summary>
    public long OpenAtMost { get; set; }
}
