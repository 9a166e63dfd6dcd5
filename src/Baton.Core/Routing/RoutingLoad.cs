using Baton.Core.Data;
using Baton.Domain.Handoffs;
using Baton.Domain.Routing;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Routing;

/// <summary>Where routing stands (each pool's cursor, each CSM's open handoffs), and saving where it moved to.</summary>
public sealed class RoutingLoad(BatonDb db)
{
    public async Task<RoutingState> StateAsync(CancellationToken ct)
    {
        var cursors = await db.RoutingCursors.ToDictionaryAsync(c => c.Pool, c => c.Cursor, ct);
        var open = await db.Handoffs
            .Where(h => h.CsmId != null && h.State != nameof(HandoffState.KickoffHeld))
            .GroupBy(h => h.CsmId!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // Handoffs added in this unit of work count too (a batch of closes must spread out).
        foreach (var added in db.ChangeTracker.Entries<HandoffRow>().Where(e => e.State == EntityState.Added && e.Entity.CsmId != null))
            open[added.Entity.CsmId!] = open.GetValueOrDefault(added.Entity.CsmId!) + 1;
        foreach (var cursor in db.ChangeTracker.Entries<RoutingCursorRow>().Where(e => e.State is EntityState.Added or EntityState.Modified))
            cursors[cursor.Entity.Pool] = cursor.Entity.Cursor;
        return new RoutingState(cursors, open);
    }

    public async Task SaveCursorsAsync(RoutingDecision decision, CancellationToken ct)
    {
        foreach (var (pool, cursor) in decision.Next.Cursors)
        {
            var row = db.RoutingCursors.Local.FirstOrDefault(c => c.Pool == pool) ?? await db.RoutingCursors.FindAsync([pool], ct);
            if (row is null)
            {
                // Two closes racing on a pool's first cursor must not both insert it (a unique violation fails the close):
                // create it outside the unit of work, where a loser does nothing, then update it like any other.
                await db.Database.ExecuteSqlAsync($"INSERT INTO routing_cursors (\"Pool\", \"Cursor\") VALUES ({pool}, 0) ON CONFLICT DO NOTHING", ct);
                row = await db.RoutingCursors.FindAsync([pool], ct);
            }
            row!.Cursor = cursor;
        }
    }
}
