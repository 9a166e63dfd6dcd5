using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Data;

/// <summary>Bound from <c>Database:*</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Default: a SQLite file under <c>./data/</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/baton.db";
}

public static class Database
{
    public static IServiceCollection AddBatonDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddDbContext<BatonDb>(db => Configure(db, options));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseOptions options)
    {
        switch (options.Provider.ToLowerInvariant())
        {
            case DatabaseOptions.Sqlite:
                EnsureDirectory(options.ConnectionString);
                db.UseSqlite(options.ConnectionString, x => x.MigrationsAssembly("Baton.Migrations.Sqlite"))
                  .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseOptions.Postgres:
                db.UseNpgsql(options.ConnectionString, x => x.MigrationsAssembly("Baton.Migrations.Postgres"));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use 'sqlite' or 'postgres'");
        }
    }

    /// <summary>Applies pending migrations; WAL is a property of the SQLite file, so it is set once here.</summary>
    public static async Task MigrateAsync(BatonDb db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    private static void EnsureDirectory(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:") return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }

    /// <summary>
    /// Per connection: NORMAL sync is durable against a process crash in WAL mode (a power cut may lose the last
    /// commits); a busy timeout lets several writers queue instead of failing.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }
}
