namespace DuplexBus.Edge.Sessions;

/// <summary>
/// The reply to one request of a request-reply sequence, kept so a resent request gets the same reply with the
/// same reply-sequence number (table rm_reply).
/// </summary>
public sealed class RmReplyRow
{
    public string SequenceId { get; set; } = "";

    public long RequestNumber { get; set; }

    public long ReplyNumber { get; set; }

    public string Action { get; set; } = "";

    /// <summary>The reply body element as XML; empty for an empty body.</summary>
    public string Body { get; set; } = "";
}
