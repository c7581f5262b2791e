using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Sessions;

/// <summary>CreateSequence: admission under the limits, and the same answer for a resent CreateSequence.</summary>
internal sealed partial class ReliableSessionHandler
{
    private async Task<EdgeAnswer> CreateAsync(
        CreateSequenceRequest create, string endpointUri, SoapEnvelope envelope, RmVersion rm, RmCaller caller, CancellationToken cancellationToken)
    {
        var context = new CreateSequenceContext(
            "urn:uuid:" + Guid.NewGuid(), rm, envelope.Version, envelope.Addressing, envelope.AddressingHeaders, endpointUri, 0, _limits, Now, caller);
        if (await RecreateAsync(create, context, cancellationToken).ConfigureAwait(false) is { } again)
            return again;

        // A CreateSequence the destination refuses whatever the number of open sequences takes no place under the limits.
        if (RmDestination.Create(create, context).Response is SendFault invalid)
            return Fault(envelope, invalid.Fault);

        var item = new CreateCommitItem(create, context);
        var decision = _limits.GroupCommit
            ? await createCommit.SubmitAsync(item, cancellationToken).ConfigureAwait(false)
            : await createCommit.CommitAloneAsync(item, cancellationToken).ConfigureAwait(false);
        if (decision is null)
        {
            // The same CreateSequence arrived twice at once, and the other copy created the sequence: answer with it.
            return await RecreateAsync(create, context, cancellationToken).ConfigureAwait(false)
                ?? Fault(envelope, new RmFaults(rm, envelope.Version, envelope.Addressing).CreateSequenceRefused("The MessageID of this CreateSequence is already in use."));
        }
        if (decision.Response is SendFault fault)
        {
            // Refused at a limit, perhaps one that the other copy's sequence filled just now: that copy's answer first.
            return await RecreateAsync(create, context, cancellationToken).ConfigureAwait(false) ?? Fault(envelope, fault.Fault);
        }
        return Answer(envelope, RmMessageWriter.Write(decision.Response, decision.State, rm, envelope.Addressing));

        async Task<EdgeAnswer?> RecreateAsync(CreateSequenceRequest request, CreateSequenceContext ctx, CancellationToken ct)
        {
            if (ctx.Headers.MessageId is not { } messageId)
                return null;
            var existing = await _store.FindByCreateMessageIdAsync(messageId, ct).ConfigureAwait(false);
            if (existing is null || !ctx.Caller.Owns(existing))
                return null;
            var again = RmDestination.Recreate(existing, request, ctx);
            return again.Response is SendFault refused
                ? Fault(envelope, refused.Fault)
                : Answer(envelope, RmMessageWriter.Write(again.Response, existing, rm, envelope.Addressing));
        }
    }
}
