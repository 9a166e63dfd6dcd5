using System.Globalization;
using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Core.Queries;
using Baton.Domain.Fields;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Documents;

/// <summary>One value of the document: the manifest's label and help, the value (null when not captured) and who set it, when, from where.</summary>
public sealed record DocumentValue(string Key, string Label, string Help, string? Value, string? SetBy = null, DateTime? SetAtUtc = null, string? Source = null)
{
    public bool Captured => !string.IsNullOrWhiteSpace(Value);
}

/// <summary>A section of the document (facts, context, commitments, risks, people, scope).</summary>
public sealed record DocumentSection(string Id, string Title, IReadOnlyList<DocumentValue> Values);

/// <summary>One run of a clock as a reader needs it: when it is due and, in words, how it stands.</summary>
/// <param name="Standing">"3.5 business hours left", "overdue by 2 business days", "met", "met late", "missed: cs_lead was told".</param>
/// <param name="BusinessLeft">Business time left for a running clock (negative when overdue); null once stopped.</param>
public sealed record DocumentClock(string Name, DateTime DueAtUtc, string Outcome, string Standing, TimeSpan? BusinessLeft, string? EscalatedTo);

/// <summary>A cadence task of the deal.</summary>
public sealed record DocumentTask(long Id, string Title, string OwnerId, string OwnerName, DateTime DueAtUtc, DateTime? DoneAtUtc, bool Overdue);

/// <summary>One entry of the history.</summary>
public sealed record DocumentEvent(DateTime AtUtc, string Type, string Actor);

/// <summary>
/// The handoff document of one deal, built in one place for the page, the Markdown export and the CLI: what a CSM
/// reads before the kickoff.
/// </summary>
public sealed record HandoffDocument(
    string DealId, string Account, string DealName, string State, string CsStage, string Segment, string Type, decimal Amount, int Round,
    string AeId, string AeName, string? CsmId, string? CsmName, string? RoutingExplanation, DateTime ClosedWonAtUtc, DateTime? KickoffAtUtc, int? Stars,
    IReadOnlyList<string> LastRejectionReasons, IReadOnlyList<string> LastJunkFields, IReadOnlyList<string> RediscoveredFields,
    IReadOnlyList<DocumentSection> Sections, IReadOnlyList<DocumentClock> Clocks, IReadOnlyList<DocumentTask> Tasks, IReadOnlyList<DocumentEvent> History,
    DateTime GeneratedAtUtc)
{
    public DocumentSection? Section(string id) => Sections.FirstOrDefault(s => s.Id == id);

    public DocumentValue? Value(string key) => Sections.SelectMany(s => s.Values).FirstOrDefault(v => string.Equals(v.Key, key, StringComparison.OrdinalIgnoreCase));

    public static string Utc(DateTime? value) => value is { } v ? v.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "";

    /// <summary>Business time in words: hours under one working day, else days.</summary>
    public static string Business(TimeSpan span, TimeSpan workingDay)
    {
        var abs = span.Duration();
        return abs < workingDay || workingDay <= TimeSpan.Zero
            ? $"{abs.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} business hours"
            : $"{(abs.Ticks / (double)workingDay.Ticks).ToString("0.#", CultureInfo.InvariantCulture)} business days";
    }
}

/// <summary>Builds the <see cref="HandoffDocument"/> of a deal from the database and the playbook.</summary>
public sealed class HandoffDocuments(BatonDb db, PlaybookContext context, TimeProvider time)
{
    /// <summary>The section ids in reading order, with their headings.</summary>
    public static readonly IReadOnlyList<(string Id, string Title)> SectionOrder =
    [
        ("facts", "Facts"), ("context", "Context"), ("commitments", "Commitments"), ("risks", "Risks"), ("people", "People"), ("scope", "Scope and technical environment"),
    ];

    /// <summary>Context fields that describe the scope and the customer's systems rather than why they bought.</summary>
    private static readonly HashSet<string> ScopeKeys = new(StringComparer.OrdinalIgnoreCase) { "tech_environment", "tools_replaced" };

    /// <summary>Where a field goes: its pillar, except contacts (people) and the scope and systems fields.</summary>
    public static string SectionOf(FieldDefinition f) => f.Type switch
    {
        FieldType.Contact => "people",
        FieldType.Scope => "scope",
        _ when ScopeKeys.Contains(f.Key) => "scope",
        _ => f.Pillar switch
        {
            Pillar.Context => "context",
            Pillar.Commitments => "commitments",
            Pillar.Risk => "risks",
            _ => "facts",
        },
    };

