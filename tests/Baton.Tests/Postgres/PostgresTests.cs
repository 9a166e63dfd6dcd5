using Baton.Core.Clocks;
using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Handoffs;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Tests.Durability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Tests.Postgres;

/// <summary>What only PostgreSQL can show: real concurrent claimers on separate connections. Skips without BATON_TEST_POSTGRES.</summary>
public sealed class PostgresTests
{
    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigration()
    {
        await using var host = await PostgresHost.StartAsync(migrate: false);

        var (applied, all, deals) = await host.InScope(async sp =>
        {
            var db = sp.GetRequiredService<BatonDb>();
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
            await Database.MigrateAsync(db);
            return ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList(), await db.Deals.CountAsync());
        });

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Equal(0, deals);
    }

    [Fact]
    public async Task CloseDeal_ThenOutboxPump_PostsOnceThroughTheDelivery()
    {
        await using var host = await PostgresHost.StartAsync();
        await CloseAsync(host, ["pg-1"]);

        var handled = await host.Services.GetRequiredService<OutboxPump>().RunOnceAsync(CancellationToken.None);

        var rows = await host.InScope(sp => sp.GetRequiredService<BatonDb>().Outbox.AsNoTracking().Where(o => o.DealId == "pg-1").ToListAsync());
        Assert.Contains(rows, r => r.Kind == "post");
        // The customer channel's archive is due 30 days after the close; everything else is due now.
        var due = rows.Where(r => r.NextAttemptAtUtc <= host.Time.GetUtcNow().UtcDateTime).ToList();
        Assert.Contains(rows, r => r.Kind == "customer-channel-archive" && !due.Contains(r));
        var slack = due.Where(r => r.Channel == OutboxChannels.Slack).ToList();
        Assert.All(slack, r => Assert.Equal((OutboxStatus.Sent, 1), (r.Status, r.Attempts)));
        Assert.Equal(slack.Select(r => r.IdempotencyKey).Order(), host.Delivery.Keys.Order());
        Assert.Equal(due.Count, handled);
        Assert.Equal(1, await host.InScope(sp => sp.GetRequiredService<BatonDb>().Handoffs.CountAsync(h => h.DealId == "pg-1")));
    }

    [Fact]
    public async Task OutboxClaim_TwoConcurrentPumps_DeliverEachRowOnce()
    {
        await using var host = await PostgresHost.StartAsync();
        await CloseAsync(host, [.. Enumerable.Range(0, 30).Select(i => $"pg-{i}")]);
        var now = host.Time.GetUtcNow().UtcDateTime;
        var expected = await host.InScope(sp => sp.GetRequiredService<BatonDb>().Outbox.CountAsync(o => o.Channel == OutboxChannels.Slack && o.NextAttemptAtUtc <= now));

        await RaceAsync(host.NewOutboxPump().RunOnceAsync, host.NewOutboxPump().RunOnceAsync);

        var keys = host.Delivery.Keys;
        Assert.Equal(expected, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task ClockClaim_TwoConcurrentSweepers_FireEachClockOnce()
    {
        await using var host = await PostgresHost.StartAsync();
        await CloseAsync(host, [.. Enumerable.Range(0, 20).Select(i => $"pg-{i}")]);
        var running = await host.InScope(sp => sp.GetRequiredService<BatonDb>().Clocks.CountAsync(c => c.Status == ClockStatus.Running));
        host.Time.Advance(TimeSpan.FromDays(30)); // every clock is overdue

        await RaceAsync(host.NewClockPump().RunOnceAsync, host.NewClockPump().RunOnceAsync);

        var clocks = await host.InScope(sp => sp.GetRequiredService<BatonDb>().Clocks.AsNoTracking().ToListAsync());
        var escalations = await host.InScope(sp => sp.GetRequiredService<BatonDb>().Outbox.AsNoTracking().Where(o => o.Kind == "escalation").ToListAsync());
        Assert.True(running > 0);
        Assert.NotEmpty(escalations);
        Assert.Contains(clocks, c => c.FiredAtUtc != null);
        Assert.All(clocks.Where(c => c.FiredAtUtc != null), c => Assert.Equal(1, c.Attempts)); // a second claim would count 2
        Assert.DoesNotContain(clocks, c => c.Status == ClockStatus.Running && c.DueAtUtc <= host.Time.GetUtcNow().UtcDateTime && c.Attempts == 0);
        Assert.Equal(escalations.Count, escalations.Select(e => (e.DealId, e.Payload)).Distinct().Count());
    }

    [Fact]
    public async Task CloseDeals_FourConcurrentClients_EachClosesOnceWithOneHandoff()
    {
        await using var host = await PostgresHost.StartAsync();
        var playbook = host.Services.GetRequiredService<PlaybookContext>();
        var ids = Enumerable.Range(0, 40).Select(i => $"pg-{i}").ToArray();
        foreach (var id in ids)
            await host.Services.DealAsync<CreateDeal>(d => d.RunAsync(ClosableDeals.Make(playbook, id), "test", "api", CancellationToken.None));

        // A fresh database has no routing cursor yet: the first closes race to create it.
        var next = -1;
        var results = new System.Collections.Concurrent.ConcurrentBag<DealResult>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Length)
                results.Add(await host.Services.DealAsync<MoveDealStage>(d => d.RunAsync(ids[i], ClosableDeals.WonStage, "test", CancellationToken.None)));
        })));

        Assert.All(results, r => Assert.IsType<DealResult.Ok>(r));
        var handoffs = await host.InScope(sp => sp.GetRequiredService<BatonDb>().Handoffs.Select(h => h.DealId).ToListAsync());
        Assert.Equal(ids.Order(), handoffs.Order());
    }

    /// <summary>Both claimers start together and each keeps going until it finds nothing left.</summary>
    private static async Task RaceAsync(Func<CancellationToken, Task<int>> first, Func<CancellationToken, Task<int>> second)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Drain(Func<CancellationToken, Task<int>> run)
        {
            await gate.Task;
            while (await run(deadline.Token) > 0) { }
        }
        var both = Task.WhenAll(Task.Run(() => Drain(first)), Task.Run(() => Drain(second)));
        gate.SetResult();
        await both;
    }

    private static async Task CloseAsync(PostgresHost host, IReadOnlyList<string> ids)
    {
        var playbook = host.Services.GetRequiredService<PlaybookContext>();
        foreach (var id in ids)
        {
            Assert.IsType<DealResult.Ok>(await host.Services.DealAsync<CreateDeal>(d => d.RunAsync(ClosableDeals.Make(playbook, id), "test", "api", CancellationToken.None)));
            var moved = await host.Services.DealAsync<MoveDealStage>(d => d.RunAsync(id, ClosableDeals.WonStage, "test", CancellationToken.None));
            Assert.True(moved is DealResult.Ok, $"{id}: {moved}");
        }
    }
}
