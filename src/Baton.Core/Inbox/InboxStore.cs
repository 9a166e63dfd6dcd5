using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Inbox;

/// <summary>One event as an edge received it: verified, not yet understood.</summary>
public sealed record ReceivedEvent(string ExternalId, string Kind, string Body);

/// <summary>
/// What every webhook edge does after verifying the sender: store the raw events, deduplicated by (source, the
/// sender's id), and nothing else, so the sender is answered fast and the pump does the work.
/// </summary>
public sealed class InboxStore(BatonDb db, TimeProvider time)
{
    /// <summary>Stores the events that are new, in one transaction. Returns how many were new.</summary>
    public async Task<int> StoreAsync(string source, IReadOnlyList<ReceivedEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return 0;
        var ids = events.Select(e => e.ExternalId).Distinct().ToList();
        for (var attempt = 1; ; attempt++)
        {
            var known = (await db.Inbox.AsNoTracking().Where(i => i.Source == source && ids.Contains(i.ExternalId)).Select(i => i.ExternalId).ToListAsync(ct)).ToHashSet();
            var now = time.GetUtcNow().UtcDateTime;
            var added = 0;
            foreach (var e in events)
            {
                if (!known.Add(e.ExternalId)) continue; // a redelivery, or the same event twice in one batch
                db.Inbox.Add(new InboxRow
                {
                    Source = source,
                    ExternalId = e.ExternalId,
                    Kind = e.Kind,
                    Body = e.Body,
                    Status = InboxStatus.Pending,
                    ReceivedAtUtc = now,
                    NextAttemptAtUtc = now,
                });
                added++;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                return added;
            }
            catch (DbUpdateException e) when (Commit.IsUniqueViolation(e) && attempt < 3)
            {
                // A concurrent redelivery stored some of them first: look again and store the rest.
                db.ChangeTracker.Clear();
            }
        }
    }
}
