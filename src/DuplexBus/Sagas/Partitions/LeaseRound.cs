namespace DuplexBus.Sagas.Partitions;

/// <summary>What a host's lease round found.</summary>
/// <param name="Now">The database's time of the round (UTC): new leases are reckoned from it.</param>
/// <param name="LiveHosts">Hosts seen within one lease duration, this one included.</param>
/// <param name="Held">The queues whose leases this host still held, now renewed.</param>
internal sealed record LeaseRound(DateTime Now, int LiveHosts, IReadOnlyList<string> Held);
