using System.Text.Json;
using DuplexBus.Callbacks;
using DuplexBus.Diagnostics.Gauges;
using DuplexBus.OperatorConsole;
using DuplexBus.Outbox;
using DuplexBus.Parking;
using DuplexBus.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

public static class ConsoleEndpointExtensions
{
    /// <summary>The header every state-changing console call must carry: a page on another site cannot set it.</summary>
    public const string ActionHeader = "X-DuplexBus-Console";

    private const int ListLimit = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Serves the operator console at <paramref name="path"/>: a page (no build step, no external script) over a JSON
    /// API for health, throughput and backlog, open sequences, saga instances, parked messages and dead-lettered
    /// callbacks, with replay through the same stores as the <c>parked</c> and <c>callbacks</c> commands. Loopback only
    /// unless <c>DuplexBus:Console:AllowRemote</c>; always an administrator's credentials; every replay logged.
    /// </summary>
    public static IEndpointRouteBuilder MapDuplexBusConsole(this IEndpointRouteBuilder endpoints, string path = "/console")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<OperatorConsoleOptions>>().Value.Enabled)
            return endpoints;
        var console = endpoints.MapGroup(path);
        console.MapGet("", Admitted((http, _) => Results.Text(ConsolePage.Html, "text/html; charset=utf-8")));
        console.MapGet("/api/overview", Admitted(OverviewAsync));
        console.MapGet("/api/sequences", Admitted(async (http, _) =>
            Results.Json(await ConsoleQueries.OpenSequencesAsync(Database(http), ListLimit, http.RequestAborted).ConfigureAwait(false), Json)));
        console.MapGet("/api/sagas", Admitted(SagasAsync));
        console.MapGet("/api/parked", Admitted(async (http, _) => Results.Json(
            (await http.RequestServices.GetRequiredService<ParkedMessageStore>().ListAsync(ListLimit, http.RequestAborted).ConfigureAwait(false))
                .Select(p => new ParkedView(p.Id, p.Source, p.MessageId, p.MessageType, p.Reason, p.ParkedAt)), Json)));
        console.MapGet("/api/callbacks/dead", Admitted(async (http, _) => Results.Json(
            (await http.RequestServices.GetRequiredService<CallbackStore>().ListAsync(CallbackState.DeadLettered, ListLimit, http.RequestAborted).ConfigureAwait(false))
                .Select(c => new DeadCallbackView(c.Id, c.CorrelationId, c.Address, c.Action, c.Attempts, c.LastStatusCode, c.LastError, c.CreatedAt)), Json)));
        console.MapPost("/api/parked/replay", Admitted(ReplayParkedAsync, action: true));
        console.MapPost("/api/callbacks/replay", Admitted(ReplayCallbacksAsync, action: true));
        return endpoints;
    }

    private static async Task<IResult> OverviewAsync(HttpContext http, string administrator)
    {
        var services = http.RequestServices;
        var health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(http.RequestAborted).ConfigureAwait(false);
        var gauges = await services.GetRequiredService<OperationalGauges>().ReadAsync(http.RequestAborted).ConfigureAwait(false);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return Results.Json(new
        {
            Administrator = administrator,
            Health = health.Entries.Select(e => new { Name = e.Key, Status = e.Value.Status.ToString(), e.Value.Description }),
            Gauges = gauges,
            Counters = services.GetRequiredService<ConsoleCounters>().Totals(),
            PausedDestinations = services.GetRequiredService<DestinationPauses>().Paused(now).Select(p => new { p.Destination, p.Until }),
            ReadAt = now,
        }, Json);
    }

    private static async Task<IResult> SagasAsync(HttpContext http, string administrator)
    {
        var db = Database(http);
        var states = await ConsoleQueries.SagaStatesAsync(db, http.RequestAborted).ConfigureAwait(false);
        SagaInstanceView? found = null;
        var search = http.Request.Query["instance"].ToString();
        if (search.Length > 0)
        {
            if (!Guid.TryParse(search, out var id))
                return Results.BadRequest(new { Error = "Not an instance id (a GUID): " + search });
            found = await ConsoleQueries.FindInstanceAsync(db, id, http.RequestAborted).ConfigureAwait(false);
        }
        return Results.Json(new { States = states, Searched = search.Length > 0 ? search : null, Found = found }, Json);
    }

    private static async Task<IResult> ReplayParkedAsync(HttpContext http, string administrator)
    {
        if (await ReadIdsAsync(http).ConfigureAwait(false) is not { } ids)
            return Results.BadRequest(new { Error = "Expected {\"ids\": [\"<guid>\", …]} with at least one id." });
        var result = await http.RequestServices.GetRequiredService<ParkedMessageStore>().ReplayAsync(ids, null, http.RequestAborted).ConfigureAwait(false);
        if (result.Replayed.Count > 0)
            http.RequestServices.GetRequiredService<OutboxSignal>().Notify();
        var replayed = result.Replayed.Select(p => p.Id).ToList();
        var notReplayed = ids.Except(replayed).ToDictionary(
            id => id,
            id => result.Unreadable.FirstOrDefault(u => u.Id == id)?.Reason is { } reason ? "stays parked: " + reason : "not parked");
        Logger(http).ParkedReplayed(administrator, Remote(http), replayed.Count, ids.Count, string.Join(",", ids));
        return Results.Json(new ReplayAnswer(replayed, notReplayed), Json);
    }

    private static async Task<IResult> ReplayCallbacksAsync(HttpContext http, string administrator)
    {
        if (await ReadIdsAsync(http).ConfigureAwait(false) is not { } ids)
            return Results.BadRequest(new { Error = "Expected {\"ids\": [\"<guid>\", …]} with at least one id." });
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var replayed = await http.RequestServices.GetRequiredService<CallbackStore>().ReplayAsync(ids, now, http.RequestAborted).ConfigureAwait(false);
        if (replayed.Count > 0)
            http.RequestServices.GetRequiredService<CallbackSignal>().Notify();
        Logger(http).CallbacksReplayed(administrator, Remote(http), replayed.Count, ids.Count, string.Join(",", ids));
        return Results.Json(new ReplayAnswer(replayed, ids.Except(replayed).ToDictionary(id => id, _ => "not dead-lettered")), Json);
    }

    private static async Task<IReadOnlyList<Guid>?> ReadIdsAsync(HttpContext http)
    {
        try
        {
            var request = await http.Request.ReadFromJsonAsync<ReplayRequest>(Json, http.RequestAborted).ConfigureAwait(false);
            return request?.Ids is { Count: > 0 and <= ListLimit } ids ? ids.Distinct().ToList() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="handle"/> for an admitted administrator; an action also needs <see cref="ActionHeader"/>.</summary>
    private static RequestDelegate Admitted(Func<HttpContext, string, Task<IResult>> handle, bool action = false) => async http =>
    {
        if (await http.RequestServices.GetRequiredService<ConsoleAccess>().AdmitAsync(http).ConfigureAwait(false) is not { } administrator)
            return;
        http.Response.Headers.CacheControl = "no-store";
        if (action && !http.Request.Headers.ContainsKey(ActionHeader))
        {
            await Results.BadRequest(new { Error = $"A console action needs the {ActionHeader} header." }).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        await (await handle(http, administrator).ConfigureAwait(false)).ExecuteAsync(http).ConfigureAwait(false);
    };

    private static RequestDelegate Admitted(Func<HttpContext, string, IResult> handle) => Admitted((http, administrator) => Task.FromResult(handle(http, administrator)));

    private static Microsoft.EntityFrameworkCore.DbContext Database(HttpContext http) => DuplexBusDatabase.Get(http.RequestServices);

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("DuplexBus.OperatorConsole");

    private static string Remote(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "?";
}
