using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Callbacks;

/// <summary>Callbacks written as calls of the client's callback contract, in the envelope that contract describes.</summary>
public static class TypedCallbacks
{
    /// <summary>
    /// Adds the callback <paramref name="call"/> makes on <typeparamref name="TCallback"/> (its <c>[ServiceContract]</c>
    /// interface): the action, the body and its serializer come from the contract's attributes, e.g.
    /// <c>callbacks.Add&lt;IOrderCallback&gt;(saga.Callback, cb =&gt; cb.OrderShipped(orderId, shipment), id, orderId)</c>.
    /// </summary>
    /// <param name="callbackId">Also the WS-Addressing MessageID of every attempt; derive it from the consumed message so a redelivery adds nothing new.</param>
    /// <param name="correlationId">Told of the delivery by a <see cref="CallbackDelivered"/> event (a saga's CorrelationId).</param>
    public static CallbackMessage Add<TCallback>(this CallbackWriter writer, CallbackEndpoint endpoint, Action<TCallback> call, Guid callbackId, Guid? correlationId)
        where TCallback : class
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (operation, arguments) = CallRecorder.Record(call);
        if (!operation.IsOneWay)
            throw new ArgumentException($"{typeof(TCallback).Name}.{operation.Name} expects a reply; a callback is one-way.", nameof(call));
        return writer.Add(endpoint, operation.Action, WrappedBody.Request(operation, arguments), callbackId, correlationId);
    }
}
