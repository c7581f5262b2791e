using DuplexBus.Edge;
using DuplexBus.Edge.ReliableMessaging;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using Microsoft.Extensions.Options;

namespace DuplexBus.Configuration;

/// <summary>Checks the data annotations of the edge options at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class EdgeOptionsValidator : IValidateOptions<EdgeOptions>;

/// <summary>Checks the data annotations of the outbox options at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class OutboxOptionsValidator : IValidateOptions<OutboxOptions>;

/// <summary>Checks the data annotations of the retention options at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;

/// <summary>Checks the data annotations of the WS-RM limits at start-up (generated; no reflection).</summary>
[OptionsValidator]
internal sealed partial class RmLimitsValidator : IValidateOptions<RmLimits>;
