using DuplexBus.Testing;

namespace DuplexBus.Benchmarks.Edge;

/// <summary>How an edge figure loads the host: <paramref name="sessions"/> concurrent sessions, warmed up, then measured for <paramref name="duration"/>.</summary>
internal delegate Task<LoadResult> SessionLoad(HostProcess host, int sessions, WarmUp warmUp, TimeSpan duration);
