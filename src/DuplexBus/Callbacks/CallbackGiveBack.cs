namespace DuplexBus.Callbacks;

/// <summary>A claimed callback handed back unattempted, due again at <paramref name="DueAt"/>.</summary>
public readonly record struct CallbackGiveBack(CallbackMessage Callback, DateTime DueAt);
