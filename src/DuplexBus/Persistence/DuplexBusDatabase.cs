using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Persistence;

/// <summary>
/// How DuplexBus's own steps find the application's DbContext (the one given to <c>UsePostgreSql</c>/<c>UseSqlite</c>):
/// a keyed registration, so the application's unkeyed <see cref="DbContext"/> registrations stay its own.
/// </summary>
internal static class DuplexBusDatabase
{
    public const string Key = "DuplexBus";

    public static DbContext Get(IServiceProvider services) => services.GetRequiredKeyedService<DbContext>(Key);
}
