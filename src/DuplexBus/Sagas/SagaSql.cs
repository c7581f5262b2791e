using DuplexBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DuplexBus.Sagas;

/// <summary>The lock-and-load statement of one saga table, derived once from the EF model.</summary>
internal static class SagaSql
{
    public static string LoadForUpdate(DbContext db, IDatabaseDialect dialect, Type sagaType)
    {
        var entity = db.Model.FindEntityType(sagaType)
            ?? throw new InvalidOperationException($"{sagaType.Name} is not mapped in {db.GetType().Name}; apply its SagaClassMap in OnModelCreating.");
        var table = entity.GetTableName()!;
        var schema = entity.GetSchema();
        var key = entity.FindPrimaryKey()!.Properties[0].GetColumnName(StoreObjectIdentifier.Table(table, schema))!;
        var qualified = schema is null ? Quote(table) : Quote(schema) + "." + Quote(table);
        return dialect.SelectForUpdate(qualified, Quote(key));
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
