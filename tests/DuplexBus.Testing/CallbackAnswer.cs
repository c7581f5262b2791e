namespace DuplexBus.Testing;

/// <summary>What a <see cref="CallbackReceiver"/> answers: a status code and, optionally, a body.</summary>
public sealed record CallbackAnswer(int StatusCode, string? ContentType = null, string? Body = null)
{
    /// <summary>HTTP 200 that promises a longer body than it sends, then drops the connection.</summary>
    public static CallbackAnswer CutShort { get; } = new(200, "text/plain; charset=utf-8", "<partial") { DropsConnection = true };

    /// <summary>Never answers: the sender's timeout ends the attempt.</summary>
    public static CallbackAnswer Hang { get; } = new(0) { Hangs = true };

    public bool Hangs { get; init; }

    /// <summary>How long to wait before answering (a slow client).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Extra response headers, e.g. <c>Retry-After</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>HTTP 503 with <c>Retry-After: seconds</c>: the client is busy and says when to come back.</summary>
    public static CallbackAnswer Unavailable(int retryAfterSeconds) =>
        new(503) { Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    /// <summary>HTTP 429 Too Many Requests, with <c>Retry-After: seconds</c>.</summary>
    public static CallbackAnswer TooManyRequests(int retryAfterSeconds) =>
        new(429) { Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    /// <summary>Sends the status and the start of the body, then aborts the connection.</summary>
    public bool DropsConnection { get; init; }

    public static CallbackAnswer Accepted { get; } = new(202);

    public static CallbackAnswer ServerError { get; } = new(500);

    public static CallbackAnswer BadRequest { get; } = new(400);

    /// <summary>A status (429, 503, …) with a <c>Retry-After</c> header: delta-seconds or an HTTP-date.</summary>
    public static CallbackAnswer RetryAfter(int statusCode, string retryAfter) =>
        new(statusCode) { Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfter } };

    /// <summary>HTTP 500 with a SOAP 1.2 Sender fault: the client's final refusal of the message.</summary>
    public static CallbackAnswer SoapFault { get; } = new(
        500,
        "application/soap+xml; charset=utf-8",
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault>"
        + "<s:Code><s:Value>s:Sender</s:Value></s:Code>"
        + "<s:Reason><s:Text xml:lang=\"en\">The client does not accept this callback.</s:Text></s:Reason>"
        + "</s:Fault></s:Body></s:Envelope>");
}
