using Baton.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Core;

/// <summary>
/// The shape the inbox, outbox and clock pumps share: tick on the <see cref="TimeProvider"/>, run rounds until one
/// finds nothing, and survive a failed round (the next tick tries again). Tests call <see cref="RunOnceAsync"/>.
/// </summary>
public abstract partial class Pump(TimeProvider time, TimeSpan interval, ILogger log) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    /// <summary>One round: claims and handles what is due. Returns how many it handled.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        do
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(log, GetType().Name, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of {Pump} failed; it will try again on its next tick")]
    private static partial void LogRoundFailed(ILogger logger, string pump, Exception e);
}

/// <summary>A due row as a pump sees it before claiming: its id and the claim it must still hold to win.</summary>
public readonly record struct DueRow(long Id, DateTime? ClaimedUntilUtc);

/// <summary>
/// The one claim loop of the inbox, outbox and clock pumps: list due rows, claim each with a conditional update (only
/// one instance wins, on SQLite and PostgreSQL alike), then process it in a fresh unit of work.
/// </summary>
public abstract class QueuePump(IServiceScopeFactory scopes, TimeProvider time, TimeSpan interval, ILogger log) : Pump(time, interval, log)
{
    protected abstract Task<IReadOnlyList<DueRow>> DueAsync(BatonDb db, DateTime nowUtc, CancellationToken ct);

    /// <returns>True when this instance won the row (a conditional update that changed exactly one row).</returns>
    protected abstract Task<bool> ClaimAsync(BatonDb db, DueRow row, DateTime nowUtc, CancellationToken ct);

    /// <summary>Handles a claimed row and saves the result; <paramref name="services"/> is a scope of its own.</summary>
    protected abstract Task ProcessAsync(IServiceProvider services, long id, CancellationToken ct);

    public sealed override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<DueRow> due;
        using (var scope = scopes.CreateScope())
            due = await DueAsync(scope.ServiceProvider.GetRequiredService<BatonDb>(), Time.GetUtcNow().UtcDateTime, ct);
        var handled = 0;
        foreach (var candidate in due)
        {
            // A scope per row: one row's tracked state (or failure) never leaks into the next row's transaction.
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
            if (!await ClaimAsync(db, candidate, Time.GetUtcNow().UtcDateTime, ct)) continue; // another instance has it
            await ProcessAsync(scope.ServiceProvider, candidate.Id, ct);
            handled++;
        }
        return handled;
    }
}

/// <summary>Retry delays for every queue: exponential from a base, capped, with ±25 % jitter so instances do not retry in step.</summary>
public static class Backoff
{
    public static TimeSpan Next(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(Math.Max(attempts, 1) - 1, 20));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.75 + Random.Shared.NextDouble() * 0.5));
    }
}
