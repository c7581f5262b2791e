using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>
/// Every reliable-session client configuration the edge must accept (SAMPLE-CONTRACT.md): WS-RM 1.0 and 1.1, ordered and
/// unordered, over each SOAP/WS-Addressing version of the text encoder, plus WSHttpBinding with a reliable session.
/// </summary>
public static class RmClientBinding
{
    public const string Rm10 = "1.0";
    public const string Rm11 = "1.1";

    // Long enough for retries through a lossy proxy (the retry interval doubles up to MaxRetryCount = 8), short
    // enough that a hung test fails in a minute. The reliable session's InactivityTimeout stays at its default.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly (string Name, MessageVersion Version)[] MessageVersions =
    [
        ("Soap12WSAddressing10", MessageVersion.Soap12WSAddressing10),
        ("Soap11WSAddressing10", MessageVersion.Soap11WSAddressing10),
        ("Soap12WSAddressingAugust2004", MessageVersion.Soap12WSAddressingAugust2004),
        ("Soap11WSAddressingAugust2004", MessageVersion.Soap11WSAddressingAugust2004),
    ];

    public static IReadOnlyList<RmClientConfiguration> Configurations { get; } = Build();

    /// <summary>Every configuration: 2 RM versions × 4 message versions × ordered/unordered, and WSHttpBinding ordered/unordered.</summary>
    public static TheoryData<string> All => [.. Configurations.Select(c => c.Name)];

    /// <summary>A few configurations that together cover each RM version, SOAP version, WS-Addressing version and ordering.</summary>
    public static TheoryData<string> Representative =>
    [
        "RM 1.0 Soap12WSAddressing10 ordered",
        "RM 1.1 Soap11WSAddressingAugust2004 ordered",
        "RM 1.1 Soap12WSAddressing10 unordered",
        "WSHttpBinding reliable ordered",
    ];

    public static RmClientConfiguration Find(string name) =>
        Configurations.SingleOrDefault(c => c.Name == name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, null);

    private static List<RmClientConfiguration> Build()
    {
        var all = new List<RmClientConfiguration>();
        foreach (var (rmName, rm) in new[] { (Rm10, ReliableMessagingVersion.WSReliableMessagingFebruary2005), (Rm11, ReliableMessagingVersion.WSReliableMessaging11) })
        {
            foreach (var (versionName, version) in MessageVersions)
            {
                foreach (var ordered in new[] { true, false })
                    all.Add(new($"RM {rmName} {versionName} {Ordering(ordered)}", () => Custom(rm, version, ordered), ordered, rmName));
            }
        }

        // WSHttpBinding's reliable session speaks WS-RM 1.0 over SOAP 1.2 with WS-Addressing 1.0.
        foreach (var ordered in new[] { true, false })
            all.Add(new($"WSHttpBinding reliable {Ordering(ordered)}", () => WsHttp(ordered), ordered, Rm10));
        return all;
    }

    private static string Ordering(bool ordered) => ordered ? "ordered" : "unordered";

    private static CustomBinding Custom(ReliableMessagingVersion rm, MessageVersion version, bool ordered) =>
        new(
            new ReliableSessionBindingElement(ordered) { ReliableMessagingVersion = rm },
            new TextMessageEncodingBindingElement(version, Encoding.UTF8),
            new HttpTransportBindingElement())
        {
            OpenTimeout = Timeout,
            SendTimeout = Timeout,
            CloseTimeout = Timeout,
        };

    private static WSHttpBinding WsHttp(bool ordered)
    {
        var binding = new WSHttpBinding(SecurityMode.None)
        {
            OpenTimeout = Timeout,
            SendTimeout = Timeout,
            CloseTimeout = Timeout,
        };
        binding.ReliableSession.Enabled = true;
        binding.ReliableSession.Ordered = ordered;
        return binding;
    }
}