    public async Task<HandoffDocument?> BuildAsync(string dealId, CancellationToken ct)
    {
        var h = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(x => x.DealId == dealId, ct);
        if (h is null) return null;
        var deal = await db.Deals.AsNoTracking().Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == dealId, ct);
        var playbook = context.Playbook;
        var now = time.GetUtcNow();
        string NameOf(string? id) => id is null ? "" : playbook.FindPerson(id)?.Name ?? id;

        var stored = (deal?.Fields ?? []).ToDictionary(f => f.Key, StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, List<DocumentValue>>();
        foreach (var (id, _) in SectionOrder) values[id] = [];
        values["facts"].Add(new("account", "Account", "The customer's company.", h.AccountName));
        values["facts"].Add(new("segment", "Segment", "The segment the deal's amount puts it in.", h.Segment));
        foreach (var f in playbook.Fields.Fields)
        {
            var v = stored.GetValueOrDefault(f.Key);
            if (!f.AppliesTo(h.Segment) && v is null) continue;
            values[SectionOf(f)].Add(new(f.Key, f.Label, f.Help, v?.Value, v?.SetBy, v?.SetAtUtc, v?.Source));
        }
        values["people"].Add(new("ae", "Account executive", "The AE who closed the deal.", $"{NameOf(h.AeId)} ({h.AeId})"));
        values["people"].Add(new("csm", "Customer success manager", "The CSM who takes the customer on.", h.CsmId is null ? null : $"{NameOf(h.CsmId)} ({h.CsmId})"));
        var contacts = await db.DealContacts.AsNoTracking().Where(c => c.DealId == dealId).OrderBy(c => c.Name).ToListAsync(ct);
        values["people"].Add(new("contacts", "Contacts", "Everyone at the customer the deal knows of.",
            contacts.Count == 0 ? null : string.Join("\n", contacts.Select(c => c.Title is { Length: > 0 } t ? $"{c.Name} <{c.Email}>, {t}" : $"{c.Name} <{c.Email}>"))));
        var sections = SectionOrder.Select(s => new DocumentSection(s.Id, s.Title, values[s.Id])).ToList();

        var view = await new HandoffQueries(db).GetAsync(dealId, ct);
        var calendar = context.Calendar;
        var clocks = (view?.Clocks ?? []).Select(c =>
        {
            TimeSpan? left = null;
            string standing;
            switch (c.Outcome)
            {
                case "running":
                    left = calendar.BusinessTimeBetween(now, new DateTimeOffset(c.DueAtUtc, TimeSpan.Zero));
                    standing = left >= TimeSpan.Zero
                        ? $"{HandoffDocument.Business(left.Value, calendar.WorkingDayLength)} left"
                        : $"overdue by {HandoffDocument.Business(left.Value, calendar.WorkingDayLength)}";
                    break;
                case "missed":
                    standing = c.EscalatedTo is { Length: > 0 } to ? $"missed: {to} was told" : "missed";
                    break;
                case "settled":
                    standing = "no longer applied when it came due";
                    break;
                case "late":
                    standing = $"met late, at {HandoffDocument.Utc(c.StoppedAtUtc)}";
                    break;
                default:
                    standing = $"met, at {HandoffDocument.Utc(c.StoppedAtUtc)}";
                    break;
            }
            return new DocumentClock(c.Name, c.DueAtUtc, c.Outcome, standing, left, c.EscalatedTo);
        }).ToList();

        var tasks = await db.Tasks.AsNoTracking().Where(t => t.DealId == dealId).OrderBy(t => t.DueAtUtc).ThenBy(t => t.Id).ToListAsync(ct);
        var events = await db.Events.AsNoTracking().Where(e => e.DealId == dealId).OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.Id)
            .Select(e => new DocumentEvent(e.OccurredAtUtc, e.Type, e.Actor)).ToListAsync(ct);

        return new HandoffDocument(
            h.DealId, h.AccountName, deal?.Name ?? h.AccountName, h.State, h.CsStage, h.Segment, h.Type, deal?.Amount ?? 0, h.Round,
            h.AeId, NameOf(h.AeId), h.CsmId, h.CsmId is null ? null : NameOf(h.CsmId), h.RoutingExplanation, h.ClosedWonAtUtc, h.KickoffAtUtc, h.Stars,
            List(h.RejectionReasons), List(h.JunkFields), List(h.RediscoveredFields),
            sections, clocks,
            tasks.Select(t => new DocumentTask(t.Id, t.Title, t.OwnerId, NameOf(t.OwnerId), t.DueAtUtc, t.DoneAtUtc, t.DoneAtUtc is null && t.DueAtUtc < now.UtcDateTime)).ToList(),
            events, now.UtcDateTime);
    }

    private static IReadOnlyList<string> List(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
