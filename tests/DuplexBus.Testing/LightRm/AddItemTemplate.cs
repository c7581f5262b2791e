using System.Globalization;
using System.Text;

namespace DuplexBus.Testing.LightRm;

/// <summary>
/// The AddItem message of a one-way WS-RM 1.1 session, byte for byte as the WCF client (System.ServiceModel 10.1.0,
/// ReliableSessionBindingElement + TextMessageEncoding(Soap12WSAddressing10) + HTTP) writes it: the Sequence header
/// first, then Action and To, all three mustUnderstand; no MessageID or ReplyTo on a one-way message; the body in
/// DataContractSerializer's wrapped form. <c>LightGeneratorWireFormatTests</c> holds it to what the client sends.
/// </summary>
public static class AddItemTemplate
{
    /// <summary>The envelope with its holes, in the order they are filled.</summary>
    public const string Text =
        "<s:Envelope xmlns:s=\"" + LightRmNames.Soap12 + "\" xmlns:r=\"" + LightRmNames.Rm11 + "\" xmlns:a=\"" + LightRmNames.Wsa10 + "\">"
        + "<s:Header><r:Sequence s:mustUnderstand=\"1\"><r:Identifier>{sequence}</r:Identifier><r:MessageNumber>{number}</r:MessageNumber></r:Sequence>"
        + "<a:Action s:mustUnderstand=\"1\">" + LightRmNames.AddItemAction + "</a:Action>"
        + "<a:To s:mustUnderstand=\"1\">{to}</a:To></s:Header>"
        + "<s:Body><AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>{instance}</instanceId><index>{index}</index><value>{value}</value></AddItem></s:Body>"
        + "</s:Envelope>";

    private static readonly string[] Holes = ["{sequence}", "{number}", "{to}", "{instance}", "{index}", "{value}"];
    private static readonly string[] Segments = Text.Split(Holes, StringSplitOptions.None);

    /// <summary>
    /// Fills in what stays the same for a whole session, so a message costs two copies of constant bytes, two number
    /// formats and one more copy.
    /// </summary>
    public static AddItemEnvelope Bind(string sequenceId, Uri to, Guid instanceId, string value)
    {
        ArgumentNullException.ThrowIfNull(to);
        var head = Segments[0] + XmlText.Escape(sequenceId) + Segments[1];
        var middle = Segments[2] + XmlText.Escape(to.AbsoluteUri) + Segments[3] + instanceId.ToString("D", CultureInfo.InvariantCulture) + Segments[4];
        var tail = Segments[5] + XmlText.Escape(value) + Segments[6];
        return new AddItemEnvelope(Encoding.UTF8.GetBytes(head), Encoding.UTF8.GetBytes(middle), Encoding.UTF8.GetBytes(tail));
    }
}
