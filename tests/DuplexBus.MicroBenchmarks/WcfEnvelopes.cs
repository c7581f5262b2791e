using System.Globalization;
using System.Text;

namespace DuplexBus.MicroBenchmarks;

/// <summary>
/// AddItem requests byte for byte as the WCF client (System.ServiceModel.* 10.1.0) sends them. The two reliable ones
/// were captured by <c>RmWireCaptureTests</c> (tests/DuplexBus.IntegrationTests/Wcf), with only the sequence
/// identifier, instance id and port replaced; the plain one is the BasicHttpBinding body the README shows.
/// </summary>
public static class WcfEnvelopes
{
    public const string SequenceId = "urn:uuid:b36f7bc5-06e0-4d72-84b8-b38570e71932";
    public const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";
    public const string To = "http://127.0.0.1:5080/services/work";

    private const string AddItemBody =
        "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>15358730-3cbe-41d2-b6ab-928973fb13a2</instanceId>"
        + "<index>{0}</index><value>v{0}</value></AddItem>";

    private const string Rm11Soap12 =
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:r=\"http://docs.oasis-open.org/ws-rx/wsrm/200702\" "
        + "xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header>"
        + "<r:Sequence s:mustUnderstand=\"1\"><r:Identifier>" + SequenceId + "</r:Identifier><r:MessageNumber>{0}</r:MessageNumber></r:Sequence>"
        + "<a:Action s:mustUnderstand=\"1\">" + AddItemAction + "</a:Action>"
        + "<a:To s:mustUnderstand=\"1\">" + To + "</a:To>"
        + "</s:Header><s:Body>" + AddItemBody + "</s:Body></s:Envelope>";

    private const string Rm10Soap11 =
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:r=\"http://schemas.xmlsoap.org/ws/2005/02/rm\" "
        + "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\"><s:Header>"
        + "<r:Sequence s:mustUnderstand=\"1\"><r:Identifier>" + SequenceId + "</r:Identifier><r:MessageNumber>{0}</r:MessageNumber></r:Sequence>"
        + "<a:Action s:mustUnderstand=\"1\">" + AddItemAction + "</a:Action>"
        + "<a:To s:mustUnderstand=\"1\">" + To + "</a:To>"
        + "</s:Header><s:Body>" + AddItemBody + "</s:Body></s:Envelope>";

    private const string PlainSoap11 =
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>" + AddItemBody + "</s:Body></s:Envelope>";

    /// <summary>The request body, UTF-8, carrying message number (and item index) <paramref name="number"/>.</summary>
    public static byte[] AddItem(WcfMessage message, long number)
    {
        var template = message switch
        {
            WcfMessage.Rm11Soap12 => Rm11Soap12,
            WcfMessage.Rm10Soap11 => Rm10Soap11,
            WcfMessage.PlainSoap11 => PlainSoap11,
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, null),
        };
        return Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, template, number));
    }
}
