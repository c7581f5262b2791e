using DuplexBus.Inbox;
using MassTransit;

namespace DuplexBus.Edge.Ingress;

/// <summary>
/// Step 4 of the path: one transaction writes the inbox mark of the request's MessageID (when it has one) and
/// the outbox row. The caller answers the client only after this returns, so an answer always means durable.
/// </summary>
public sealed class EdgeIngress(ConsumerInbox inbox)
{
    // Namespace of the name-based ids derived from WS-Addressing MessageIDs.
    private static readonly Guid MessageIdNamespace = new("6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11");

    public async Task<IngressOutcome> AcceptAsync(string endpoint, Type messageType, object message, string? wsaMessageId, CancellationToken cancellationToken)
    {
        Guid? marked = wsaMessageId is null ? null : DeterministicGuid.Create(MessageIdNamespace, endpoint + "\n" + wsaMessageId);
        var messageId = marked ?? NewId.NextGuid();
        var first = await inbox.CommitOnceAsync("edge:" + endpoint, marked, outbox => outbox.Add(message, messageType, messageId), cancellationToken)
            .ConfigureAwait(false);
        return first ? IngressOutcome.Accepted : IngressOutcome.Duplicate;
    }
}
