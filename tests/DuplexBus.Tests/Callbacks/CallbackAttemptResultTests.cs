using System.Net;
using System.Text;
using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

public sealed class CallbackAttemptResultTests
{
    private const string Soap12Fault = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang=\"en\">no</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>";
    private const string Soap11Fault = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>no</faultstring></soap:Fault></soap:Body></soap:Envelope>";

    // Retried: the client may take it later (5xx with or without a SOAP fault; 408, 425, 429).
    // Final: 4xx that will say the same every time, and 3xx (redirects are not followed).
    [Theory]
    [InlineData(200, "", CallbackAttemptKind.Delivered)]
    [InlineData(202, "", CallbackAttemptKind.Delivered)]
    [InlineData(204, "", CallbackAttemptKind.Delivered)]
    [InlineData(500, "", CallbackAttemptKind.Failed)]
    [InlineData(502, "<html>bad gateway</html>", CallbackAttemptKind.Failed)]
    [InlineData(503, "", CallbackAttemptKind.Failed)]
    [InlineData(504, "", CallbackAttemptKind.Failed)]
    [InlineData(507, "", CallbackAttemptKind.Failed)]
    [InlineData(500, Soap12Fault, CallbackAttemptKind.Failed)]
    [InlineData(500, Soap11Fault, CallbackAttemptKind.Failed)]
    [InlineData(503, Soap12Fault, CallbackAttemptKind.Failed)]
    [InlineData(408, "", CallbackAttemptKind.Failed)]
    [InlineData(425, "", CallbackAttemptKind.Failed)]
    [InlineData(429, "", CallbackAttemptKind.Failed)]
    [InlineData(429, Soap12Fault, CallbackAttemptKind.Failed)]
    [InlineData(400, Soap12Fault, CallbackAttemptKind.Refused)]
    [InlineData(400, "", CallbackAttemptKind.Refused)]
    [InlineData(401, "", CallbackAttemptKind.Refused)]
    [InlineData(403, "", CallbackAttemptKind.Refused)]
    [InlineData(404, "", CallbackAttemptKind.Refused)]
    [InlineData(405, "", CallbackAttemptKind.Refused)]
    [InlineData(410, "", CallbackAttemptKind.Refused)]
    [InlineData(413, "", CallbackAttemptKind.Refused)]
    [InlineData(415, "", CallbackAttemptKind.Refused)]
    [InlineData(422, "", CallbackAttemptKind.Refused)]
    [InlineData(301, "", CallbackAttemptKind.Refused)]
    [InlineData(302, "", CallbackAttemptKind.Refused)]
    [InlineData(307, "", CallbackAttemptKind.Refused)]
    [InlineData(308, "", CallbackAttemptKind.Refused)]
    public void A_client_answer_is_delivered_worth_retrying_or_final(int status, string body, CallbackAttemptKind expected)
    {
        var result = CallbackAttemptResult.FromResponse((HttpStatusCode)status, Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, result.Kind);
        Assert.Equal(status, result.StatusCode);
    }

    [Theory]
    [InlineData(500, Soap12Fault)]
    [InlineData(500, Soap11Fault)]
    [InlineData(400, Soap12Fault)]
    public void The_description_says_when_the_answer_was_a_SOAP_fault(int status, string body)
    {
        var result = CallbackAttemptResult.FromResponse((HttpStatusCode)status, Encoding.UTF8.GetBytes(body));

        Assert.StartsWith($"HTTP {status} with a SOAP fault: ", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redirect_says_it_was_not_followed()
    {
        var result = CallbackAttemptResult.FromResponse(HttpStatusCode.Found, []);

        Assert.Equal("HTTP 302: redirects are not followed", result.Description);
    }

    [Fact]
    public void A_body_that_only_mentions_a_fault_is_not_one()
    {
        var body = Encoding.UTF8.GetBytes("<html><body>Fault: <b>upstream</b></body></html>");

        var result = CallbackAttemptResult.FromResponse(HttpStatusCode.InternalServerError, body);

        Assert.Equal(CallbackAttemptKind.Failed, result.Kind);
        Assert.Equal("HTTP 500", result.Description);
    }

    [Fact]
    public void A_fault_body_with_a_dtd_is_not_parsed()
    {
        var body = Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY e \"e\">]>" + Soap12Fault);

        var result = CallbackAttemptResult.FromResponse(HttpStatusCode.InternalServerError, body);

        Assert.Equal(CallbackAttemptKind.Failed, result.Kind);
        Assert.Equal("HTTP 500", result.Description);
    }
}
