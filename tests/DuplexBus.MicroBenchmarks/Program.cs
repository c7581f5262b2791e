// Micro-benchmarks of the pure per-message steps (envelope reading, the WS-RM destination step, the acknowledgement
// writer, and the three composed), with time and bytes allocated per operation. From the repository root:
//   dotnet run -c Release --project tests/DuplexBus.MicroBenchmarks -- --filter '*'      (all; about 10 minutes)
//   dotnet run -c Release --project tests/DuplexBus.MicroBenchmarks -- --quick           (smoke run, in-process, under 20 s)
//   dotnet run -c Release --project tests/DuplexBus.MicroBenchmarks -- --filter '*RmDestination*'
// Any other BenchmarkDotNet option works too (--list flat, --exporters json, ...); without --filter, all run.
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

const string Quick = "--quick";

var quick = args.Contains(Quick, StringComparer.Ordinal);
var arguments = args.Where(a => a != Quick).ToList();
// BenchmarkSwitcher asks on the console which benchmarks to run when no filter is given; a CI job cannot answer.
if (!arguments.Any(a => a is "--filter" or "-f"))
    arguments.AddRange(["--filter", "*"]);

var config = quick
    ? DefaultConfig.Instance.AddJob(
        // Numbers good enough to see that every benchmark runs and what it allocates, not to compare: one process,
        // one warm-up and three short iterations each.
        Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithIterationTime(TimeInterval.FromMilliseconds(50))
            .WithId("Quick"))
    : DefaultConfig.Instance;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. arguments], config);
