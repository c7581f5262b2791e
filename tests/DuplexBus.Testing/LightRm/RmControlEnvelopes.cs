using System.Globalization;
using System.Text;

namespace DuplexBus.Testing.LightRm;

/// <summary>
/// CreateSequence, CloseSequence and TerminateSequence of a one-way WS-RM 1.1 session, as the WCF client writes them:
/// Action, MessageID and To (no ReplyTo: under WS-Addressing 1.0 its absence means anonymous), the body unprefixed in
/// the WS-RM namespace; CreateSequence has an anonymous AcksTo and no Offer.
/// </summary>
public static class RmControlEnvelopes
{
    private const string Open = "<s:Envelope xmlns:s=\"" + LightRmNames.Soap12 + "\" xmlns:a=\"" + LightRmNames.Wsa10 + "\"><s:Header>";
    private const string Close = "</s:Body></s:Envelope>";

    public static byte[] CreateSequence(Uri to, string messageId) => Envelope(
        LightRmNames.CreateSequence, to, messageId,
        $"<CreateSequence xmlns=\"{LightRmNames.Rm11}\"><AcksTo><a:Address>{LightRmNames.Anonymous}</a:Address></AcksTo></CreateSequence>");

    public static byte[] CloseSequence(Uri to, string messageId, string sequenceId, long lastMessageNumber) =>
        Ending("CloseSequence", LightRmNames.CloseSequence, to, messageId, sequenceId, lastMessageNumber);

    public static byte[] TerminateSequence(Uri to, string messageId, string sequenceId, long lastMessageNumber) =>
        Ending("TerminateSequence", LightRmNames.TerminateSequence, to, messageId, sequenceId, lastMessageNumber);

    private static byte[] Ending(string element, string action, Uri to, string messageId, string sequenceId, long lastMessageNumber) => Envelope(
        action, to, messageId,
        string.Create(CultureInfo.InvariantCulture,
            $"<{element} xmlns=\"{LightRmNames.Rm11}\"><Identifier>{XmlText.Escape(sequenceId)}</Identifier><LastMsgNumber>{lastMessageNumber}</LastMsgNumber></{element}>"));

    private static byte[] Envelope(string action, Uri to, string messageId, string body) => Encoding.UTF8.GetBytes(
        Open
        + $"<a:Action s:mustUnderstand=\"1\">{action}</a:Action><a:MessageID>{XmlText.Escape(messageId)}</a:MessageID>"
        + $"<a:To s:mustUnderstand=\"1\">{XmlText.Escape(to.AbsoluteUri)}</a:To></s:Header><s:Body>{body}" + Close);
}
