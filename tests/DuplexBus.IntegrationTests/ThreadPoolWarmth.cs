using System.Runtime.CompilerServices;

namespace DuplexBus.IntegrationTests;

internal static class ThreadPoolWarmth
{
    /// <summary>
    /// The WCF client blocks a pool thread per call, and test classes run side by side: without a floor the pool grows
    /// by about one thread a second, and a client's own background work (posting its fault, resending) waits behind
    /// blocked calls for longer than a test's patience.
    /// </summary>
    [ModuleInitializer]
    internal static void RaiseFloor() => ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 16), Math.Max(64, Environment.ProcessorCount * 16));
}
