using System.Runtime.InteropServices;
using DuplexBus.Demo;

// The front end of the durable duplex scenario, with the real WCF client: see DuplexScenario.
var options = DemoOptions.Parse(args, out var error);
if (options is null)
{
    if (error is { Length: > 0 })
        await Console.Error.WriteLineAsync(error);
    await (error is { Length: > 0 } ? Console.Error : Console.Out).WriteLineAsync(DemoOptions.Usage);
    return error is { Length: > 0 } ? 1 : 0;
}

using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await new DuplexScenario(options, new Timeline()).RunAsync(stop.Token);

void Stop(PosixSignalContext context)
{
    // Unwind through the scenario, so the embedded host is stopped and its data removed.
    context.Cancel = true;
    stop.Cancel();
}
