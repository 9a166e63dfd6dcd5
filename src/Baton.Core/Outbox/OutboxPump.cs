using Baton.Core.Data;
using Baton.Core.Handoffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Core.Outbox;

/// <summary>Bound from <c>Outbox:*</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>How often the pump looks for due messages. Default 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    /// <summary>Attempts before a message is parked as failed. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>First retry delay; doubles per attempt, with ±25 % jitter. Default 2 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Longest delay between attempts. Default 10 min.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How long a claimed row is held; a crashed process's claims run out after this. Default 2 min.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Rows taken per round. Default 50.</summary>
    public int BatchSize { get; set; } = 50;
}

/// <summary>
/// Delivers outbox rows: claim (a conditional update only one instance wins), deliver, then mark sent (with any
/// follow-up applied to the handoff in the same transaction) or schedule the next attempt, or park.
/// </summary>
public sealed partial class OutboxPump(IServiceScopeFactory scopes, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxPump> log)
    : Pump(time, options.Value.PollInterval, log)
{
    private readonly OutboxOptions _options = options.Value;

    /// <summary>One round: delivers every due row it can claim. Returns how many it handled.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
        var now = Time.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAtUtc <= now && (o.ClaimedUntilUtc == null || o.ClaimedUntilUtc < now))
            .OrderBy(o => o.Id)
            .Take(_options.BatchSize)
            .Select(o => new { o.Id, o.ClaimedUntilUtc })
            .ToListAsync(ct);
        var handled = 0;
        foreach (var candidate in due)
        {
            var until = now.Add(_options.ClaimTimeout);
            var claimed = await db.Outbox
                .Where(o => o.Id == candidate.Id && o.Status == OutboxStatus.Pending && o.ClaimedUntilUtc == candidate.ClaimedUntilUtc)
                // The attempt is counted when it starts: a process killed mid-delivery leaves a row whose next claim
                // knows it is a retry, so the delivery checks whether the receiver already has it.
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedUntilUtc, until).SetProperty(o => o.Attempts, o => o.Attempts + 1), ct);
            if (claimed != 1) continue; // another instance has it
            await DeliverOneAsync(scope.ServiceProvider, candidate.Id, ct);
            handled++;
        }
        return handled;
    }

    private async Task DeliverOneAsync(IServiceProvider services, long id, CancellationToken ct)
    {
        var db = services.GetRequiredService<BatonDb>();
        db.ChangeTracker.Clear();
        var row = await db.Outbox.FirstAsync(o => o.Id == id, ct);
        var delivery = services.GetServices<IOutboxDelivery>().FirstOrDefault(d => d.Channel == row.Channel);
        DeliveryResult result;
        try
        {
            result = delivery is null
                ? new DeliveryResult.Failed($"not sent: this build has no delivery for channel '{row.Channel}' ({row.Kind}); retry the row once one is configured")
                : await delivery.DeliverAsync(row, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = new DeliveryResult.Retry($"{e.GetType().Name}: {e.Message}");
        }

        var now = Time.GetUtcNow();
        row.ClaimedUntilUtc = null;
        switch (result)
        {
            case DeliveryResult.Delivered d:
                row.Status = OutboxStatus.Sent;
                row.SentAtUtc = now.UtcDateTime;
                row.DeliveredTo = d.DeliveredTo;
                row.ExternalId = d.ExternalId;
                row.Rendered = d.Rendered;
                row.LastError = null;
                if (d.FollowUp is { } followUp)
                {
                    var handoff = await db.Handoffs.FirstOrDefaultAsync(h => h.DealId == row.DealId, ct);
                    if (handoff is not null)
                        await services.GetRequiredService<HandoffEngine>().ApplyLoadedAsync(handoff, followUp, ct);
                }
                break;
            case DeliveryResult.Retry r when row.Attempts < _options.MaxAttempts:
                row.LastError = r.Reason;
                row.NextAttemptAtUtc = (now + (r.After ?? Backoff(row.Attempts))).UtcDateTime;
                LogRetry(log, row.Id, row.Attempts, r.Reason);
                break;
            default:
                row.Status = OutboxStatus.Parked;
                row.LastError = result is DeliveryResult.Failed f ? f.Reason : ((DeliveryResult.Retry)result).Reason;
                LogParked(log, row.Id, row.Channel, row.Kind, row.DealId, row.Attempts, row.LastError);
                break;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Exponential backoff with ±25 % jitter so a recovering receiver is not hit by every instance at once.</summary>
    internal TimeSpan Backoff(int attempts)
    {
        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = Math.Min(exponential, _options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.75 + Random.Shared.NextDouble() * 0.5));
    }


    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Id}: attempt {Attempts} failed: {Reason}")]
    private static partial void LogRetry(ILogger logger, long id, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Id} ({Channel} {Kind}, deal {DealId}) parked after {Attempts} attempts: {Reason}")]
    private static partial void LogParked(ILogger logger, long id, string channel, string kind, string dealId, int attempts, string? reason);
}
