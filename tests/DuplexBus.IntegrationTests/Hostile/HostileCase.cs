namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>How a prepared sequence ends before the case runs.</summary>
public enum SetupEnd
{
    Open,

    /// <summary>WS-RM 1.0: an empty LastMessage numbered one past the messages.</summary>
    LastMessage,

    /// <summary>WS-RM 1.1: CloseSequence with LastMsgNumber = the messages.</summary>
    Closed,

    Terminated,
}

/// <summary>
/// A sequence the fixture prepares before any case runs: created in the given versions, <see cref="Messages"/>
/// AddItem messages received (numbered from 1), then ended as <see cref="End"/> says. Cases with equal setups share
/// one sequence; a case that must change its sequence names itself as <see cref="Owner"/> and gets its own.
/// </summary>
public sealed record SequenceSetup(Rm Rm, Soap Soap, Wsa Wsa, bool Offer = false, int Messages = 1, SetupEnd End = SetupEnd.Open)
{
    public string? Owner { get; init; }
}

/// <summary>A prepared sequence: its id, the reply sequence the client offered, and its CreateSequence's MessageID.</summary>
public sealed record SequenceRef(SequenceSetup Setup, string Id, string? OfferId, string CreateMessageId);

/// <summary>What a case builds its request from: the service address and, when it has one, its prepared sequence.</summary>
public sealed record CaseContext(string Service, SequenceRef? Target)
{
    public string Id => Target?.Id ?? throw new InvalidOperationException("The case has no prepared sequence.");

    public string OfferId => Target?.OfferId ?? throw new InvalidOperationException("The case's sequence has no offered reply sequence.");
}

/// <summary>One hostile input: how to build it, and what the specs say the edge must answer.</summary>
public sealed record HostileCase(string Group, string Name, Func<CaseContext, HostileRequest> Build, Expect Expect)
{
    public SequenceSetup? Target { get; init; }

    /// <summary>The name the test results show.</summary>
    public string Title => $"{Group}: {Name}";

    public override string ToString() => Title;
}
