using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace DuplexBus.Callbacks;

/// <summary>
/// Sends one callback attempt over HTTP. The allow-list is applied twice: to the address as written, and to every IP
/// address the host name resolves to at connect time — the connection goes only to an address that passed, so a
/// DNS answer that changed since the call was accepted (rebinding) cannot steer a callback inside the network.
/// No proxy (it would connect for us) and no redirects (they would leave the checked address). The allow-list is
/// the edge's (<see cref="CallbackAddressGuard.Policy"/>), so both checks always agree.
/// Every attempt carries <c>Idempotency-Key</c> (IETF httpapi draft) with the callback's MessageID: a callback in
/// plain SOAP without WS-Addressing has no MessageID header, and the receiver still needs one stable id to drop
/// the duplicates that retries and lost leases cause.
/// </summary>
public sealed class CallbackSender : IDisposable
{
    private const int MaxResponseBytes = 64 * 1024;

    /// <summary>The header of draft-ietf-httpapi-idempotency-key-header: a structured-field string, the same on every attempt.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly CallbackAddressPolicy _policy;
    private readonly TimeSpan _timeout;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public CallbackSender(IOptions<CallbackOptions> options, CallbackAddressGuard guard, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(time);
        _policy = guard.Policy;
        _time = time;
        _timeout = options.Value.Timeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
            // The traceparent is written per callback (CallbackTrace): it belongs to the stored trace, not to whatever is
            // current. A propagator that writes nothing (not null, which would also drop HttpClient's own span).
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<CallbackAttemptResult> SendAsync(CallbackMessage callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var check = _policy.CheckAddress(callback.Address);
        if (!check.Allowed)
            return CallbackAttemptResult.NotAllowed(check.Reason ?? callback.Address);

        var envelope = CallbackEnvelope.For(callback);
        using var request = new HttpRequestMessage(HttpMethod.Post, callback.Address) { Content = new ByteArrayContent(envelope.Content) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(envelope.ContentType);
        if (envelope.SoapAction is { } soapAction)
            request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, IdempotencyKeyOf(callback));
        if (CallbackTrace.HeaderFor(callback, Activity.Current) is { } traceParent)
            request.Headers.TryAddWithoutValidation(CallbackTrace.Header, traceParent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadLimitedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            var retryAfter = CallbackRetryAfter.WaitFrom(response.Headers.RetryAfter, _time.GetUtcNow());
            return CallbackAttemptResult.FromResponse(response.StatusCode, body, retryAfter);
        }
        catch (HttpRequestException e) when (Refusal(e) is { } refused)
        {
            return CallbackAttemptResult.NotAllowed(refused.Message);
        }
        catch (HttpRequestException e)
        {
            return CallbackAttemptResult.Unreachable(e.Message);
        }
        catch (IOException e)
        {
            // The connection broke while the answer was read.
            return CallbackAttemptResult.Unreachable(e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CallbackAttemptResult.Unreachable($"no answer within {_timeout.TotalSeconds:0.###} s");
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The callback's MessageID (<c>urn:uuid:…</c>, as in its wsa:MessageID when it has one) as an sf-string.</summary>
    public static string IdempotencyKeyOf(CallbackMessage callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return "\"urn:uuid:" + callback.Id.ToString("D") + "\"";
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);

        string? refusal = null;
        Exception? failure = null;
        foreach (var address in addresses)
        {
            var check = _policy.CheckIp(address);
            if (!check.Allowed)
            {
                refusal ??= $"{endpoint.Host} resolves to {address}: {check.Reason}";
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failure = e;
            }
        }
        if (failure is not null)
            throw failure;
        throw new CallbackAddressRefusedException(refusal ?? $"{endpoint.Host} resolves to no address");
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // Rented: a fresh 64 KB array per attempt would be most of the dispatcher's garbage (answers are mostly empty).
            var buffer = ArrayPool<byte>.Shared.Rent(MaxResponseBytes);
            try
            {
                var length = 0;
                int read;
                while (length < MaxResponseBytes && (read = await stream.ReadAsync(buffer.AsMemory(length, MaxResponseBytes - length), cancellationToken).ConfigureAwait(false)) > 0)
                    length += read;
                return buffer[..length];
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static CallbackAddressRefusedException? Refusal(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is CallbackAddressRefusedException refused)
                return refused;
        }
        return null;
    }
}
