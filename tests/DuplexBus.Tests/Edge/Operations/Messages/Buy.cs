namespace DuplexBus.Tests.Edge.Operations;

public sealed record Buy(string Sku, int Count);
