namespace DuplexBus.Callbacks;

/// <summary>
/// A callback this dispatcher holds, and when (on this host's monotonic clock, <see cref="TimeProvider.GetTimestamp"/>)
/// the claim that leased it began. The lease ends a <c>Lease</c> after the database's now at the claim, which is no
/// earlier than this moment, so measuring from here never overestimates what is left of it, whatever the wall clock says.
/// </summary>
public readonly record struct ClaimedCallback(CallbackMessage Callback, long ClaimStartedAt);
