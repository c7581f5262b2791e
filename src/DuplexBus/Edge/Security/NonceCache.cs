namespace DuplexBus.Edge.Security;

/// <summary>
/// The nonces of recent authenticated messages, per user, so each is used once. Bounded by count and by time:
/// an entry lives as long as a message carrying it could still be fresh; when every slot holds a live nonce,
/// new nonces are refused (a replay is never let through to make room).
/// </summary>
internal sealed class NonceCache(int capacity, TimeSpan lifetime)
{
    private readonly Dictionary<string, DateTimeOffset> _live = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Until)> _byAge = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
                return _live.Count;
        }
    }

    public NonceUse TryUse(string userName, ReadOnlySpan<byte> nonce, DateTimeOffset now)
    {
        var key = userName + "\n" + Convert.ToBase64String(nonce);
        lock (_lock)
        {
            while (_byAge.TryPeek(out var oldest) && oldest.Until <= now)
            {
                _byAge.Dequeue();
                if (_live.TryGetValue(oldest.Key, out var until) && until == oldest.Until)
                    _live.Remove(oldest.Key);
            }
            if (_live.ContainsKey(key))
                return NonceUse.Replayed;
            if (_live.Count >= capacity)
                return NonceUse.Full;
            var expiry = now + lifetime;
            _live[key] = expiry;
            _byAge.Enqueue((key, expiry));
            return NonceUse.First;
        }
    }
}

internal enum NonceUse
{
    First,
    Replayed,
    Full,
}
