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
    /// <summary>
    /// How long a claim lasts unless renewed; it is renewed every third of it while the row is delivered, so a crashed
    /// process's in-flight row is taken up again within this. Default 15 s.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Rows taken per round. Default 50.</summary>
    public int BatchSize { get; set; } = 50;
}

/// <summary>
/// Delivers outbox rows: claim (a conditional update only one instance wins), deliver through the channel's
/// <see cref="IOutboxDelivery"/>, then mark sent (with any follow-up applied to the handoff in the same transaction) or
/// schedule the next attempt, or park.
/// </summary>
public sealed partial class OutboxPump(IServiceScopeFactory scopes, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxPump> log)
    : QueuePump(scopes, time, options.Value.PollInterval, options.Value.ClaimTimeout, log)
{
    private readonly OutboxOptions _options = options.Value;

    protected override async Task<IReadOnlyList<DueRow>> DueAsync(BatonDb db, DateTime now, CancellationToken ct) =>
        await db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAtUtc <= now && (o.ClaimedUntilUtc == null || o.ClaimedUntilUtc < now))
            .OrderBy(o => o.Id)
            .Take(_options.BatchSize)
            .Select(o => new DueRow(o.Id, o.ClaimedUntilUtc))
            .ToListAsync(ct);

    protected override async Task<bool> ClaimAsync(BatonDb db, DueRow row, DateTime now, DateTime until, CancellationToken ct)
    {
        return await db.Outbox
            .Where(o => o.Id == row.Id && o.Status == OutboxStatus.Pending && o.ClaimedUntilUtc == row.ClaimedUntilUtc)
            // The attempt is counted when it starts: a process killed mid-delivery leaves a row whose next claim
            // knows it is a retry, so the delivery checks whether the receiver already has it.
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedUntilUtc, until).SetProperty(o => o.Attempts, o => o.Attempts + 1), ct) == 1;
    }

    protected override async Task<bool> RenewAsync(BatonDb db, long id, DateTime held, DateTime until, CancellationToken ct) =>
        await db.Outbox
            .Where(o => o.Id == id && o.Status == OutboxStatus.Pending && o.ClaimedUntilUtc == held)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedUntilUtc, until), ct) == 1;

    protected override async Task ProcessAsync(IServiceProvider services, long id, CancellationToken ct)
    {
        var db = services.GetRequiredService<BatonDb>();
        var row = await db.Outbox.FirstAsync(o => o.Id == id, ct);
        DeliveryResult result;
        try
        {
            // Resolved inside the try: a delivery that cannot be built fails its rows visibly (retried, then parked).
            var delivery = services.GetServices<IOutboxDelivery>().FirstOrDefault(d => d.Channel == row.Channel);
            result = delivery is null
                ? new DeliveryResult.Failed($"not sent: this build has no delivery for channel '{row.Channel}' ({row.Kind}); retry the row once one is configured")
                : await delivery.DeliverAsync(row, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = new DeliveryResult.Retry($"{e.GetType().Name}: {e.Message}");
        }

        var now = Time.GetUtcNow();
        await MarkAsync(services, row, result, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The handoff moved while the message was out: the message is sent all the same, and its follow-up (a fact
            // such as the post's id) is applied again on fresh state.
            db.ChangeTracker.Clear();
            await MarkAsync(services, await db.Outbox.FirstAsync(o => o.Id == id, ct), result, now, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task MarkAsync(IServiceProvider services, OutboxRow row, DeliveryResult result, DateTimeOffset now, CancellationToken ct)
    {
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
                    await services.GetRequiredService<ApplyHandoffTrigger>().RunAsync(row.DealId, followUp, ct);
                if (d.CustomerChannel is { } opened
                    && await services.GetRequiredService<BatonDb>().Handoffs.FirstOrDefaultAsync(h => h.DealId == row.DealId, ct) is { } handoff)
                    handoff.CustomerChannel = opened;
                break;
            case DeliveryResult.Deferred d:
                // A rate limit is not a failure: give back the attempt the claim counted, so a long limit (or a burst
                // paced to one post a second) never parks a card, and a retry's "already posted?" check stays for
                // rows an earlier attempt may really have reached.
                row.Attempts = Math.Max(0, row.Attempts - 1);
                row.LastError = d.Reason;
                row.NextAttemptAtUtc = (now + d.After).UtcDateTime;
                LogDeferred(log, row.Id, d.Reason);
                break;
            case DeliveryResult.Retry r when row.Attempts < _options.MaxAttempts:
                row.LastError = r.Reason;
                row.NextAttemptAtUtc = (now + (r.After ?? Backoff.Next(row.Attempts, _options.BaseDelay, _options.MaxDelay))).UtcDateTime;
                LogRetry(log, row.Id, row.Attempts, r.Reason);
                break;
            default:
                row.Status = OutboxStatus.Parked;
                row.LastError = result is DeliveryResult.Failed f ? f.Reason : ((DeliveryResult.Retry)result).Reason;
                LogParked(log, row.Id, row.Channel, row.Kind, row.DealId, row.Attempts, row.LastError);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox {Id}: waiting, not counted as an attempt: {Reason}")]
    private static partial void LogDeferred(ILogger logger, long id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Id}: attempt {Attempts} failed: {Reason}")]
    private static partial void LogRetry(ILogger logger, long id, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {Id} ({Channel} {Kind}, deal {DealId}) parked after {Attempts} attempts: {Reason}")]
    private static partial void LogParked(ILogger logger, long id, string channel, string kind, string dealId, int attempts, string? reason);
}
