namespace DuplexBus.Outbox;

/// <summary>
/// Which earlier rows of a relay batch each row must wait for. Rows that share a key (the instance a message is for,
/// the sequence it came in on) are published one after another in commit order; rows that share none go out
/// together, so one slow confirm does not hold up every other instance. A row with no key — a message whose instance
/// the relay cannot tell — keeps commit order with every row: it waits for all before it, and all after wait for it.
/// </summary>
public static class RelayLanes
{
    /// <summary>
    /// For each row, in commit order, the indexes of the earlier rows it waits for, none named twice and none that
    /// another of them already waits for through its own key.
    /// </summary>
    public static int[][] Predecessors(IReadOnlyList<IReadOnlyCollection<string>> keysPerRow)
    {
        ArgumentNullException.ThrowIfNull(keysPerRow);
        var lastOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var sinceBarrier = new List<int>();
        var barrier = -1;
        var result = new int[keysPerRow.Count][];
        for (var row = 0; row < keysPerRow.Count; row++)
        {
            var keys = keysPerRow[row];
            if (keys.Count == 0)
            {
                result[row] = sinceBarrier.Count > 0 ? [.. sinceBarrier] : barrier >= 0 ? [barrier] : [];
                // Everything before is now behind this row: later rows need only wait for it.
                barrier = row;
                sinceBarrier.Clear();
                lastOfKey.Clear();
                continue;
            }

            var before = new List<int>(keys.Count);
            foreach (var key in keys)
            {
                // The last earlier row of this key waited for the ones before it, so it is the only one to wait for.
                if (lastOfKey.TryGetValue(key, out var previous) && !before.Contains(previous))
                    before.Add(previous);
                lastOfKey[key] = row;
            }
            // A row of a key seen since the last barrier waits for the barrier through it.
            if (before.Count == 0 && barrier >= 0)
                before.Add(barrier);
            sinceBarrier.Add(row);
            result[row] = [.. before];
        }
        return result;
    }
}
