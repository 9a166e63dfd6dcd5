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
/// <remarks>
/// A claim is a short lease (<paramref name="lease"/>), renewed every third of it while the row is being processed. A
/// process that dies mid-row stops renewing, so its claim runs out within one lease, whether the process comes back or
/// not. This was chosen over owner-stamped claims reclaimed at start: no column to add, and an instance that never
/// restarts (one of several on PostgreSQL) frees its rows just the same.
/// </remarks>
public abstract partial class QueuePump(IServiceScopeFactory scopes, TimeProvider time, TimeSpan interval, TimeSpan lease, ILogger log) : Pump(time, interval, log)
{
    protected abstract Task<IReadOnlyList<DueRow>> DueAsync(BatonDb db, DateTime nowUtc, CancellationToken ct);

    /// <summary>Claims the row until <paramref name="untilUtc"/>.</summary>
    /// <returns>True when this instance won the row (a conditional update that changed exactly one row).</returns>
    protected abstract Task<bool> ClaimAsync(BatonDb db, DueRow row, DateTime nowUtc, DateTime untilUtc, CancellationToken ct);

    /// <summary>Moves this instance's claim on from <paramref name="heldUtc"/> to <paramref name="untilUtc"/>, only if it still holds it.</summary>
    protected abstract Task<bool> RenewAsync(BatonDb db, long id, DateTime heldUtc, DateTime untilUtc, CancellationToken ct);

    /// <summary>Handles a claimed row and saves the result; <paramref name="services"/> is a scope of its own.</summary>
    protected abstract Task ProcessAsync(IServiceProvider services, long id, CancellationToken ct);

    public sealed override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        IReadOnlyList<DueRow> due;
        using (var scope = _scopes.CreateScope())
            due = await DueAsync(scope.ServiceProvider.GetRequiredService<BatonDb>(), Time.GetUtcNow().UtcDateTime, ct);
        var handled = 0;
        foreach (var candidate in due)
        {
            // A scope per row: one row's tracked state (or failure) never leaks into the next row's transaction.
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
            var now = Time.GetUtcNow().UtcDateTime;
            var until = now.Add(_lease);
            if (!await ClaimAsync(db, candidate, now, until, ct)) continue; // another instance has it
            await using (new Heartbeat(this, candidate.Id, until))
                await ProcessAsync(scope.ServiceProvider, candidate.Id, ct);
            handled++;
        }
        return handled;
    }

    /// <summary>Renews one claim on a timer until disposed; a renewal that fails is logged and the next one tries again.</summary>
    private sealed class Heartbeat : IAsyncDisposable
    {
        private readonly QueuePump _pump;
        private readonly long _id;
        private readonly ITimer _timer;
        private readonly SemaphoreSlim _one = new(1, 1);
        private DateTime _held;
        private bool _stopped;

        public Heartbeat(QueuePump pump, long id, DateTime held)
        {
            (_pump, _id, _held) = (pump, id, held);
            var every = pump._lease / 3;
            _timer = pump.Time.CreateTimer(_ => _ = BeatAsync(), null, every, every);
        }

        private async Task BeatAsync()
        {
            if (!await _one.WaitAsync(0)) return; // the previous beat is still running
            try
            {
                if (_stopped) return;
                // Its own scope: the row's unit of work is busy on another thread.
                using var scope = _pump._scopes.CreateScope();
                var until = _pump.Time.GetUtcNow().UtcDateTime.Add(_pump._lease);
                if (await _pump.RenewAsync(scope.ServiceProvider.GetRequiredService<BatonDb>(), _id, _held, until, CancellationToken.None)) _held = until;
            }
            catch (Exception e)
            {
                LogRenewFailed(_pump._log, _pump.GetType().Name, _id, e);
            }
            finally
            {
                _one.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _timer.DisposeAsync();
            // A beat under way finishes before the row is marked, so it cannot run after the row changed hands.
            await _one.WaitAsync();
            _stopped = true;
            _one.Release();
        }
    }

    private readonly IServiceScopeFactory _scopes = scopes;
    private readonly TimeSpan _lease = lease;
    private readonly ILogger _log = log;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pump} could not renew its claim on row {Id}; it runs out unless the next renewal works")]
    private static partial void LogRenewFailed(ILogger logger, string pump, long id, Exception e);
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
