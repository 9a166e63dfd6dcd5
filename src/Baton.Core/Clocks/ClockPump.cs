using Baton.Core.Contracts;
using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Core.Clocks;

/// <summary>Bound from <c>Clocks:*</c>.</summary>
public sealed class ClockOptions
{
    /// <summary>How often due clocks are looked for. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a claim lasts unless renewed (every third of it while the clock is applied); a crashed sweeper's clock is taken up again within this. Default 15 s.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Clocks taken per round. Default 100.</summary>
    public int BatchSize { get; set; } = 100;
    /// <summary>First retry delay after a conflict; doubles per attempt, with jitter. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Longest delay between attempts. Default 1 min.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Sweeps due clocks: claims each with a conditional update, then applies <see cref="ClockElapsed"/> through the
/// same use case as any other trigger and saves it with the clock marked fired. Delivery is at least once; the domain
/// ignores a clock it already handled, so a restart repeats no escalation.
/// </summary>
/// <remarks>
/// A save that conflicts (the handoff moved meanwhile) fires nothing: the claim is shortened so the clock is applied
/// again on fresh state, never marked fired without its escalation.
/// </remarks>
public sealed partial class ClockPump(IServiceScopeFactory scopes, TimeProvider time, IOptions<ClockOptions> options, ILogger<ClockPump> log)
    : QueuePump(scopes, time, options.Value.PollInterval, options.Value.ClaimTimeout, log)
{
    private readonly ClockOptions _options = options.Value;

    protected override async Task<IReadOnlyList<DueRow>> DueAsync(BatonDb db, DateTime now, CancellationToken ct) =>
        await db.Clocks.AsNoTracking()
            .Where(c => c.Status == ClockStatus.Running && c.DueAtUtc <= now && (c.ClaimedUntilUtc == null || c.ClaimedUntilUtc < now))
            .OrderBy(c => c.DueAtUtc)
            .Take(_options.BatchSize)
            .Select(c => new DueRow(c.Id, c.ClaimedUntilUtc))
            .ToListAsync(ct);

    protected override async Task<bool> ClaimAsync(BatonDb db, DueRow row, DateTime now, DateTime until, CancellationToken ct)
    {
        return await db.Clocks
            .Where(c => c.Id == row.Id && c.Status == ClockStatus.Running && c.ClaimedUntilUtc == row.ClaimedUntilUtc)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedUntilUtc, until).SetProperty(c => c.Attempts, c => c.Attempts + 1), ct) == 1;
    }

    protected override async Task<bool> RenewAsync(BatonDb db, long id, DateTime held, DateTime until, CancellationToken ct) =>
        await db.Clocks
            .Where(c => c.Id == id && c.Status == ClockStatus.Running && c.ClaimedUntilUtc == held)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedUntilUtc, until), ct) == 1;

    protected override async Task ProcessAsync(IServiceProvider services, long id, CancellationToken ct)
    {
        var db = services.GetRequiredService<BatonDb>();
        var clock = await db.Clocks.AsNoTracking().FirstAsync(c => c.Id == id, ct);
        var started = new DateTimeOffset(DateTime.SpecifyKind(clock.StartedAtUtc, DateTimeKind.Utc));
        var now = Time.GetUtcNow().UtcDateTime;
        // The contract owns its drafting clock; every other clock belongs to the handoff.
        var outcome = clock.Name == Contract.DraftedClock
            ? await services.GetRequiredService<ApplyContractTrigger>().RunAsync(clock.DealId, new ContractClockElapsed(clock.Name, started), ct)
            : await services.GetRequiredService<ApplyHandoffTrigger>().RunAsync(clock.DealId, new ClockElapsed(clock.Name, started), ct);
        if (outcome.Kind != HandoffOutcomeKind.Applied)
        {
            // Stale or unknown: the clock is done either way, so it is not swept again; settled, not fired, since no
            // one was told and it is no miss.
            var tracked = db.Clocks.Local.FirstOrDefault(c => c.Id == id);
            if (tracked is null) db.Clocks.Attach(tracked = await db.Clocks.AsNoTracking().FirstAsync(c => c.Id == id, ct));
            if (tracked.Status == ClockStatus.Running)
            {
                tracked.Status = ClockStatus.Settled;
                tracked.FiredAtUtc = now;
            }
            LogClockSettled(log, clock.DealId, clock.Name, outcome.Kind.ToString(), outcome.Reason ?? "");
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || Commit.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            var retryAt = now + Backoff.Next(clock.Attempts + 1, _options.BaseDelay, _options.MaxDelay);
            await db.Clocks.Where(c => c.Id == id && c.Status == ClockStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedUntilUtc, retryAt), ct);
            LogConflict(log, clock.DealId, clock.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Clock {Clock} of deal {DealId} settled without a change ({Kind}: {Reason})")]
    private static partial void LogClockSettled(ILogger logger, string dealId, string clock, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clock {Clock} of deal {DealId}: the deal changed meanwhile; it is applied again shortly")]
    private static partial void LogConflict(ILogger logger, string dealId, string clock);
}
