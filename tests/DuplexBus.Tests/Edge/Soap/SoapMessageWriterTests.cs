using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Tests.Edge.Soap;

public sealed class SoapMessageWriterTests
{
    private static XElement Write(SoapFault fault, SoapVersion version, AddressingVersion addressing, string? relatesTo = null) =>
        XElement.Parse(System.Text.Encoding.UTF8.GetString(SoapMessageWriter.WriteFault(fault, version, addressing, relatesTo)));

    private static XName ResolveQName(XElement element)
    {
        var parts = element.Value.Split(':');
        return element.GetNamespaceOfPrefix(parts[0])! + parts[1];
    }

    [Fact]
    public void SOAP_12_fault_carries_code_subcode_reason_and_the_addressing_fault_action()
    {
        var xml = Write(SoapFaults.ActionNotSupported(AddressingVersion.V10, "urn:nope"), SoapVersion.Soap12, AddressingVersion.V10, "urn:uuid:req");
        XNamespace s = SoapVersion.Soap12.Namespace;
        XNamespace a = AddressingVersion.V10.Namespace;

        var fault = xml.Element(s + "Body")!.Element(s + "Fault")!;
        Assert.Equal(s + "Sender", ResolveQName(fault.Element(s + "Code")!.Element(s + "Value")!));
        Assert.Equal(a + "ActionNotSupported", ResolveQName(fault.Element(s + "Code")!.Element(s + "Subcode")!.Element(s + "Value")!));
        Assert.Contains("urn:nope", fault.Element(s + "Reason")!.Element(s + "Text")!.Value, StringComparison.Ordinal);
        Assert.Equal("urn:nope", fault.Element(s + "Detail")!.Element(a + "ProblemAction")!.Element(a + "Action")!.Value);
        var header = xml.Element(s + "Header")!;
        Assert.Equal("http://www.w3.org/2005/08/addressing/fault", header.Element(a + "Action")!.Value);
        Assert.Equal("urn:uuid:req", header.Element(a + "RelatesTo")!.Value);
    }

    [Fact]
    public void SOAP_11_fault_puts_the_first_subcode_in_faultcode_as_WCF_does()
    {
        var xml = Write(SoapFaults.ActionNotSupported(AddressingVersion.None, "urn:nope"), SoapVersion.Soap11, AddressingVersion.None);
        XNamespace s = SoapVersion.Soap11.Namespace;

        var fault = xml.Element(s + "Body")!.Element(s + "Fault")!;
        Assert.Equal(AddressingVersion.None.ActionNotSupported, ResolveQName(fault.Element("faultcode")!));
        Assert.NotEmpty(fault.Element("faultstring")!.Value);
        Assert.Empty(xml.Element(s + "Header")!.Elements());
    }

    public static TheoryData<string, FaultCode, string> PlainCodes => new()
    {
        { "SOAP 1.1", FaultCode.Sender, "Client" },
        { "SOAP 1.1", FaultCode.Receiver, "Server" },
        { "SOAP 1.1", FaultCode.MustUnderstand, "MustUnderstand" },
        { "SOAP 1.2", FaultCode.Sender, "Sender" },
        { "SOAP 1.2", FaultCode.Receiver, "Receiver" },
        { "SOAP 1.2", FaultCode.VersionMismatch, "VersionMismatch" },
    };

    [Theory, MemberData(nameof(PlainCodes))]
    public void Top_level_codes_use_the_names_of_the_SOAP_version(string versionName, FaultCode code, string expected)
    {
        var version = versionName == "SOAP 1.1" ? SoapVersion.Soap11 : SoapVersion.Soap12;
        var xml = Write(new SoapFault(code, [], "reason"), version, AddressingVersion.None);
        var fault = xml.Descendants(version.Namespace + "Fault").Single();
        var codeElement = version == SoapVersion.Soap11 ? fault.Element("faultcode")! : fault.Element(version.Namespace + "Code")!.Element(version.Namespace + "Value")!;

        Assert.Equal(version.Namespace + expected, ResolveQName(codeElement));
    }

    [Fact]
    public void Missing_header_fault_names_the_problem_header()
    {
        var xml = Write(SoapFaults.HeaderRequired(AddressingVersion.V10, AddressingVersion.V10.Action), SoapVersion.Soap12, AddressingVersion.V10);
        var problem = xml.Descendants(AddressingVersion.V10.ProblemHeaderQName).Single();

        Assert.Equal(AddressingVersion.V10.Action, ResolveQName(problem));
    }
}
