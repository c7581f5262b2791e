using DuplexBus.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DuplexBus.Parking;

/// <summary>
/// The error pipe of every DuplexBus receive endpoint, in place of MassTransit's <c>_error</c> queue: a message that
/// failed in a way no retry can mend is written to the parked-message store, then acknowledged. If the store
/// cannot be written (the database is down too), the exception travels on and the broker delivers the message
/// again: nothing is dropped.
/// </summary>
internal sealed class ParkFilter(IServiceProvider services) : IFilter<ExceptionReceiveContext>
{
    public void Probe(ProbeContext context) => context.CreateFilterScope("duplexbus-park");

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        var (envelopeId, messageType, body) = ParkedEnvelope.Read(context.Body.GetBytes(), context.ContentType?.MediaType);
        var messageId = (context.TryGetPayload(out ConsumeContext? consumed) ? consumed.MessageId : null)
            ?? envelopeId
            ?? context.GetMessageId()
            ?? NewId.NextGuid();
        var destination = ParkedEnvelope.QueueOf(context.InputAddress);
        var parked = new ParkedMessage
        {
            Id = NewId.NextGuid(),
            Source = ParkedMessage.EndpointSourcePrefix + destination["queue:".Length..],
            MessageId = messageId,
            MessageType = messageType,
            Body = body,
            Destination = destination,
            Reason = ParkReason.Of(context.Exception),
            ParkedAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ParkedMessageStore>().ParkAsync(parked, CancellationToken.None).ConfigureAwait(false);
        }
        services.GetRequiredService<DuplexBusMetrics>().Parked.Add(1, new KeyValuePair<string, object?>("duplexbus.parked.source", parked.Source));
        services.GetRequiredService<ILogger<ParkFilter>>().Parked(parked.Source, messageId, messageType, context.Exception);
        await next.Send(context).ConfigureAwait(false);
    }
}
