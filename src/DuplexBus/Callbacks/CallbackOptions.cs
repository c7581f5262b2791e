using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Callbacks;

/// <summary>The callback dispatcher (section <c>DuplexBus:Callbacks</c>): how hard it tries, and where it may call.</summary>
public sealed class CallbackOptions
{
    /// <summary>Callbacks in flight at once, per host.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// How often the dispatcher looks for due callbacks it was not woken for (other hosts' leftovers, replays from
    /// another process). A retry or a lease coming due sooner is looked for when it comes due, but no sooner than this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between looks while nothing is due: each empty look in a row doubles the wait from
    /// <see cref="PollInterval"/> up to this. New callbacks of this host wake the dispatcher at once whatever the wait.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt may take, connection included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed callback belongs to one host; longer than <see cref="Timeout"/>, so only a crashed host loses it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Delay before the first retry; each further retry doubles it (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The cap of the backoff: a failing callback is tried at least this often until its window closes. A client's
    /// longer <c>Retry-After</c> is honoured (up to the end of the window).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// An optional bound on attempts before a callback is dead-lettered. Unset (the default): the retry window alone
    /// is the budget, so a client that is down for hours is still called back within it.
    /// </summary>
    [Range(1, 100_000)]
    public int? MaxAttempts { get; set; }

    /// <summary>
    /// The retry budget: time from the callback's creation (or its last replay) after which it is dead-lettered. The
    /// last attempt is made as it closes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan MaxRetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Failed attempts in a row (no answer in time, no connection, or 5xx) after which a host pauses callbacks to
    /// that destination (scheme, host and port), so a dead client does not hold up everyone else's callbacks.
    /// </summary>
    [Range(1, 1000)]
    public int PauseAfterFailures { get; set; } = 5;

    /// <summary>How long callbacks to a failing destination wait before one attempt probes it again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PauseFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>URI schemes a callback address may use.</summary>
    public List<string> AllowedSchemes { get; set; } = ["http", "https"];

    /// <summary>
    /// Host patterns a callback address must match: <c>client.example.com</c>, <c>*.example.com</c>, <c>127.0.0.1</c>,
    /// or <c>*</c>. Empty: every callback address is refused.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Networks (CIDR) a callback may connect to although they are loopback, private, link-local (cloud metadata),
    /// carrier-grade NAT or otherwise special. Public addresses need no entry.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>The allow-list these options describe.</summary>
    public CallbackAddressPolicy Policy(int maxAddressLength = CallbackAddressPolicy.DefaultMaxAddressLength) =>
        new(AllowedSchemes, AllowedHosts, AllowedNetworks) { MaxAddressLength = maxAddressLength };
}
