using System.Xml.Linq;
using DuplexBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Callbacks;

/// <summary>
/// Adds callbacks through the caller's DbContext, so they commit in the caller's transaction (a saga's): a callback
/// exists exactly when the state change that called for it does. Nothing is sent here; the dispatcher does that.
/// </summary>
public sealed class CallbackWriter([FromKeyedServices(DuplexBusDatabase.Key)] DbContext db, TimeProvider time)
{
    /// <param name="callbackId">Also the WS-Addressing MessageID of every attempt; derive it from the consumed message so a redelivery adds nothing new.</param>
    /// <param name="correlationId">Told of the delivery by a <see cref="CallbackDelivered"/> event (a saga's CorrelationId).</param>
    public CallbackMessage Add(CallbackEndpoint endpoint, string action, XElement body, Guid callbackId, Guid? correlationId)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(body);
        var now = time.GetUtcNow().UtcDateTime;
        var row = new CallbackMessage
        {
            Id = callbackId,
            CorrelationId = correlationId,
            Address = endpoint.Address,
            SoapVersion = endpoint.SoapVersion,
            AddressingVersion = endpoint.AddressingVersion,
            Action = action,
            Headers = endpoint.ReferenceParameters,
            TraceParent = endpoint.TraceParent,
            EchoActivityId = endpoint.EchoActivityId,
            Body = body.ToString(SaveOptions.DisableFormatting),
            State = CallbackState.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            WindowStartedAt = now,
        };
        db.Set<CallbackMessage>().Add(row);
        return row;
    }
}
