using System.Text.Json;
using Baton.Cli;
using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Baton.Tests.Integrations.HubSpot;

/// <summary><c>baton sync hubspot</c> and <c>baton audit --from hubspot</c> against the HubSpot double over real HTTP.</summary>
public sealed class HubSpotSyncTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ScratchDir _dir = new();
    private HubSpotHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await HubSpotHarness.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _h.DisposeAsync();
        _dir.Dispose();
    }

    private string Database => $"Data Source={Path.Combine(_dir.Path, "sync.db")}";

    private async Task<(int Exit, string Out, string Err)> BatonAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await Task.Run(() => BatonCli.Run(args, stdout, stderr));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private Task<(int Exit, string Out, string Err)> SyncAsync(string since = "2026-06-01") =>
        BatonAsync(["sync", "hubspot", "--since", since, "--playbook", Repo.DefaultPlaybook, .. _h.CliSettings,
            "--HubSpot:SearchRequestsPerSecond=5", "--Database:Provider=sqlite", $"--Database:ConnectionString={Database}"]);

    private void Seed(int count)
    {
        var owner = _h.HubSpot.AddOwner("rachel.goldberg@baton.example", "Rachel", "Goldberg");
        string[] stages = ["qualifiedtobuy", "presentationscheduled", "contractsent", "closedwon", "closedlost"];
        for (var i = 0; i < count; i++)
            _h.HubSpot.CreateDeal(new Dictionary<string, string?>
            {
                ["dealname"] = $"Deal {i}", ["dealstage"] = stages[i % stages.Length], ["amount"] = "48000", ["hubspot_owner_id"] = owner,
                ["baton_why_now"] = i % 3 == 0 ? "n/a" : "Board mandated a 5-day close before the March audit.",
                ["baton_success_metric"] = "Cut ticket backlog from 1,200 to under 300 within 90 days of go-live",
            }, createdAt: Start.AddSeconds(i / 10));
    }

    private async Task<T> Db<T>(Func<BatonDb, Task<T>> query)
    {
        var options = new DbContextOptionsBuilder<BatonDb>();
        Core.Data.Database.Configure(options, new DatabaseOptions { ConnectionString = Database });
        await using var db = new BatonDb(options.Options);
        return await query(db);
    }

    [Fact]
    public async Task Sync_25000Deals_BroughtInPastTheSearchCapAndASecondRunChangesNothing()
    {
        // The command writes to its own SQLite file whatever the suite's database: one run is enough.
        Assert.SkipWhen(Environment.GetEnvironmentVariable("BATON_TEST_DATABASE") == "postgres", "runs once, in the SQLite pass");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Provision();
        Seed(25_000);
        TestContext.Current.TestOutputHelper?.WriteLine($"seeded: {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();

        var first = await SyncAsync();

        Assert.True(first.Exit == ExitCodes.Ok, first.Out + first.Err);
        Assert.Contains("25000 deals read from HubSpot: 25000 new, 0 updated, 0 unchanged", first.Out);
        Assert.Equal(25_000, await Db(db => db.Deals.CountAsync(d => d.CrmSource == "hubspot")));
        Assert.Equal(5_000, await Db(db => db.Deals.CountAsync(d => d.Stage == "Closed Won")));
        Assert.Equal(0, await Db(db => db.Handoffs.CountAsync())); // the past is recorded, not handed off again
        var one = await Db(db => db.Deals.Include(d => d.Fields).SingleAsync(d => d.CrmId != null && d.Name == "Deal 1"));
        Assert.Equal(("rachel.goldberg", 48000m), (one.OwnerId, one.Amount));
        Assert.Contains(one.Fields, f => f.Key == "why_now" && f.Source == "hubspot");
        Assert.True(_h.HubSpot.RequestsTo("/objects/deals/search").Count >= 125, "paged 200 at a time");
        // Paced at HubSpot's own 5 a second, a busy machine may land a 6th in one second: HubSpot says 429, Baton waits and goes on.
        Assert.All(_h.HubSpot.RequestsTo("/objects/deals/search"), r => Assert.Contains(r.Status, new[] { 200, 429 }));

        TestContext.Current.TestOutputHelper?.WriteLine($"first sync: {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var second = await SyncAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"second sync: {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(second.Exit == ExitCodes.Ok, second.Out + second.Err);
        Assert.Contains("25000 deals read from HubSpot: 0 new, 0 updated, 25000 unchanged", second.Out);
        Assert.Equal(25_000, await Db(db => db.Events.CountAsync(e => e.Type == "DealImported")));
    }

    [Fact]
    public async Task Sync_SinceNotADate_Exit2NamingIt()
    {
        var (exit, _, err) = await SyncAsync("last tuesday");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--since 'last tuesday' is not a date", err);
    }

    [Fact]
    public async Task AuditFromHubSpot_LivePortal_SameReportAsItsExport()
    {
        Provision();
        Seed(50);

        var (exit, stdout, stderr) = await BatonAsync(["audit", "--from", "hubspot", "--since", "2026-06-01", "--format", "json", "--playbook", Repo.DefaultPlaybook, .. _h.CliSettings]);

        Assert.True(exit == ExitCodes.Ok, stdout + stderr);
        Assert.Contains("50 deals read from HubSpot", stderr);
        var report = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("hubspot", report.GetProperty("crm").GetString());
        var audited = report.GetProperty("deals").EnumerateArray().ToList();
        Assert.Equal(10, audited.Count); // every fifth deal is closed won, and only those are judged
        Assert.All(audited, d => Assert.Equal("rachel.goldberg", d.GetProperty("owner").GetString()));
        // i = 3, 18, 33, 48: closed won with "n/a" as why they bought now.
        var filler = audited.Where(d => d.GetProperty("problems").EnumerateArray().Any(p =>
            p.GetProperty("field").GetString() == "why_now" && p.GetProperty("verdict").GetString() == "filler")).Select(d => d.GetProperty("name").GetString()).Order();
        Assert.Equal(["Deal 18", "Deal 3", "Deal 33", "Deal 48"], filler);
    }

    [Fact]
    public async Task AuditFromHubSpot_WithoutSince_Exit2()
    {
        var (exit, _, err) = await BatonAsync(["audit", "--from", "hubspot", .. _h.CliSettings]);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--since", err);
    }

    /// <summary>The manifest's properties, so the double accepts the deals' handoff values.</summary>
    private void Provision()
    {
        var result = BatonCli.Run(["provision", "hubspot", "--playbook", Repo.DefaultPlaybook, .. _h.CliSettings], new StringWriter(), new StringWriter());
        Assert.Equal(ExitCodes.Ok, result);
    }
}
