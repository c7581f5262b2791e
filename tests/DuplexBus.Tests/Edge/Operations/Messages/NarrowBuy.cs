namespace DuplexBus.Tests.Edge.Operations.Narrow;

/// <summary>A message that has no place for the operation's count.</summary>
public sealed record Buy(string Sku);
