using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Queries;

public sealed record OutboxView(long Id, string DealId, string Channel, string Kind, string Status, int Attempts, string? LastError, string? DeliveredTo,
    string? ExternalId, DateTime CreatedAtUtc, DateTime NextAttemptAtUtc, DateTime? SentAtUtc);

/// <summary>A message that went to the in-app feed because its channel is not configured: it was NOT sent to Slack.</summary>
public sealed record FeedItem(long Id, string DealId, string Channel, string Kind, DateTime SentAtUtc, string Text);

/// <summary>Read models of the outbox and the in-app feed.</summary>
public sealed class OutboxQueries(BatonDb db)
{
    public const string Feed = "feed";

    public async Task<IReadOnlyList<OutboxView>> ListAsync(string? status, string? channel, int limit, CancellationToken ct)
    {
        var query = db.Outbox.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status)) query = query.Where(o => o.Status == status);
        if (!string.IsNullOrWhiteSpace(channel)) query = query.Where(o => o.Channel == channel);
        return await query
            .OrderByDescending(o => o.Id)
            .Take(limit)
            .Select(o => new OutboxView(o.Id, o.DealId, o.Channel, o.Kind, o.Status, o.Attempts, o.LastError, o.DeliveredTo, o.ExternalId,
                o.CreatedAtUtc, o.NextAttemptAtUtc, o.SentAtUtc))
            .ToListAsync(ct);
    }

    /// <summary>Newest first; <paramref name="afterId"/> returns only messages newer than that id (for polling).</summary>
    public async Task<IReadOnlyList<FeedItem>> FeedAsync(long? afterId, int limit, CancellationToken ct)
    {
        var query = db.Outbox.AsNoTracking().Where(o => o.Status == OutboxStatus.Sent && o.DeliveredTo == Feed);
        if (afterId is { } after) query = query.Where(o => o.Id > after);
        return await query
            .OrderByDescending(o => o.SentAtUtc).ThenByDescending(o => o.Id)
            .Take(limit)
            .Select(o => new FeedItem(o.Id, o.DealId, o.Channel, o.Kind, o.SentAtUtc ?? o.CreatedAtUtc, o.Rendered ?? o.Kind))
            .ToListAsync(ct);
    }

    /// <summary>One page of the feed, newest first: what the feed page shows.</summary>
    public async Task<IReadOnlyList<FeedItem>> FeedPageAsync(int skip, int take, CancellationToken ct) =>
        await db.Outbox.AsNoTracking().Where(o => o.Status == OutboxStatus.Sent && o.DeliveredTo == Feed)
            .OrderByDescending(o => o.SentAtUtc).ThenByDescending(o => o.Id)
            .Skip(skip).Take(take)
            .Select(o => new FeedItem(o.Id, o.DealId, o.Channel, o.Kind, o.SentAtUtc ?? o.CreatedAtUtc, o.Rendered ?? o.Kind))
            .ToListAsync(ct);

    public Task<int> CountFeedAsync(CancellationToken ct) =>
        db.Outbox.AsNoTracking().CountAsync(o => o.Status == OutboxStatus.Sent && o.DeliveredTo == Feed, ct);
}
