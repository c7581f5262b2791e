namespace DuplexBus.Callbacks;

/// <summary>A claimed callback handed back unattempted, due again <paramref name="DueIn"/> after the database's now.</summary>
public readonly record struct CallbackGiveBack(CallbackMessage Callback, TimeSpan DueIn);
