namespace DuplexBus.Protocol.Contracts;

/// <summary>The arguments of a request in parameter order, or the first problem that kept them from being read.</summary>
internal readonly record struct PartsRead(object?[]? Arguments, string? Problem)
{
    public static PartsRead Read(object?[] arguments) => new(arguments, null);

    public static PartsRead Failed(string problem) => new(null, problem);
}
