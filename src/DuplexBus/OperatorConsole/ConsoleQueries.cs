using System.Globalization;
using DuplexBus.Edge.Sessions;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DuplexBus.OperatorConsole;

/// <summary>
/// The console's reads that no store has yet: open sequences (newest activity first, by the status index) and saga
/// instances (counts by state, one instance by id). They run when an operator asks, never on a timer.
/// </summary>
internal static class ConsoleQueries
{
    private const string StateProperty = "CurrentState";

    public static async Task<IReadOnlyList<SequenceView>> OpenSequencesAsync(DbContext db, int limit, CancellationToken cancellationToken) =>
        await db.Set<RmSequenceRow>().AsNoTracking()
            .Where(s => s.Status == 0 && s.LastNumber == null)
            .OrderByDescending(s => s.LastActivityAt)
            .Take(limit)
            .Select(s => new SequenceView(s.Id, s.Endpoint, s.Client, s.RmVersion, s.Ordered, s.Received, s.LastNumber, s.CreatedAt, s.LastActivityAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Every persisted saga's instances counted by state (a saga without a state property: one count).</summary>
    public static async Task<IReadOnlyList<SagaStateCount>> SagaStatesAsync(DbContext db, CancellationToken cancellationToken)
    {
        var counts = new List<SagaStateCount>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var saga in Sagas(db))
            {
                var table = Quoted(saga.GetTableName()!, saga.GetSchema());
                var state = saga.FindProperty(StateProperty)?.GetColumnName() is { } column ? Quoted(column) : "'-'";
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {state}, count(*) FROM {table} GROUP BY {state} ORDER BY 2 DESC";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var name = reader.IsDBNull(0) ? "(none)" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "";
                    counts.Add(new SagaStateCount(saga.ClrType.Name, name, reader.GetInt64(1)));
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
        return counts;
    }

    /// <summary>The instance with this id in any persisted saga, or null.</summary>
    public static async Task<SagaInstanceView?> FindInstanceAsync(DbContext db, Guid instanceId, CancellationToken cancellationToken)
    {
        foreach (var saga in Sagas(db))
        {
            if (await db.FindAsync(saga.ClrType, [instanceId], cancellationToken).ConfigureAwait(false) is not { } instance)
                continue;
            var fields = db.Entry(instance).Properties.ToDictionary(
                p => p.Metadata.Name,
                p => p.CurrentValue is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : p.CurrentValue?.ToString(),
                StringComparer.Ordinal);
            return new SagaInstanceView(saga.ClrType.Name, instanceId, fields);
        }
        return null;
    }

    private static IEnumerable<IEntityType> Sagas(DbContext db) =>
        db.Model.GetEntityTypes().Where(t => typeof(ISaga).IsAssignableFrom(t.ClrType) && t.GetTableName() is not null && !t.IsOwned());

    // Names come from the model, not from a request; quoted for both PostgreSQL and SQLite.
    private static string Quoted(string name, string? schema = null) =>
        (schema is null ? "" : "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\".") + "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
