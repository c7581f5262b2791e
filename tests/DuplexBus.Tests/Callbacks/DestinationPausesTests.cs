using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

public sealed class DestinationPausesTests
{
    private const string Dead = "http://10.0.0.1:8080";
    private const string Alive = "http://10.0.0.2:8080";
    private static readonly DateTime T0 = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(30);

    private static DestinationPauses PausedAt(DateTime at)
    {
        var pauses = new DestinationPauses(failuresToPause: 3, Pause);
        for (var i = 0; i < 3; i++)
            pauses.Record(Dead, CallbackAttemptKind.Failed, at);
        return pauses;
    }

    [Fact]
    public void Failures_short_of_the_bound_pause_nothing()
    {
        var pauses = new DestinationPauses(3, Pause);

        Assert.Equal(DestinationChange.None, pauses.Record(Dead, CallbackAttemptKind.Failed, T0));
        Assert.Equal(DestinationChange.None, pauses.Record(Dead, CallbackAttemptKind.Failed, T0));

        Assert.True(pauses.TryEnter(Dead, T0, out _));
        Assert.Equal(2, pauses.FailuresOf(Dead));
    }

    [Fact]
    public void The_bound_pauses_the_destination_and_its_callbacks_are_put_off_until_the_pause_ends()
    {
        var pauses = new DestinationPauses(3, Pause);
        pauses.Record(Dead, CallbackAttemptKind.Failed, T0);
        pauses.Record(Dead, CallbackAttemptKind.Failed, T0);

        Assert.Equal(DestinationChange.Paused, pauses.Record(Dead, CallbackAttemptKind.Failed, T0));

        Assert.False(pauses.TryEnter(Dead, T0.AddSeconds(29), out var until));
        Assert.Equal(T0 + Pause, until);
        Assert.True(pauses.TryEnter(Alive, T0.AddSeconds(1), out _)); // other destinations go on
    }

    [Fact]
    public void After_the_pause_one_attempt_probes_while_the_others_keep_waiting()
    {
        var pauses = PausedAt(T0);
        var after = T0 + Pause;

        Assert.True(pauses.TryEnter(Dead, after, out _));
        Assert.False(pauses.TryEnter(Dead, after.AddSeconds(1), out var until));
        Assert.Equal(after + Pause, until);
    }

    [Fact]
    public void A_failed_probe_pauses_again_without_announcing_a_new_pause()
    {
        var pauses = PausedAt(T0);
        var after = T0 + Pause;
        Assert.True(pauses.TryEnter(Dead, after, out _));

        Assert.Equal(DestinationChange.None, pauses.Record(Dead, CallbackAttemptKind.Failed, after));

        Assert.False(pauses.TryEnter(Dead, after.AddSeconds(1), out var until));
        Assert.Equal(after + Pause, until);
    }

    [Theory]
    [InlineData(CallbackAttemptKind.Delivered)]
    [InlineData(CallbackAttemptKind.Refused)]
    public void Any_answer_but_a_failure_resumes_the_destination(CallbackAttemptKind answer)
    {
        var pauses = PausedAt(T0);
        Assert.True(pauses.TryEnter(Dead, T0 + Pause, out _));

        Assert.Equal(DestinationChange.Resumed, pauses.Record(Dead, answer, T0 + Pause));

        Assert.True(pauses.TryEnter(Dead, T0 + Pause, out _));
        Assert.True(pauses.TryEnter(Dead, T0 + Pause, out _));
        Assert.Equal(0, pauses.FailuresOf(Dead));
    }

    [Fact]
    public void A_success_between_failures_starts_the_count_again()
    {
        var pauses = new DestinationPauses(3, Pause);
        pauses.Record(Dead, CallbackAttemptKind.Failed, T0);
        pauses.Record(Dead, CallbackAttemptKind.Failed, T0);

        Assert.Equal(DestinationChange.None, pauses.Record(Dead, CallbackAttemptKind.Delivered, T0));
        pauses.Record(Dead, CallbackAttemptKind.Failed, T0);

        Assert.True(pauses.TryEnter(Dead, T0, out _));
    }

    [Fact]
    public void A_probe_that_never_reports_back_stops_counting_after_a_pause()
    {
        var pauses = PausedAt(T0);
        Assert.True(pauses.TryEnter(Dead, T0 + Pause, out _));

        Assert.True(pauses.TryEnter(Dead, T0 + Pause + Pause, out _));
    }

    [Theory]
    [InlineData("http://client.example:8080/cb/work?x=1", "http://client.example:8080")]
    [InlineData("https://client.example/cb", "https://client.example")]
    [InlineData("HTTP://Client.Example:80/cb", "http://client.example")]
    public void A_destination_is_the_scheme_host_and_port(string address, string destination)
    {
        Assert.Equal(destination, DestinationPauses.DestinationOf(address));
    }
}
