using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Baton.Core.Dashboard;

/// <summary>
/// Keeps the dashboard's read model up to date: reads the events written since its cursor, and rebuilds the rows of
/// each deal they touch from that deal's history (bounded by one deal, never the whole log).
/// </summary>
/// <remarks>
/// Called before each dashboard request and by <see cref="DashboardPump"/>. Rebuilding a deal is idempotent, so
/// overlapping runs are harmless; the cursor moves with a conditional update, and a run that loses the race rolls back.
/// On PostgreSQL, ids from the sequence can commit out of order, so a run re-reads a short overlap below the cursor;
/// SQLite serializes writers, so ids commit in order there and no overlap is needed.
/// </remarks>
public sealed class DashboardProjection(BatonDb db, PlaybookContext context, TimeProvider time)
{
    public const string CursorName = "events";
    private const int PostgresOverlap = 200;
    private const int EventsPerRun = 20_000;
    private const int DealsPerChunk = 400;
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Projects everything written since the last run; returns how many deals were rebuilt.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        await OneAtATime.WaitAsync(ct);
        try
        {
            var total = 0;
            while (true)
            {
                var rebuilt = await RunOnceAsync(ct);
                if (rebuilt < 0) return total;
                total += rebuilt;
            }
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>One batch; -1 when there was nothing new (or another instance moved the cursor first).</summary>
    private async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var cursor = await db.DashboardCursors.AsNoTracking().FirstOrDefaultAsync(c => c.Name == CursorName, ct);
        var from = cursor?.LastEventId ?? 0;
        var max = await db.Events.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        if (max <= from) return -1;
        var upTo = Math.Min(max, from + EventsPerRun);
        var overlap = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? PostgresOverlap : 0;
        var low = Math.Max(0, from - overlap);
        var touched = await db.Events.AsNoTracking().Where(e => e.Id > low && e.Id <= upTo && DashboardFacts.Counted.Contains(e.Type))
            .Select(e => e.DealId).Distinct().ToListAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in touched.Chunk(DealsPerChunk)) await RebuildAsync(chunk, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (cursor is null)
        {
            db.DashboardCursors.Add(new DashboardCursorRow { Name = CursorName, LastEventId = upTo, RefreshedAtUtc = now });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (Commit.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
                return -1;
            }
        }
        else if (await db.DashboardCursors.Where(c => c.Name == CursorName && c.LastEventId == from)
                     .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastEventId, upTo).SetProperty(c => c.RefreshedAtUtc, now), ct) != 1)
            return -1; // another instance got there first; disposing the transaction rolls this run back
        await tx.CommitAsync(ct);
        return touched.Count;
    }

    /// <summary>Replaces the read-model rows of these deals with ones rebuilt from their whole history.</summary>
    private async Task RebuildAsync(IReadOnlyCollection<string> dealIds, CancellationToken ct)
    {
        var events = await db.Events.AsNoTracking().Where(e => dealIds.Contains(e.DealId) && DashboardFacts.Counted.Contains(e.Type))
            .OrderBy(e => e.Id).ToListAsync(ct);
        var clocks = (await db.Clocks.AsNoTracking().Where(c => dealIds.Contains(c.DealId)).OrderBy(c => c.Id).ToListAsync(ct)).ToLookup(c => c.DealId);
        var accounts = await db.Deals.AsNoTracking().Where(d => dealIds.Contains(d.Id)).Select(d => new { d.Id, d.Company, d.Amount }).ToDictionaryAsync(d => d.Id, ct);

        await db.DashboardFields.Where(f => dealIds.Contains(f.DealId)).ExecuteDeleteAsync(ct);
        await db.DashboardClocks.Where(c => dealIds.Contains(c.DealId)).ExecuteDeleteAsync(ct);
        await db.DashboardHandoffs.Where(h => dealIds.Contains(h.DealId)).ExecuteDeleteAsync(ct);

        var now = time.GetUtcNow();
        foreach (var history in events.GroupBy(e => e.DealId))
        {
            var facts = history.SelectMany(DashboardFacts.From).ToList();
            var figures = HandoffFiguresProjection.Project(context.Playbook, context.Calendar, history.Key, facts);
            if (figures is null) continue;
            var account = accounts.GetValueOrDefault(history.Key);
            db.DashboardHandoffs.Add(Row(figures, account?.Company ?? history.Key, account?.Amount ?? 0));
            foreach (var f in figures.Fields)
                db.DashboardFields.Add(new DashboardFieldRow
                {
                    DealId = figures.DealId, Key = f.Key, Requirement = f.Requirement.ToString(), Verdict = f.Verdict.ToString(),
                    FlaggedJunk = f.FlaggedJunk, Rediscovered = f.Rediscovered,
                });
            var misses = figures.Misses.ToList();
            foreach (var c in clocks[history.Key])
            {
                var missed = c.Status == ClockStatus.Fired || (c.Status == ClockStatus.Stopped && c.StoppedAtUtc > c.DueAtUtc);
                var miss = missed ? misses.FirstOrDefault(m => m.Clock == c.Name) : null;
                if (miss is not null) misses.Remove(miss);
                db.DashboardClocks.Add(new DashboardClockRow
                {
                    DealId = figures.DealId, Clock = c.Name, StartedAtUtc = c.StartedAtUtc, DueAtUtc = c.DueAtUtc,
                    Outcome = missed ? ClockOutcome.Missed : c.Status == ClockStatus.Running ? ClockOutcome.Running : ClockOutcome.OnTime,
                    MissedAtUtc = missed ? (miss?.AtUtc.UtcDateTime ?? c.FiredAtUtc ?? c.StoppedAtUtc) : null,
                    EscalatedTo = miss?.EscalatedTo,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private DashboardHandoffRow Row(HandoffFigures f, string account, decimal arr) => new()
    {
        DealId = f.DealId,
        AccountName = account,
        ClosedAtUtc = f.ClosedAtUtc.UtcDateTime,
        ClosedMonth = Month(f.ClosedAtUtc),
        Segment = f.Segment,
        Team = context.Playbook.FindPerson(f.AeId)?.Manager ?? "",
        AeId = f.AeId,
        CsmId = f.CsmId,
        HandoffType = f.HandoffType,
        Arr = arr,
        CsStage = f.CsStage,
        CsStageSinceUtc = f.CsStageEnteredAtUtc[f.CsStage].UtcDateTime,
        CsStagesEntered = JsonSerializer.Serialize(f.CsStageEnteredAtUtc.ToDictionary(s => s.Key, s => s.Value.UtcDateTime), Json),
        Open = f.Open,
        RefusalsAtClose = f.RefusalsAtClose,
        CompleteAtClose = f.CompleteAtClose,
        MissingNow = string.Join(",", f.MissingNow),
        DaysToFirstContact = f.DaysToFirstContact,
        DaysToKickoff = f.DaysToKickoff,
        DaysToContractSent = f.DaysToContractSent,
        DaysToContractSigned = f.DaysToContractSigned,
        Rejections = f.Rejections,
        RejectedNow = f.RejectedNow,
        RejectionReasons = JsonSerializer.Serialize(f.RejectionReasons, Json),
        Stars = f.Stars,
        MissedClocks = f.Misses.Count,
        AcceptedAtUtc = f.AcceptedAtUtc?.UtcDateTime,
        WarmCallAtUtc = f.WarmCallAtUtc?.UtcDateTime,
        HoldbackReleasedAtUtc = f.HoldbackReleasedAtUtc?.UtcDateTime,
        HoldbackWaitingFor = string.Join("; ", f.HoldbackWaitingFor),
    };

    /// <summary>The calendar month of an instant in the team's time zone, as <c>yyyy-MM</c>.</summary>
    public string Month(DateTimeOffset at) =>
        Instant.FromDateTimeOffset(at).InZone(context.Calendar.Zone).Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
