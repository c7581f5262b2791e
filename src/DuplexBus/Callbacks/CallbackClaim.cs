namespace DuplexBus.Callbacks;

/// <summary>What one claim leased, and how long until the earliest callback still pending comes due.</summary>
/// <param name="Callbacks">The callbacks leased, earliest due first.</param>
/// <param name="NextDueIn">
/// From the database's now to the earliest due time of any pending callback, the leased ones included (when their
/// lease ends); zero or less when some are due now but held by another dispatcher; null when none is pending.
/// </param>
public sealed record CallbackClaim(IReadOnlyList<CallbackMessage> Callbacks, TimeSpan? NextDueIn);
