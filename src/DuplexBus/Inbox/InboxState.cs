namespace DuplexBus.Inbox;

/// <summary>A message a consumer has already applied; its presence is what makes a redelivery a no-op.</summary>
public sealed class InboxState
{
    public string Consumer { get; set; } = "";

    public Guid MessageId { get; set; }

    public DateTime ReceivedAt { get; set; }
}
