using DuplexBus.Callbacks;
using DuplexBus.Edge;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using DuplexBus.Sagas.Partitions;
using Microsoft.Extensions.Options;

namespace DuplexBus.Configuration;

/// <summary>Checks the data annotations of the edge options at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class EdgeOptionsValidator : IValidateOptions<EdgeOptions>;

/// <summary>Checks the data annotations of the backlog limit at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class BacklogLimitOptionsValidator : IValidateOptions<Edge.Backlog.BacklogLimitOptions>;

/// <summary>Checks the data annotations of the outbox options at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class OutboxOptionsValidator : IValidateOptions<OutboxOptions>;

/// <summary>Checks the data annotations of the retention options at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;

/// <summary>Checks the data annotations of the WS-RM limits at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class RmLimitsValidator : IValidateOptions<RmLimits>;

/// <summary>Checks the data annotations of the callback options at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class CallbackOptionsValidator : IValidateOptions<CallbackOptions>;

/// <summary>
/// What annotations cannot say about the callback options: the lease outlives an attempt, the backoff fits inside the
/// retry window (the budget), and the allow-list parses.
/// </summary>
internal sealed class CallbackOptionsRules : IValidateOptions<CallbackOptions>
{
    public ValidateOptionsResult Validate(string? name, CallbackOptions options)
    {
        if (options.Lease <= options.Timeout)
            return ValidateOptionsResult.Fail($"DuplexBus:Callbacks:Lease ({options.Lease}) must be longer than Timeout ({options.Timeout}), or two hosts could send one callback at once.");
        if (options.MaxRetryDelay < options.InitialRetryDelay)
            return ValidateOptionsResult.Fail("DuplexBus:Callbacks:MaxRetryDelay must not be shorter than InitialRetryDelay.");
        if (options.MaxRetryDelay >= options.MaxRetryWindow)
            return ValidateOptionsResult.Fail($"DuplexBus:Callbacks:MaxRetryDelay ({options.MaxRetryDelay}) must be shorter than MaxRetryWindow ({options.MaxRetryWindow}), or a failed callback would get no second attempt.");
        try
        {
            _ = options.Policy();
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail("DuplexBus:Callbacks allow-list: " + e.Message);
        }
        return ValidateOptionsResult.Success;
    }
}

/// <summary>Checks the data annotations of the consumer retry options at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class ConsumerRetryOptionsValidator : IValidateOptions<Resilience.ConsumerRetryOptions>;

/// <summary>Checks the data annotations of the WS-Security options at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class SoapSecurityOptionsValidator : IValidateOptions<Edge.Security.SoapSecurityOptions>;

/// <summary>Checks the data annotations of the saga partition leases at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class PartitionOwnershipOptionsValidator : IValidateOptions<PartitionOwnershipOptions>;

[OptionsValidator]
internal sealed partial class GaugeOptionsValidator : IValidateOptions<Diagnostics.Gauges.GaugeOptions>;
