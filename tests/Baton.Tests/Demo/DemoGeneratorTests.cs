using System.Net.Http.Json;
using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Demo;
using Baton.Core.Playbook;
using Baton.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Tests.Demo;

public sealed class DemoGeneratorTests
{
    /// <summary>Monday 2026-11-30 17:00 UTC; the simulation runs the six weeks before it.</summary>
    private static readonly DateTimeOffset End = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Generate_SmallDataSet_CoversTheFlowAndServesIt()
    {
        await using var demo = await DemoHost.StartAsync();

        var summary = await demo.GenerateAsync(new DemoOptions(Deals: 60, Seed: 7, EndUtc: End));

        Assert.Equal(60, summary.Deals);
        Assert.True(summary.HandoffStates.Count >= 3, $"states: {string.Join(", ", summary.HandoffStates)}");
        Assert.True(summary.DealStages.Count >= 4, $"stages: {string.Join(", ", summary.DealStages)}");
        Assert.True(summary.MissedClocks >= 1);
        Assert.True(summary.Rejections >= 1);
        Assert.True(summary.GateRefusals >= 1);
        Assert.True(summary.FeedMessages > 0);
        Assert.True(await demo.Db(db => db.Events.AnyAsync(e => e.Type == "HandoffRated")));
        Assert.True(await demo.Db(db => db.Events.AnyAsync(e => e.Type == "HandoffResubmitted")));
        Assert.False(await demo.Db(db => db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Parked)));

        var feed = JsonDocument.Parse(await demo.Http.GetStringAsync("/api/feed")).RootElement;
        Assert.True(feed.GetArrayLength() > 0);
        Assert.False(string.IsNullOrWhiteSpace(feed[0].GetProperty("text").GetString()));
        Assert.Contains("these messages were NOT sent to Slack", await demo.Http.GetStringAsync("/feed"));
        var metrics = await demo.Http.GetFromJsonAsync<JsonElement>("/api/metrics/handoffs");
        Assert.True(metrics.GetProperty("medianHoursToAcknowledge").GetDouble() > 0);
        var missed = (await demo.Db(db => db.Events.FirstAsync(e => e.Type == "ClockMissed"))).DealId;
        Assert.Contains("missed", await demo.Http.GetStringAsync($"/handoffs/{missed}"));
    }

    [Fact]
    public async Task Generate_SameSeedTwice_SameDataSet()
    {
        await using var first = await DemoHost.StartAsync();
        await using var second = await DemoHost.StartAsync();

        var a = await first.GenerateAsync(new DemoOptions(Deals: 25, Seed: 3, EndUtc: End));
        var b = await second.GenerateAsync(new DemoOptions(Deals: 25, Seed: 3, EndUtc: End));

        Assert.Equal(a with { Elapsed = default, Cpu = default, HandoffStates = null!, DealStages = null! }, b with { Elapsed = default, Cpu = default, HandoffStates = null!, DealStages = null! });
        Assert.Equal(a.HandoffStates.OrderBy(x => x.Key), b.HandoffStates.OrderBy(x => x.Key));
        Assert.Equal(
            await first.Db(db => db.Events.OrderBy(e => e.Id).Select(e => e.Type + e.DealId + e.OccurredAtUtc).ToListAsync()),
            await second.Db(db => db.Events.OrderBy(e => e.Id).Select(e => e.Type + e.DealId + e.OccurredAtUtc).ToListAsync()));
    }

    /// <summary>The demo's wiring: the real host with the demo clock and the in-app feed, pumps driven by the generator.</summary>
    private sealed class DemoHost : IAsyncDisposable
    {
        private readonly ScratchDir _dir = new();
        private WebApplication _app = null!;
        private DemoClock _clock = null!;

        public HttpClient Http { get; private set; } = null!;

        public static async Task<DemoHost> StartAsync()
        {
            var host = new DemoHost();
            host._clock = new DemoClock(End);
            host._app = BatonWeb.Build(["--urls=http://127.0.0.1:0"], PlaybookContext.Load(Repo.DefaultPlaybook),
                builder =>
                {
                    builder.Services.AddSingleton<TimeProvider>(host._clock);
                },
                runPumps: false,
                settings: new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "sqlite",
                    ["Database:ConnectionString"] = $"Data Source={Path.Combine(host._dir.Path, "demo.db")}",
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Baton:Demo"] = "true",
                });
            await BatonWeb.MigrateAsync(host._app);
            await Baton.Web.Access.DemoSignIn.SeedAsync(host._app.Services, CancellationToken.None);
            await host._app.StartAsync();
            var address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            // No credentials: as in `baton demo`, a loopback visitor is signed in as the demo's CS lead by cookie.
            host.Http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(address) };
            return host;
        }

        public Task<DemoSummary> GenerateAsync(DemoOptions options) =>
            new DemoGenerator(_app.Services, _clock).GenerateAsync(options, CancellationToken.None);

        public async Task<T> Db<T>(Func<BatonDb, Task<T>> query)
        {
            using var scope = _app.Services.CreateScope();
            return await query(scope.ServiceProvider.GetRequiredService<BatonDb>());
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
}
