using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using static DuplexBus.IntegrationTests.Hostile.HostileWire;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>
/// The hostile-input corpus against one production host: each case gets the answer the specs name (HTTP status,
/// fault code and subcodes, the SOAP 1.1 SequenceFault header, the fault action), the host stays up, and the
/// database is unchanged — every table's row count and every rm_sequence row — unless the case is one whose
/// sequence the specs say must end, and then exactly that sequence is terminated.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class HostileInputTests(HostileHostFixture fixture, ITestOutputHelper output) : IClassFixture<HostileHostFixture>
{
    public static TheoryData<HostileTitle> Xml => HostileCorpus.Titles(HostileCorpus.XmlGroup);

    public static TheoryData<HostileTitle> Soap => HostileCorpus.Titles(HostileCorpus.SoapGroup);

    public static TheoryData<HostileTitle> Addressing => HostileCorpus.Titles(HostileCorpus.AddressingGroup);

    public static TheoryData<HostileTitle> ReliableMessaging => HostileCorpus.Titles(HostileCorpus.RmGroup);

    public static TheoryData<HostileTitle> Mutations => HostileCorpus.Titles(HostileCorpus.MutationGroup);

    [Theory, MemberData(nameof(Xml))]
    public Task Malformed_or_adversarial_XML_gets_the_fault_the_specs_name(HostileTitle title) => RunAsync(title.Value);

    [Theory, MemberData(nameof(Soap))]
    public Task Envelope_the_edge_cannot_take_gets_the_fault_the_specs_name(HostileTitle title) => RunAsync(title.Value);

    [Theory, MemberData(nameof(Addressing))]
    public Task Bad_addressing_gets_the_fault_the_specs_name(HostileTitle title) => RunAsync(title.Value);

    [Theory, MemberData(nameof(ReliableMessaging))]
    public Task Bad_reliable_messaging_gets_the_fault_the_specs_name(HostileTitle title) => RunAsync(title.Value);

    [Theory, MemberData(nameof(Mutations))]
    public Task Mutated_valid_message_gets_the_fault_its_rule_names(HostileTitle title) => RunAsync(title.Value);

    [Fact]
    public void Corpus_has_at_least_200_cases_in_every_group()
    {
        foreach (var (group, count) in HostileCorpus.Tally())
            output.WriteLine($"hostile corpus: {group,-14} {count,4} cases");
        output.WriteLine($"hostile corpus: {"total",-14} {HostileCorpus.All.Length,4} cases; {fixture.Tables.Length} tables watched; {fixture.SequenceCount} sequences prepared in {fixture.SequencesTime.TotalSeconds:0.0} s, quiet after {fixture.PreparationTime.TotalSeconds:0.0} s");
        Assert.True(HostileCorpus.All.Length >= 200, $"only {HostileCorpus.All.Length} cases");
        Assert.All(HostileCorpus.Tally(), g => Assert.True(g.Count > 0, $"group {g.Group} is empty"));
    }

    private async Task RunAsync(string title)
    {
        var hostile = HostileCorpus.Find(title);
        var target = hostile.Target is { } setup ? fixture.Prepared(setup) : null;
        var request = hostile.Build(new CaseContext(fixture.Service, target));
        var expect = hostile.Expect;

        var before = await fixture.SnapshotAsync(target?.Id);
        var watch = Stopwatch.StartNew();
        var answer = await fixture.SendAsync(request);
        watch.Stop();
        var after = await fixture.SnapshotAsync(target?.Id);

        var problems = HostileAnswerCheck.Problems(expect, answer).ToList();
        problems.AddRange(DatabaseProblems(expect.Db, before, after));
        if (await fixture.LivenessProblemAsync() is { } dead)
            problems.Add(dead);
        if (watch.Elapsed > expect.Within)
            problems.Add($"answered after {watch.Elapsed.TotalSeconds:0.00} s, more than {expect.Within.TotalSeconds:0.#} s");

        if (expect.ThenSequenceTerminated && target is not null)
        {
            // A resend of message 1: a duplicate (acknowledged, nothing stored) if the sequence were still open.
            var s = target.Setup;
            var resend = HostileRequest.Xml(
                s.Soap,
                Envelope(s.Soap, Action(s.Wsa, HostileNames.AddItemAction) + (s.Wsa == Wsa.V04 ? ReplyTo(s.Wsa, HostileNames.Wsa04Anonymous) : "") + To(s.Wsa, fixture.Service) + Sequence(s.Rm, target.Id, "1"), AddItem(Guid.NewGuid(), 1)),
                s.Soap == Hostile.Soap.S11 ? HostileNames.AddItemAction : null);
            var later = await fixture.SendAsync(resend);
            problems.AddRange(HostileAnswerCheck.Problems(Spec.Sequence(s.Soap, s.Wsa, s.Rm, "SequenceTerminated"), later).Select(p => "a later message on the sequence: " + p));
        }

        // Something stored by mistake travels on through the bus; let it settle so the next case starts quiet.
        if (after.Counts.GetValueOrDefault("outbox_message") != before.Counts.GetValueOrDefault("outbox_message")
            || after.Counts.GetValueOrDefault("callback_message") != before.Counts.GetValueOrDefault("callback_message"))
            await fixture.WaitQuietAsync();

        output.WriteLine($"{title}: HTTP {answer.Status.ToString(CultureInfo.InvariantCulture)} in {watch.Elapsed.TotalMilliseconds:0} ms; expected {expect.Describe()}");
        if (problems.Count > 0)
            Assert.Fail(string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<string> DatabaseProblems(DbEffect effect, DbSnapshot before, DbSnapshot after)
    {
        foreach (var (table, count) in after.Counts)
        {
            var was = before.Counts.GetValueOrDefault(table);
            var expected = effect == DbEffect.TargetParked && table == "parked_message" ? was + 1 : was;
            if (count != expected)
                yield return $"table {table}: {was} rows before, {count} after, {expected} expected";
        }
        if (after.OthersDigest != before.OthersDigest)
            yield return "an rm_sequence row changed (or one was added or removed)";
        switch (effect)
        {
            case DbEffect.Unchanged when after.TargetRow != before.TargetRow:
                yield return $"the case's sequence changed: {before.TargetRow} → {after.TargetRow}";
                break;
            case DbEffect.TargetTerminated when after.TargetStatus != 2:
                yield return $"the case's sequence is not terminated (status {after.TargetStatus?.ToString(CultureInfo.InvariantCulture) ?? "none"}, 2 = terminated)";
                break;
            case DbEffect.TargetActivityOnly when after.TargetRowWithoutActivity != before.TargetRowWithoutActivity:
                yield return $"the case's sequence changed beyond its last activity: {before.TargetRow} → {after.TargetRow}";
                break;
        }
    }
}
