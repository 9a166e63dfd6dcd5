using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Baton.Tests.Postgres;

/// <summary>Runs everywhere: comparing the model with each provider's snapshot needs no server.</summary>
public sealed class ModelConventionTests
{
    [Theory]
    [InlineData(DatabaseOptions.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseOptions.Postgres, "Host=127.0.0.1;Database=baton_model_only")]
    public void Model_EachProvider_HasNoPendingChanges(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<BatonDb>();
        Database.Configure(options, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        using var db = new BatonDb(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"the model differs from the {provider} migrations' snapshot: run `dotnet run --project tools/Baton.Schema -- add NAME`");
    }
}
