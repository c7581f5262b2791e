using System.Net;
using System.Text;
using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

public sealed class CallbackAttemptResultTests
{
    private const string Soap12Fault = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang=\"en\">no</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>";
    private const string Soap11Fault = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>no</faultstring></soap:Fault></soap:Body></soap:Envelope>";

    [Theory]
    [InlineData(200, "", CallbackAttemptKind.Delivered)]
    [InlineData(202, "", CallbackAttemptKind.Delivered)]
    [InlineData(204, "", CallbackAttemptKind.Delivered)]
    [InlineData(500, "", CallbackAttemptKind.Failed)]
    [InlineData(502, "<html>bad gateway</html>", CallbackAttemptKind.Failed)]
    [InlineData(503, "", CallbackAttemptKind.Failed)]
    [InlineData(500, Soap12Fault, CallbackAttemptKind.Refused)]
    [InlineData(500, Soap11Fault, CallbackAttemptKind.Refused)]
    [InlineData(400, Soap12Fault, CallbackAttemptKind.Refused)]
    [InlineData(400, "", CallbackAttemptKind.Refused)]
    [InlineData(404, "", CallbackAttemptKind.Refused)]
    [InlineData(302, "", CallbackAttemptKind.Refused)]
    public void A_client_answer_is_delivered_worth_retrying_or_final(int status, string body, CallbackAttemptKind expected)
    {
        var result = CallbackAttemptResult.FromResponse((HttpStatusCode)status, Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, result.Kind);
        Assert.Equal(status, result.StatusCode);
    }

    [Fact]
    public void A_body_that_only_mentions_a_fault_is_not_one()
    {
        var body = Encoding.UTF8.GetBytes("<html><body>Fault: <b>upstream</b></body></html>");

        Assert.Equal(CallbackAttemptKind.Failed, CallbackAttemptResult.FromResponse(HttpStatusCode.InternalServerError, body).Kind);
    }

    [Fact]
    public void A_fault_body_with_a_dtd_is_not_parsed()
    {
        var body = Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY e \"e\">]>" + Soap12Fault);

        Assert.Equal(CallbackAttemptKind.Failed, CallbackAttemptResult.FromResponse(HttpStatusCode.InternalServerError, body).Kind);
    }
}
