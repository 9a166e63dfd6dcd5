using Baton.Core.Data;
using Baton.Core.Demo;
using Baton.Core.Playbook;
using Baton.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Tests.Dashboard;

/// <summary>
/// One demo data set for every dashboard test of a class: six months of simulated deals generated through the real use
/// cases, served by the real host, signed in as the demo's CS lead (by cookie, as in <c>baton demo</c>).
/// </summary>
public sealed class DashboardDemo : IAsyncLifetime
{
    /// <summary>Monday 2026-11-30 17:00 UTC; the simulation runs the 26 weeks before it.</summary>
    public static readonly DateTimeOffset End = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);

    /// <summary>Every close month of the data set.</summary>
    public const string AllMonths = "?from=2026-05&to=2026-12";

    private readonly ScratchDir _dir = new();
    private WebApplication _app = null!;

    public HttpClient Http { get; private set; } = null!;
    public PlaybookContext Context { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;

    public async ValueTask InitializeAsync()
    {
        var clock = new DemoClock(End);
        Context = PlaybookContext.Load(Repo.DefaultPlaybook);
        _app = BatonWeb.Build(["--urls=http://127.0.0.1:0"], Context,
            builder => builder.Services.AddSingleton<TimeProvider>(clock),
            runPumps: false,
            settings: new Dictionary<string, string?>
            {
                ["Database:Provider"] = "sqlite",
                ["Database:ConnectionString"] = $"Data Source={Path.Combine(_dir.Path, "demo.db")}",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Baton:Demo"] = "true",
            });
        await BatonWeb.MigrateAsync(_app);
        await new DemoGenerator(_app.Services, clock).GenerateAsync(new DemoOptions(140, 7, End, Weeks: 26), CancellationToken.None);
        await Baton.Web.Access.DemoSignIn.SeedAsync(_app.Services, CancellationToken.None);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(address) };
    }

    public async Task<T> Db<T>(Func<BatonDb, Task<T>> query)
    {
        using var scope = _app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<BatonDb>());
    }

    /// <summary>A figure's CSV for the whole data set, as rows of cells (header first).</summary>
    public async Task<List<string[]>> CsvAsync(string figure, string query = AllMonths)
    {
        var response = await Http.GetAsync($"/dashboard/{figure}.csv{query}");
        Assert.True(response.IsSuccessStatusCode, $"{figure}.csv: {(int)response.StatusCode}");
        return Csv.Parse(await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

/// <summary>A small RFC 4180 reader for the tests: quoted cells, doubled quotes, commas and newlines inside quotes.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n')
            {
                row.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
