using Npgsql;

namespace DuplexBus.Benchmarks.Work;

/// <summary>The sample saga's table as the benchmarks read it: how many items were applied, and to which instance.</summary>
internal static class WorkStates
{
    /// <summary>Items applied so far, all instances together (the sum of <c>item_count</c>).</summary>
    public static async Task<long> AppliedAsync(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("SELECT coalesce(sum(item_count), 0)::bigint FROM work_state");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every instance's item count, last index and order flag.</summary>
    public static async Task<IReadOnlyDictionary<Guid, WorkStateRow>> ReadAsync(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var rows = new Dictionary<Guid, WorkStateRow>();
        await using var command = dataSource.CreateCommand("SELECT correlation_id, item_count, last_index, in_order FROM work_state");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows[reader.GetGuid(0)] = new WorkStateRow(reader.GetInt32(1), reader.GetInt32(2), reader.GetBoolean(3));
        return rows;
    }

    /// <summary>
    /// What is wrong with the instances that should hold items 1..n each (n per instance in <paramref name="expected"/>):
    /// a missing instance, another count or last index, or an item applied out of order. Empty when all is right.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(NpgsqlDataSource dataSource, IReadOnlyDictionary<Guid, long> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var rows = await ReadAsync(dataSource);
        var problems = new List<string>();
        foreach (var (instance, items) in expected)
        {
            if (!rows.TryGetValue(instance, out var row))
            {
                if (items > 0)
                    problems.Add($"instance {instance}: no state, {items} items acknowledged");
                continue;
            }
            if (row.ItemCount != items || row.LastIndex != items)
                problems.Add($"instance {instance}: {row.ItemCount} items applied, last index {row.LastIndex}; {items} acknowledged");
            if (!row.InOrder)
                problems.Add($"instance {instance}: items applied out of order");
        }
        return problems;
    }
}
