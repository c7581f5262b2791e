using DuplexBus.Callbacks;
using DuplexBus.Protocol.Soap;
using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// A one-way operation: the call becomes one bus message, written to the outbox. The answer is 202 once committed.
/// </summary>
public sealed class OneWayOperation : SoapOperation
{
    private readonly Func<OperationCall, object> _toMessage;
    private readonly bool _takesCallback;

    internal OneWayOperation(OperationDescription description, Type messageType, Func<OperationCall, object> toMessage, bool takesCallback)
        : base(description)
    {
        MessageType = messageType;
        _toMessage = toMessage;
        _takesCallback = takesCallback;
    }

    public Type MessageType { get; }

    internal override bool TakesCallback => _takesCallback;

    /// <summary>The bus message of a call that was read.</summary>
    internal object ToMessage(OperationCall call) => _toMessage(call);

    /// <summary>
    /// Reads the request, makes its message, then checks what the callback host name resolves to now; a refusal at any
    /// step is a fault and nothing is stored.
    /// </summary>
    internal async Task<Translation> TranslateAsync(SoapService service, SoapEnvelope envelope, string? cookieHeader, CallbackAddressGuard guard, CancellationToken cancellationToken)
    {
        var read = service.Read(this, envelope, cookieHeader, guard.Policy);
        if (read.Call is not { } call)
            return new Translation(null, null, read.Fault);
        if (call.Callback is { } callback)
        {
            var check = await guard.CheckResolvedAsync(callback.Address, cancellationToken).ConfigureAwait(false);
            if (!check.Allowed)
                return new Translation(call, null, SoapFaults.CallbackAddressRefused(envelope.Addressing, callback.Address, check.Reason ?? "not allowed"));
        }
        return new Translation(call, ToMessage(call), null);
    }
}
