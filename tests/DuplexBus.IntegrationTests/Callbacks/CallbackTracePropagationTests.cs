using System.Diagnostics;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Xml.Linq;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// Client → edge → bus → saga → callback is one trace (PROTOCOLS.md §6): the callback's traceparent is in the trace
/// the StartWork request came in, whether the real WCF client sent a W3C traceparent (its HttpClient propagates the
/// ambient activity) or, as .NET Framework WCF with propagateActivity does, an ActivityId header, which the
/// callback carries back.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackTracePropagationTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    private static readonly XNamespace Diagnostics = "http://schemas.microsoft.com/2004/09/ServiceModel/Diagnostics";

    [Fact]
    public async Task The_callback_continues_the_trace_of_the_WCF_clients_traceparent()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();
        ActivityTraceId traceId;
        ActivitySpanId clientSpan;

        using (var caller = new Activity("client call").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traceId = caller.TraceId;
            clientSpan = caller.SpanId;
            await client.StartWorkAsync(instance, 1, receiver.Address);
        }

        var callback = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        Assert.True(ActivityContext.TryParse(callback.Header("traceparent"), null, out var sent), callback.Header("traceparent"));
        Assert.Equal(traceId, sent.TraceId);
        Assert.NotEqual(clientSpan, sent.SpanId);
        Assert.Null(callback.SoapHeader(Diagnostics + "ActivityId")); // a modern client never sent one
    }

    [Fact]
    public async Task A_NET_Framework_activity_id_becomes_the_trace_and_comes_back_on_the_callback()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();
        var activityId = Guid.NewGuid();

        await Task.Run(() =>
        {
            Activity.Current = null; // only the SOAP header: as .NET Framework WCF sends it
            using var scope = new OperationContextScope((IContextChannel)client.Channel);
            OperationContext.Current.OutgoingMessageHeaders.ReplyTo = new EndpointAddress(receiver.Address);
            OperationContext.Current.OutgoingMessageHeaders.Add(MessageHeader.CreateHeader("ActivityId", Diagnostics.NamespaceName, activityId.ToString()));
            client.Channel.StartWork(instance, 1);
        });

        var callback = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        var echoed = callback.SoapHeader(Diagnostics + "ActivityId");
        Assert.NotNull(echoed);
        Assert.Equal(activityId, Guid.Parse(echoed.Value));
        Assert.True(Guid.TryParse((string?)echoed.Attribute("CorrelationId"), out _));
        Assert.True(ActivityContext.TryParse(callback.Header("traceparent"), null, out var sent), callback.Header("traceparent"));
        Assert.Equal(activityId.ToString("N"), sent.TraceId.ToHexString());
    }

    [Fact]
    public async Task A_call_without_a_trace_gives_a_callback_without_one()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await Task.Run(async () =>
        {
            Activity.Current = null;
            await client.StartWorkAsync(instance, 1, receiver.Address);
        });

        var callback = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        Assert.Null(callback.Header("traceparent"));
        Assert.Null(callback.SoapHeader(Diagnostics + "ActivityId"));
    }
}
