namespace DuplexBus.Testing;

/// <summary>Outcome of a finished helper process: exit code and interleaved stdout/stderr.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;
}
