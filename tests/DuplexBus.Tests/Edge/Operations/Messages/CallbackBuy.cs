using DuplexBus.Callbacks;

namespace DuplexBus.Tests.Edge.Operations.WithCallback;

public sealed record Buy(string Sku, int Count, CallbackEndpoint? Callback = null);
