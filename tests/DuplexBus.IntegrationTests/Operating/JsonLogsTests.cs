using System.Diagnostics;
using System.Text.Json;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>
/// With the JSON console formatter chosen by configuration, every line is a JSON object; on the message path it
/// carries the trace id, the sequence id and message number, and the saga instance; never a message body.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class JsonLogsTests(ServersFixture servers)
{
    [Fact]
    public async Task Json_logs_carry_the_trace_the_sequence_and_the_instance_and_never_a_body()
    {
        var options = new HostProcessOptions();
        options.Environment["ConnectionStrings__DuplexBus"] = await servers.CreateDatabaseAsync("jsonlogs");
        options.Environment["ConnectionStrings__RabbitMq"] = await servers.CreateVirtualHostAsync("jsonlogs");
        options.Environment["Logging__Console__FormatterName"] = "json";
        options.Environment["Logging__Console__FormatterOptions__IncludeScopes"] = "true";
        options.Environment["Logging__LogLevel__DuplexBus"] = "Debug";
        await using var host = await HostProcess.StartAsync(options);
        var instance = Guid.NewGuid();
        var body = "secret-" + Guid.NewGuid().ToString("N");

        using (var client = new WorkClient(host.BaseAddress, RmClientBinding.Find("RM 1.1 Soap12WSAddressing10 ordered").Create()))
        {
            using (new Activity("client call").SetIdFormat(ActivityIdFormat.W3C).Start())
                client.Channel.AddItem(instance, 1, body);
            await client.StatusWhenAsync(instance, s => s.ItemCount == 1, "the item applied");
        }
        // A fault a client sends the service is noted by its code; its text may carry anything.
        using (var http = new HttpClient { BaseAddress = host.BaseAddress })
        {
            using var fault = await http.PostAsync("services/work", new StringContent(ClientFault(body), System.Text.Encoding.UTF8, "application/soap+xml"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, fault.StatusCode);
        }
        var entries = await Eventually.Until(
            () => Task.FromResult(Entries(host)),
            e => e.Any(x => x.GetProperty("EventId").GetInt32() == 4006 && Scope(x, "InstanceId") == instance.ToString())
                && e.Any(x => x.GetProperty("EventId").GetInt32() == 1004),
            TimeSpan.FromSeconds(30),
            "the saga's log line for the item and the client's fault noted");

        Assert.All(host.OutputLines.Where(l => l.Length > 0), line => Assert.StartsWith("{", line, StringComparison.Ordinal));
        // A resend of message 1 would log again, in the same scope.
        var answered = entries.First(e => e.GetProperty("EventId").GetInt32() == 1007 && Scope(e, "MessageNumber") == "1");
        Assert.False(string.IsNullOrEmpty(Scope(answered, "SequenceId")));
        Assert.Matches("^[0-9a-f]{32}$", Scope(answered, "TraceId"));
        Assert.Contains("s:Sender", entries.First(e => e.GetProperty("EventId").GetInt32() == 1004).GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.OutputLines, line => line.Contains(body, StringComparison.Ordinal));
    }

    private static string ClientFault(string reason) => $"""
        <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">
          <s:Header><a:Action s:mustUnderstand="1">http://www.w3.org/2005/08/addressing/soap/fault</a:Action></s:Header>
          <s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang="en">{reason}</s:Text></s:Reason></s:Fault></s:Body>
        </s:Envelope>
        """;

    private static List<JsonElement> Entries(HostProcess host) =>
        host.OutputLines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>A field of one of the entry's scopes, as text; null when no scope has it.</summary>
    private static string? Scope(JsonElement entry, string field) =>
        entry.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(field, out _))
                .Select(s => s.GetProperty(field).ToString()).FirstOrDefault()
            : null;
}
