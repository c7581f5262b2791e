namespace DuplexBus.Parking;

internal static class ParkReason
{
    public const int MaxLength = 2000;

    /// <summary>The exception's type and message (and its innermost cause's), never a message body.</summary>
    public static string Of(Exception exception)
    {
        var root = exception.GetBaseException();
        var text = root == exception
            ? $"{exception.GetType().Name}: {exception.Message}"
            : $"{exception.GetType().Name}: {exception.Message} ({root.GetType().Name}: {root.Message})";
        return Truncate(text);
    }

    public static string Truncate(string text) => text.Length <= MaxLength ? text : text[..MaxLength];
}
