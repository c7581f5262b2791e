using System.Globalization;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Skeleton;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// Admission against a real host with small limits: concurrent CreateSequences cannot overshoot the limit, one client
/// cannot take every slot, sequences that ended stop counting, and a request the destination drops is not executed.
/// All raw clients here come from one address, so they are one client.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class AdmissionLimitTests(SmallSessionLimitsHostFixture fixture) : IClassFixture<SmallSessionLimitsHostFixture>
{
    private const string GetStatus = "urn:duplexbus:samples/WorkService/GetStatus";
    private Uri Service => new(fixture.Host.BaseAddress, "/services/work");

    [Fact]
    public async Task Concurrent_CreateSequences_never_overshoot_the_limit_and_ended_sequences_free_their_place()
    {
        using var http = new HttpClient();
        await EndAllOpenAsync();
        var rm = new RawRm(http, Service, RawRm.Rm10);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => CreateAsync(rm)));

        Assert.Equal(SmallSessionLimitsHostFixture.MaxOpenSequencesPerClient, attempts.Count(a => a.Id is not null));
        Assert.All(attempts.Where(a => a.Id is null), a => Assert.Equal(XName.Get("ConnectionLimitReached", "http://schemas.microsoft.com/ws/2006/05/rm"), a.Fault));
        Assert.Equal(SmallSessionLimitsHostFixture.MaxOpenSequencesPerClient, await OpenAsync());

        // A 1.0 sequence that received its LastMessage no longer counts; one ended by a fault neither.
        var created = attempts.Where(a => a.Id is not null).Select(a => a.Id!).ToList();
        Assert.Equal(200, (await rm.SendAsync(RawRm.Rm10 + "/LastMessage", RawRm.SequenceHeader(created[0], "1", last: true), "")).Status);
        Assert.Equal(500, (await rm.SendAsync("urn:duplexbus:samples/WorkService/AddItem", RawRm.SequenceHeader(created[1], "x"), RawRm.AddItemBody(Guid.NewGuid(), 1))).Status);

        var again = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CreateAsync(rm)));
        Assert.Equal(SmallSessionLimitsHostFixture.MaxOpenSequencesPerClient, again.Count(a => a.Id is not null));
    }

    [Fact]
    public async Task A_request_dropped_for_too_many_acknowledgement_ranges_is_not_executed()
    {
        using var http = new HttpClient();
        await EndAllOpenAsync();
        var rm = new RawRm(http, Service, RawRm.Rm10);
        var reply = $"urn:uuid:{Guid.NewGuid()}";
        var id = await rm.CreateSequenceAsync(reply);
        var body = $"<GetStatus xmlns=\"urn:duplexbus:samples\"><instanceId>{Guid.NewGuid()}</instanceId></GetStatus>";

        // Odd numbers only: each is a range of its own, up to the limit.
        for (var i = 0; i < SmallSessionLimitsHostFixture.MaxAckRanges; i++)
        {
            var (status, answer) = await rm.SendAsync(GetStatus, RawRm.SequenceHeader(id, (2 * i + 1).ToString(CultureInfo.InvariantCulture)), body, $"urn:uuid:{Guid.NewGuid()}");
            Assert.Equal(200, status);
            Assert.NotEmpty(answer!.Descendants(XName.Get("Sequence", RawRm.Rm10)));
        }

        var number = (2 * SmallSessionLimitsHostFixture.MaxAckRanges + 1).ToString(CultureInfo.InvariantCulture);
        var (dropped, ack) = await rm.SendAsync(GetStatus, RawRm.SequenceHeader(id, number), body, $"urn:uuid:{Guid.NewGuid()}");

        Assert.Equal(200, dropped);
        Assert.Empty(ack!.Descendants(XName.Get("Sequence", RawRm.Rm10)));
        Assert.DoesNotContain(ack.Descendants(XName.Get("AcknowledgementRange", RawRm.Rm10)), r => (string?)r.Attribute("Upper") == number);
        Assert.Equal(SmallSessionLimitsHostFixture.MaxAckRanges, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM rm_reply WHERE sequence_id = '{id}'"));
        Assert.Equal(SmallSessionLimitsHostFixture.MaxAckRanges, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT replies_sent FROM rm_sequence WHERE id = '{id}'"));
    }

    private static async Task<(string? Id, XName? Fault)> CreateAsync(RawRm rm)
    {
        var (status, envelope) = await rm.SendAsync(RawRm.Rm10 + "/CreateSequence", "",
            "<r:CreateSequence><r:AcksTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></r:AcksTo></r:CreateSequence>",
            $"urn:uuid:{Guid.NewGuid()}");
        return status == 200
            ? (envelope!.Descendants(XName.Get("Identifier", RawRm.Rm10)).First().Value, null)
            : (null, RawSoap.FaultCode(envelope!));
    }

    private Task EndAllOpenAsync() => Sql.ExecuteAsync(fixture.ConnectionString, "UPDATE rm_sequence SET status = 2");

    private Task<long> OpenAsync() => Sql.ScalarAsync(fixture.ConnectionString, "SELECT count(*) FROM rm_sequence WHERE status = 0 AND last_number IS NULL");

}
