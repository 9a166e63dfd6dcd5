using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Data;
using Baton.Core.Integrations.Slack;
using Baton.Core.Deals;
using Baton.Core.Playbook;
using Baton.Tests.Doubles.Slack;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Baton.Tests.Durability;

/// <summary>
/// SIGKILL a real <c>baton serve</c> while it closes deals, fires clocks and drains the outbox, restart it on the
/// same SQLite file, and check that nothing was lost or done twice.
/// </summary>
public sealed class KillTests(ITestOutputHelper output)
{
    private const int DealCount = 300;
    private const string Control = "control";

    [Fact]
    public async Task Serve_KilledMidRunThenRestarted_LosesNothingAndRepeatsNothing()
    {
        Assert.True(File.Exists(BatonProcess.Dll), $"{BatonProcess.Dll} is missing: build src/Baton first");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = deadline.Token;
        using var dir = new ScratchDir();
        var file = Path.Combine(dir.Path, "baton.db");
        var ids = Enumerable.Range(0, DealCount).Select(i => $"kill-{i:D4}").ToArray();
        var expected = await SeedAsync(file, ids, ct);
        // The child runs on the real clock, so Slack's message times must too: the "already posted since…" check
        // after a crash compares them with the outbox row's creation time.
        await using var slack = await SlackDouble.StartAsync(time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(10) });
        // The team channel by the id the double knows, and every team member as a Slack user, as in a real workspace.
        var playbook = dir.CopyOfDefaultPlaybook();
        var yaml = Path.Combine(playbook, "playbook.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("channel: \"#cs-handoffs\"", $"channel: \"{SlackDouble.DefaultChannel}\"", StringComparison.Ordinal));
        // This test is about kills, not Slack's pace: 300 cards at one a second (and their DMs at Tier 3) would take
        // minutes. Pacing and the double's limits have tests of their own (SlackDeliveryTests, SlackRateGateTests).
        slack.EnforceRateLimits = false;
        foreach (var person in PlaybookContext.Load(playbook).Playbook.Team)
            slack.AddUser("U" + new string([.. person.Id.Where(char.IsLetter)]).ToUpperInvariant(), person.Email, person.Name);
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "sqlite",
            ["Database:ConnectionString"] = $"Data Source={file}",
            ["Slack:ApiBaseUrl"] = slack.BaseUrl.ToString(),
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:PaceCalls"] = "false",
            ["Outbox:PollInterval"] = "00:00:00.020",
            // Short claims so the restarted process takes over what the killed one held.
            ["Outbox:ClaimTimeout"] = "00:00:01",
            ["Outbox:BaseDelay"] = "00:00:00.100",
            ["Clocks:PollInterval"] = "00:00:00.050",
            ["Clocks:ClaimTimeout"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var confirmed = new ConcurrentDictionary<string, bool>();

        var token = await BatonProcess.AdminTokenAsync(settings, ct, playbook);
        using (var first = await BatonProcess.StartAsync(settings, ct, playbook, token))
        {
            await CloseAsync(first, ids[..100], confirmed, ct);
            await MakeClocksDueAsync(file, ct);
            // Keep closing while the clock sweeper and the outbox pump work, and pull the plug halfway.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var closing = CloseAsync(first, ids[100..], confirmed, stop.Token);
            var until = DateTime.UtcNow.AddSeconds(60);
            while (confirmed.Count < 200 && !closing.IsCompleted && DateTime.UtcNow < until) await Task.Delay(5, ct);
            first.Kill();
            await stop.CancelAsync();
            await closing;
            output.WriteLine($"killed after {confirmed.Count} confirmed closes; state at the kill: {await CountsAsync(file, ct)}");
            Assert.True(confirmed.Count < DealCount, "every close finished before the kill: nothing was interrupted");
        }

        using (var second = await BatonProcess.StartAsync(settings, ct, playbook, token))
        {
            await MakeClocksDueAsync(file, ct);
            // A client whose request died with the process retries; moving a closed deal to its stage again changes nothing.
            await CloseAsync(second, [.. ids.Where(id => !confirmed.ContainsKey(id))], confirmed, ct);
            await MakeClocksDueAsync(file, ct);
            var settled = await WaitSettledAsync(file, ct);
            output.WriteLine($"after the restart: {await CountsAsync(file, ct)}");
            Assert.True(settled, $"work still pending after 60 s: {await CountsAsync(file, ct)}\n{second.Tail}");
            second.Kill();
        }

        Assert.Equal(DealCount, confirmed.Count);
        await AssertConsistentAsync(file, ids, expected, slack, ct);
    }

    private static async Task AssertConsistentAsync(string file, string[] ids, Expected expected, SlackDouble slack, CancellationToken ct)
    {
        await using var db = Open(file);
        var deals = await db.Deals.AsNoTracking().Where(d => d.Id != Control).ToDictionaryAsync(d => d.Id, ct);
        var handoffs = await db.Handoffs.AsNoTracking().Where(h => h.DealId != Control).Select(h => h.DealId).ToListAsync(ct);
        var closes = await db.Events.AsNoTracking().Where(e => e.Type == "StageChanged" && e.DealId != Control).Select(e => e.DealId).ToListAsync(ct);
        var outbox = await db.Outbox.AsNoTracking().Where(o => o.DealId != Control).ToListAsync(ct);
        var clocks = await db.Clocks.AsNoTracking().Where(c => c.DealId != Control).ToListAsync(ct);

        // Every deal closed once, with exactly one handoff.
        Assert.All(ids, id => Assert.Equal(ClosableDeals.WonStage, deals[id].Stage));
        Assert.Equal(ids.Order(), handoffs.Order());
        Assert.Equal(ids.Order(), closes.Order());

        // Every message the close enqueues exists once per deal, and no key twice.
        Assert.Equal(outbox.Count, outbox.Select(o => o.IdempotencyKey).Distinct().Count());
        var byDeal = outbox.ToLookup(o => o.DealId);
        Assert.All(ids, id => Assert.Superset(expected.CloseMessages, byDeal[id].Select(o => $"{o.Kind} {o.IdempotencyKey[id.Length..]}").ToHashSet()));

        // Every row due was delivered: Slack messages to the double, e-mails and invites to the feed (no SMTP here). The
        // customer channels' archiving is due weeks after the close, and waits untouched.
        var due = outbox.Where(o => o.NextAttemptAtUtc <= DateTime.UtcNow).ToList();
        Assert.All(due, o => Assert.True(o.Status == OutboxStatus.Sent, $"{o.IdempotencyKey}: {o.Status} after {o.Attempts} attempts ({o.LastError})"));
        Assert.All(outbox.Except(due), o => Assert.True(o.Kind == "customer-channel-archive" && o.Status == OutboxStatus.Pending && o.Attempts == 0, $"{o.IdempotencyKey}: {o.Status}"));
        Assert.All(outbox, o => Assert.Null(o.ClaimedUntilUtc));

        // Each customer's channel was created once, even when a create was cut off by the kill.
        var channels = slack.Channels.Select(c => c.Name).ToList();
        Assert.All(ids, id => Assert.Single(channels, name =>
            name == CustomerChannelName.For($"Company {id}", id) || name == CustomerChannelName.WithDealId($"Company {id}", id)));

        // The receiver saw each outbox message at most once.
        var posted = slack.RequestsTo("chat.postMessage").Where(r => r.Status == 200 && r.Error is null).Select(OutboxMessageId).OfType<string>().ToList();
        var twice = posted.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "posted more than once: " + string.Join(", ", twice.Select(id => outbox.FirstOrDefault(o => o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id) is { } o
            ? $"{o.IdempotencyKey} ({o.Kind}, attempts {o.Attempts}, delivered to {o.DeliveredTo})" : id)));

        // No clock lost: every deal has the clocks a close starts, and none is overdue and still running.
        var clocksByDeal = clocks.ToLookup(c => c.DealId);
        Assert.All(ids, id => Assert.Superset(expected.Clocks, clocksByDeal[id].Select(c => c.Name).ToHashSet()));
        Assert.DoesNotContain(clocks, c => c.Status == ClockStatus.Running && c.DueAtUtc < DateTime.UtcNow.AddYears(-1));

        // No escalation repeated, and every deal escalated (its first-contact clock ran out).
        var escalations = outbox.Where(o => o.Kind == "escalation").ToList();
        Assert.Equal(escalations.Count, escalations.Select(e => (e.DealId, e.Payload)).Distinct().Count());
        Assert.All(ids, id => Assert.Contains(escalations, e => e.DealId == id));
    }

    private static string? OutboxMessageId(SlackRecordedRequest request)
    {
        var metadata = request.Args["metadata"];
        if (metadata is JsonValue text && text.TryGetValue<string>(out var json)) metadata = JsonNode.Parse(json);
        return metadata?["event_payload"]?["outbox_message_id"]?.ToString();
    }

    /// <summary>What closing one deal writes, learnt from a control deal closed in-process.</summary>
    private sealed record Expected(HashSet<string> CloseMessages, HashSet<string> Clocks);

    /// <summary>Creates the schema and the deals in-process, through the same use case the API calls, and closes one control deal.</summary>
    private static async Task<Expected> SeedAsync(string file, string[] ids, CancellationToken ct)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={file}" });
        var playbook = PlaybookContext.Load(Repo.DefaultPlaybook);
        builder.AddBaton(playbook, runPumps: false);
        using var host = builder.Build();
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
        await Database.MigrateAsync(db, ct);
        foreach (var id in ids.Append(Control))
            Assert.IsType<DealResult.Ok>(await host.Services.DealAsync<CreateDeal>(d => d.RunAsync(ClosableDeals.Make(playbook, id), "seed", "import", ct), ct));
        Assert.IsType<DealResult.Ok>(await host.Services.DealAsync<MoveDealStage>(d => d.RunAsync(Control, ClosableDeals.WonStage, "seed", ct), ct));
        var messages = await db.Outbox.AsNoTracking().Where(o => o.DealId == Control).Select(o => o.Kind + " " + o.IdempotencyKey.Substring(Control.Length)).ToListAsync(ct);
        var clocks = await db.Clocks.AsNoTracking().Where(c => c.DealId == Control).Select(c => c.Name).ToListAsync(ct);
        SqliteConnection.ClearAllPools();
        Assert.NotEmpty(messages);
        Assert.NotEmpty(clocks);
        return new Expected(messages.ToHashSet(), clocks.ToHashSet());
    }

    /// <summary>Four clients close deals; a request that dies with the process is left for the next run.</summary>
    private static async Task CloseAsync(BatonProcess baton, string[] ids, ConcurrentDictionary<string, bool> confirmed, CancellationToken ct)
    {
        var next = -1;
        async Task Client()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Length && !ct.IsCancellationRequested)
            {
                try
                {
                    using var response = await baton.Http.PostAsJsonAsync($"api/deals/{ids[i]}/stage", new { stage = ClosableDeals.WonStage }, ct);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{ids[i]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}\n{baton.Tail}");
                    confirmed[ids[i]] = true;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    return;
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Client, CancellationToken.None)));
    }

    /// <summary>Business-day clocks never run out in a test's minute, so the test moves every running deadline into the past.</summary>
    private static async Task MakeClocksDueAsync(string file, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=10000; UPDATE clocks SET DueAtUtc = '2000-01-01 00:00:00' WHERE Status = 'running';";
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> WaitSettledAsync(string file, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            await using var db = Open(file);
            var now = DateTime.UtcNow;
            var pending = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending && o.NextAttemptAtUtc <= now, ct);
            var overdue = await db.Clocks.CountAsync(c => c.Status == ClockStatus.Running && c.DueAtUtc < DateTime.UtcNow.AddYears(-1), ct);
            if (pending == 0 && overdue == 0) return true;
            await Task.Delay(200, ct);
        }
        return false;
    }

    private static async Task<string> CountsAsync(string file, CancellationToken ct)
    {
        await using var db = Open(file);
        var handoffs = await db.Handoffs.CountAsync(ct);
        var outbox = await db.Outbox.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var claimed = await db.Outbox.CountAsync(o => o.ClaimedUntilUtc != null, ct);
        var clocks = await db.Clocks.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var waiting = await db.Outbox.Where(o => o.Status == OutboxStatus.Pending).GroupBy(o => new { o.Kind, o.LastError })
            .Select(g => new { g.Key.Kind, g.Key.LastError, Count = g.Count() }).ToListAsync(ct);
        return $"{handoffs} handoffs; outbox {string.Join(", ", outbox.Select(o => $"{o.Key} {o.Count}"))}, claimed {claimed}; clocks {string.Join(", ", clocks.Select(c => $"{c.Key} {c.Count}"))}"
            + $"; pending by kind: {string.Join("; ", waiting.OrderByDescending(w => w.Count).Take(8).Select(w => $"{w.Count} {w.Kind} ({w.LastError ?? "not tried"})"))}";
    }

    private static BatonDb Open(string file)
    {
        var options = new DbContextOptionsBuilder<BatonDb>();
        Database.Configure(options, new DatabaseOptions { ConnectionString = $"Data Source={file};Pooling=False" });
        return new BatonDb(options.Options);
    }
}
