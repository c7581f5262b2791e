using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DuplexBus.Demo;

/// <summary>
/// The client's own endpoint for callbacks: Kestrel on 127.0.0.1 and a port the kernel picks, serving
/// <c>POST /callbacks/work</c>. Each WorkCompleted is answered 202 and written on the timeline as it arrives; the
/// first one per instance completes <see cref="WaitAsync"/>, a retry of it (same MessageID) is only noted.
/// </summary>
public sealed class CallbackListener : IAsyncDisposable
{
    public const string Path = "/callbacks/work";

    private readonly WebApplication _app;
    private readonly Timeline _timeline;
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<WorkCompletedMessage>> _arrivals = new();

    private CallbackListener(WebApplication app, Timeline timeline)
    {
        _app = app;
        _timeline = timeline;
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/callbacks/work</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<CallbackListener> StartAsync(Timeline timeline, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The demo handles Ctrl+C itself (it must stop the embedded host too), so the listener does not listen for it.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var app = builder.Build();
        var listener = new CallbackListener(app, timeline);
        app.MapPost(Path, listener.ReceiveAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        listener.Address = new Uri(new Uri(app.Urls.Single()), Path);
        return listener;
    }

    /// <summary>The first WorkCompleted for <paramref name="instanceId"/> (it may have arrived already).</summary>
    public Task<WorkCompletedMessage> WaitAsync(Guid instanceId, CancellationToken cancellationToken) =>
        Arrival(instanceId).Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (message, error) = await WorkCompletedMessage.ReadAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            _timeline.Write($"← callback refused with 400: {error}");
            return Results.BadRequest();
        }

        var arrival = Arrival(message.InstanceId);
        lock (arrival)
        {
            // Written before the waiter resumes, so the timeline shows the arrival before what follows from it.
            if (arrival.Task.IsCompleted)
            {
                _timeline.Write($"← WorkCompleted again (MessageID {message.MessageId}): a retry, answered 202 and ignored");
            }
            else
            {
                _timeline.Write($"← {message}");
                arrival.SetResult(message);
            }
        }

        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private TaskCompletionSource<WorkCompletedMessage> Arrival(Guid instanceId) =>
        _arrivals.GetOrAdd(instanceId, _ => new TaskCompletionSource<WorkCompletedMessage>(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
