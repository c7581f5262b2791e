using System.Xml.Linq;
using DuplexBus.Edge.Operations;
using DuplexBus.Edge.ReliableMessaging;
using DuplexBus.Edge.Soap;

namespace DuplexBus.Edge.Sessions;

/// <summary>CreateSequence: admission, and the same answer for a resent CreateSequence.</summary>
internal sealed partial class ReliableSessionHandler
{
    private async Task<EdgeAnswer> CreateAsync(CreateSequenceRequest create, string endpointUri, SoapEnvelope envelope, RmVersion rm, DateTime now, CancellationToken cancellationToken)
    {
        var context = new CreateSequenceContext(
            "urn:uuid:" + Guid.NewGuid(), rm, envelope.Version, envelope.Addressing, envelope.AddressingHeaders, endpointUri, 0, _limits, now);
        if (await RecreateAsync(create, context, cancellationToken).ConfigureAwait(false) is { } again)
            return again;

        // Counted only for a CreateSequence that would open a new sequence.
        context = context with { OpenSequences = await _store.CountOpenAsync(cancellationToken).ConfigureAwait(false) };
        var decision = RmDestination.Create(create, context);
        if (decision.Response is SendFault fault)
            return Fault(envelope, fault.Fault);

        _store.Save(decision.State!);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (dialect.IsUniqueViolation(e))
        {
            // The same CreateSequence arrived twice at once: the other copy created the sequence; answer with it.
            _store.Forget(decision.State!);
            if (await RecreateAsync(create, context, cancellationToken).ConfigureAwait(false) is { } raced)
                return raced;
            throw;
        }
        return Answer(envelope, RmMessageWriter.Write(decision.Response, decision.State, rm, envelope.Addressing));

        async Task<EdgeAnswer?> RecreateAsync(CreateSequenceRequest request, CreateSequenceContext ctx, CancellationToken ct)
        {
            if (ctx.Headers.MessageId is not { } messageId)
                return null;
            var existing = await _store.FindByCreateMessageIdAsync(messageId, ct).ConfigureAwait(false);
            if (existing is null)
                return null;
            var again = RmDestination.Recreate(existing, request, ctx);
            return again.Response is SendFault refused
                ? Fault(envelope, refused.Fault)
                : Answer(envelope, RmMessageWriter.Write(again.Response, existing, rm, envelope.Addressing));
        }
    }
}
