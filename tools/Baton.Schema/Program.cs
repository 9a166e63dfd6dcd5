// Usage: dotnet run --project tools/Baton.Schema -- add NAME
//        dotnet run --project tools/Baton.Schema -- check        (exit 1 when the model has changes no migration covers)
using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

if (args.Length == 0 || args[0] is not ("add" or "check") || (args[0] == "add" && args.Length < 2))
{
    Console.Error.WriteLine("usage: Baton.Schema add NAME | check");
    return 2;
}

var root = FindRoot();
var pending = false;
foreach (var (provider, project, connection) in new[]
{
    (DatabaseOptions.Sqlite, "Baton.Migrations.Sqlite", "Data Source=:memory:"),
    (DatabaseOptions.Postgres, "Baton.Migrations.Postgres", "Host=localhost;Database=baton_design"),
})
{
    var builder = new DbContextOptionsBuilder<BatonDb>();
    Database.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connection });
    using var db = new BatonDb(builder.Options);
    if (args[0] == "check")
    {
        if (db.Database.HasPendingModelChanges())
        {
            Console.Error.WriteLine($"{project}: the model has changes no migration covers");
            pending = true;
        }
        continue;
    }

    var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
    var designTime = provider == DatabaseOptions.Sqlite
        ? (IDesignTimeServices)new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices()
        : new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices();
    designTime.ConfigureDesignTimeServices(services);
    var scaffolder = services.BuildServiceProvider().GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(args[1], project, subNamespace: "Migrations", language: "C#");
    var files = scaffolder.Save(Path.Combine(root, "src", project), migration, Path.Combine(root, "src", project, "Migrations"));
    Console.WriteLine($"{project}: {Path.GetFileName(files.MigrationFile)}");
}
return pending ? 1 : 0;

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Baton.slnx"))) return dir.FullName;
    throw new InvalidOperationException("Baton.slnx not found");
}
