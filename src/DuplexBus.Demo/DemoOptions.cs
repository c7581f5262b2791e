using System.Globalization;

namespace DuplexBus.Demo;

/// <summary>The command line: what to talk to, how much to send, and how long to wait for the callback.</summary>
public sealed record DemoOptions(Uri? Service, int Items, int Steps, bool ReplyTo, TimeSpan Timeout)
{
    public const string Usage = """
        Usage: dotnet run --project src/DuplexBus.Demo [-- options]

          --service URL   use a running host (e.g. http://127.0.0.1:5080/services/work) instead of starting one
          --items N       AddItem messages to send over the reliable session (default 5)
          --steps N       units of simulated work StartWork asks for (default 10)
          --reply-to      ask for the callback with a WS-Addressing ReplyTo instead of a CallbackContext header
          --timeout S     seconds to wait for the WorkCompleted callback (default 60)
          --help          this text
        """;

    public static DemoOptions Default { get; } = new(null, 5, 10, false, TimeSpan.FromSeconds(60));

    /// <summary>The options, or null with <paramref name="error"/> set (empty for --help).</summary>
    public static DemoOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = Default;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--help" or "-h":
                    error = "";
                    return null;
                case "--reply-to":
                    options = options with { ReplyTo = true };
                    continue;
                case "--service" or "--items" or "--steps" or "--timeout":
                    break;
                default:
                    error = $"Unknown option '{name}'.";
                    return null;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--service" when Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                    options = options with { Service = uri };
                    break;
                case "--items" when Positive(value, out var items):
                    options = options with { Items = items };
                    break;
                case "--steps" when Positive(value, out var steps):
                    options = options with { Steps = steps };
                    break;
                case "--timeout" when Positive(value, out var seconds):
                    options = options with { Timeout = TimeSpan.FromSeconds(seconds) };
                    break;
                default:
                    error = $"{name} '{value}' is not valid: " + (name == "--service" ? "an absolute http(s) URL is expected." : "a positive whole number is expected.");
                    return null;
            }
        }

        return options;
    }

    private static bool Positive(string value, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
}
