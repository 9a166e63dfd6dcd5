using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Domain.Handoffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Core.Clocks;

/// <summary>Bound from <c>Clocks:*</c>.</summary>
public sealed class ClockOptions
{
    /// <summary>How often due clocks are looked for. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a claimed clock is held by one sweeper. Default 2 min.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Sweeps due clocks: claims each with a conditional update, then applies <see cref="ClockElapsed"/> through the
/// same use case as any other trigger. Delivery is at least once; the domain ignores a clock it already handled,
/// so a restart repeats no escalation.
/// </summary>
public sealed partial class ClockPump(IServiceScopeFactory scopes, TimeProvider time, IOptions<ClockOptions> options, ILogger<ClockPump> log)
    : Pump(time, options.Value.PollInterval, log)
{
    private readonly ClockOptions _options = options.Value;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
        var engine = scope.ServiceProvider.GetRequiredService<HandoffEngine>();
        var now = Time.GetUtcNow().UtcDateTime;
        var due = await db.Clocks.AsNoTracking()
            .Where(c => c.Status == ClockStatus.Running && c.DueAtUtc <= now && (c.ClaimedUntilUtc == null || c.ClaimedUntilUtc < now))
            .OrderBy(c => c.DueAtUtc)
            .Take(_options.BatchSize)
            .ToListAsync(ct);
        var fired = 0;
        foreach (var clock in due)
        {
            var until = now.Add(_options.ClaimTimeout);
            var claimed = await db.Clocks
                .Where(c => c.Id == clock.Id && c.Status == ClockStatus.Running && c.ClaimedUntilUtc == clock.ClaimedUntilUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedUntilUtc, until).SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);
            if (claimed != 1) continue;
            db.ChangeTracker.Clear();
            var started = new DateTimeOffset(DateTime.SpecifyKind(clock.StartedAtUtc, DateTimeKind.Utc));
            // The contract owns its drafting clock; every other clock belongs to the handoff.
            var outcome = clock.Name == Domain.Contracts.Contract.DraftedClock
                ? await scope.ServiceProvider.GetRequiredService<Contracts.ContractCommands>().ApplyAsync(clock.DealId, new Domain.Contracts.ContractClockElapsed(clock.Name, started), ct)
                : await engine.ApplyAsync(clock.DealId, new ClockElapsed(clock.Name, started), ct);
            if (outcome.Kind != HandoffOutcomeKind.Applied)
            {
                // Stale or unknown: the clock is done either way, so it is not swept again.
                await db.Clocks.Where(c => c.Id == clock.Id && c.Status == ClockStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClockStatus.Fired).SetProperty(c => c.FiredAtUtc, now), ct);
                LogClockSettled(log, clock.DealId, clock.Name, outcome.Kind.ToString(), outcome.Reason ?? "");
            }
            fired++;
        }
        return fired;
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Clock {Clock} of deal {DealId} settled without a change ({Kind}: {Reason})")]
    private static partial void LogClockSettled(ILogger logger, string dealId, string clock, string kind, string reason);
}
