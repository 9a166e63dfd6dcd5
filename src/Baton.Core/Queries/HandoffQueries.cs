using System.Text.Json;
using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Queries;

public sealed record HandoffSummary(string DealId, string AccountName, string State, string? CsmId, string AeId, string Segment, string Type,
    int Round, DateTime ClosedWonAtUtc, int MissedClocks);

/// <summary>One run of a clock. <c>Outcome</c>: running, on_time, late (stopped after its deadline) or missed (fired).</summary>
public sealed record ClockView(string Name, DateTime StartedAtUtc, DateTime DueAtUtc, string Status, DateTime? StoppedAtUtc, DateTime? FiredAtUtc,
    string Outcome, string? EscalatedTo);

public sealed record TaskView(string Title, string OwnerId, DateTime DueAtUtc, DateTime? DoneAtUtc);

public sealed record ContractView(string State, string ContractsTeam, DateTime CreatedAtUtc, DateTime? SentAtUtc, DateTime? SignedAtUtc);

public sealed record EventView(long Id, string Type, string Actor, DateTime OccurredAtUtc, JsonElement Data);

public sealed record HandoffView(
    string DealId, string AccountName, string State, string AeId, string Segment, string Type, string CsStage, int Round,
    string? CsmId, string? Pool, string? RoutingExplanation, string? Channel,
    DateTime ClosedWonAtUtc, DateTime? AcknowledgedAtUtc, DateTime? WarmCallHeldAtUtc, DateTime? AcceptedAtUtc, DateTime? KickoffAtUtc, DateTime? KickoffHeldAtUtc,
    int? Stars, IReadOnlyList<string> RediscoveredFields, IReadOnlyList<string> LastRejectionReasons, IReadOnlyList<string> LastJunkFields,
    IReadOnlyList<ClockView> Clocks, IReadOnlyList<TaskView> Tasks, ContractView? Contract, IReadOnlyList<EventView> History,
    string? CustomerChannel = null);

/// <summary>Read models of handoffs: list, detail with clocks and the full history.</summary>
public sealed class HandoffQueries(BatonDb db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<HandoffSummary>> ListAsync(string? state, string? csm, int limit, CancellationToken ct)
    {
        var query = db.Handoffs.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(state)) query = query.Where(h => h.State == state);
        if (!string.IsNullOrWhiteSpace(csm)) query = query.Where(h => h.CsmId == csm);
        var rows = await query
            .OrderByDescending(h => h.ClosedWonAtUtc).ThenBy(h => h.DealId)
            .Take(limit)
            .Select(h => new { h.DealId, h.AccountName, h.State, h.CsmId, h.AeId, h.Segment, h.Type, h.Round, h.ClosedWonAtUtc, h.MissedClocks })
            .ToListAsync(ct);
        return rows.Select(h => new HandoffSummary(h.DealId, h.AccountName, h.State, h.CsmId, h.AeId, h.Segment, h.Type, h.Round, h.ClosedWonAtUtc,
            ReadList<JsonElement>(h.MissedClocks).Count)).ToList();
    }

    /// <summary>Counts by state, for the overview.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStateAsync(CancellationToken ct) =>
        await db.Handoffs.AsNoTracking().GroupBy(h => h.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    public async Task<HandoffView?> GetAsync(string dealId, CancellationToken ct)
    {
        var h = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(x => x.DealId == dealId, ct);
        if (h is null) return null;
        var clocks = await db.Clocks.AsNoTracking().Where(c => c.DealId == dealId).OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id).ToListAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.DealId == dealId).OrderBy(t => t.DueAtUtc)
            .Select(t => new TaskView(t.Title, t.OwnerId, t.DueAtUtc, t.DoneAtUtc)).ToListAsync(ct);
        var contractRow = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.DealId == dealId, ct);
        var contract = contractRow is null ? null
            : new ContractView(contractRow.State, contractRow.ContractsTeam, contractRow.CreatedAtUtc, contractRow.SentAtUtc, contractRow.SignedAtUtc);
        var events = await db.Events.AsNoTracking().Where(e => e.DealId == dealId).OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Type, e.Actor, e.OccurredAtUtc, e.Data }).ToListAsync(ct);
        var escalations = ReadList<MissedClockJson>(h.MissedClocks);
        // The contract escalates its own drafting clock (it is not the handoff's), so whom it told is on the contract.
        var contractTold = contractRow is { DraftedClockMissed: true, DraftedClockEscalateTo: { Length: > 0 } role } ? role : null;

        return new HandoffView(
            h.DealId, h.AccountName, h.State, h.AeId, h.Segment, h.Type, h.CsStage, h.Round,
            h.CsmId, h.Pool, h.RoutingExplanation, h.Channel,
            h.ClosedWonAtUtc, h.AcknowledgedAtUtc, h.WarmCallHeldAtUtc, h.AcceptedAtUtc, h.KickoffAtUtc, h.KickoffHeldAtUtc,
            h.Stars, ReadList<string>(h.RediscoveredFields), ReadList<string>(h.RejectionReasons), ReadList<string>(h.JunkFields),
            clocks.Select(c => ToView(c, escalations, contractTold)).ToList(), tasks, contract,
            events.Select(e => new EventView(e.Id, e.Type, e.Actor, e.OccurredAtUtc, Parse(e.Data))).ToList(),
            h.CustomerChannel);
    }

    public static string Outcome(ClockRow c) => c.Status switch
    {
        ClockStatus.Running => "running",
        ClockStatus.Fired => "missed",
        ClockStatus.Settled => "settled",
        _ when c.StoppedAtUtc > c.DueAtUtc => "late",
        _ => "on_time",
    };

    private static ClockView ToView(ClockRow c, IReadOnlyList<MissedClockJson> missed, string? contractTold) => new(
        c.Name, c.StartedAtUtc, c.DueAtUtc, c.Status, c.StoppedAtUtc, c.FiredAtUtc, Outcome(c),
        // A run is (name, start instant): that is how the handoff records whom it escalated to.
        missed.FirstOrDefault(m => m.Name == c.Name && m.StartedAtUtc.UtcDateTime == c.StartedAtUtc)?.EscalatedTo
            ?? (c.Name == Domain.Contracts.Contract.DraftedClock && c.Status == ClockStatus.Fired ? contractTold : null));

    internal static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    internal static IReadOnlyList<T> ReadList<T>(string json) => JsonSerializer.Deserialize<List<T>>(json, Json) ?? [];

    private sealed record MissedClockJson(string Name, DateTimeOffset StartedAtUtc, string EscalatedTo);
}
