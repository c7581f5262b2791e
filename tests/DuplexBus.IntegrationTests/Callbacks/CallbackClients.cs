using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;
using DuplexBus.IntegrationTests.Wcf;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>Real WCF clients in a chosen message version, and StartWork with a callback address on the message.</summary>
public static class CallbackClients
{
    public const string Soap11Wsa10 = "Soap11WSAddressing10";
    public const string Soap12Wsa10 = "Soap12WSAddressing10";
    public const string Soap11Wsa04 = "Soap11WSAddressingAugust2004";
    public const string Soap12Wsa04 = "Soap12WSAddressingAugust2004";

    public static TheoryData<string> Versions => [Soap11Wsa10, Soap12Wsa10, Soap11Wsa04, Soap12Wsa04];

    public static MessageVersion VersionOf(string name) => name switch
    {
        Soap11Wsa10 => MessageVersion.Soap11WSAddressing10,
        Soap12Wsa10 => MessageVersion.Soap12WSAddressing10,
        Soap11Wsa04 => MessageVersion.Soap11WSAddressingAugust2004,
        Soap12Wsa04 => MessageVersion.Soap12WSAddressingAugust2004,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>A client over text encoding and HTTP, without reliable messaging, in the named message version.</summary>
    public static WorkClient Create(Uri host, string version = Soap12Wsa10) =>
        new(host, new CustomBinding(new TextMessageEncodingBindingElement(VersionOf(version), Encoding.UTF8), new HttpTransportBindingElement()));

    /// <summary>StartWork with a WS-Addressing ReplyTo on the one-way message.</summary>
    public static Task StartWorkAsync(this WorkClient client, Guid instance, int steps, Uri replyTo) =>
        Task.Run(() =>
        {
            using var scope = new OperationContextScope((IContextChannel)client.Channel);
            OperationContext.Current.OutgoingMessageHeaders.ReplyTo = new EndpointAddress(replyTo);
            client.Channel.StartWork(instance, steps);
        });

    /// <summary>Polls GetStatus until the instance's callback counts as delivered.</summary>
    public static Task<WorkStatus> DeliveredAsync(this WorkClient client, Guid instance, TimeSpan? timeout = null) =>
        client.StatusWhenAsync(instance, s => s.CallbackDelivered, $"the callback of {instance} counts as delivered", timeout ?? TimeSpan.FromSeconds(30));
}
