using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Playbook;
using Baton.Domain.Fields;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;
using Baton.Domain.Quality;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages.Deals;

/// <summary>One field's verdict as the form shows it, on load and after each keystroke pause.</summary>
public sealed record VerdictView(FieldDefinition Field, Verdict Verdict, bool Blank);

/// <summary>One recorded change of a field, from the FieldSet events.</summary>
public sealed record FieldChange(DateTime AtUtc, string Actor, string Source, string Value);

/// <summary>
/// The handoff form of one deal: the fields asked by its next stage (later ones folded away), each with help, a good
/// example, the value with who set it, when and from where, and its history; the gate's verdict for the next stage and
/// for Closed Won; saving and moving the stage. Only the owning AE or an admin edits; everyone else reads.
/// </summary>
[Authorize(Policies.Read)]
public sealed class DealModel(BatonDb db, PlaybookContext context, DealGate gates, SetDealFields set, MoveDealStage move) : PageModel
{
    public const string Source = "ui";

    public Domain.Playbook.Playbook Playbook => context.Playbook;
    public DealRow Deal { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public Stage? Current { get; private set; }
    public Stage? Next { get; private set; }
    public string? Segment { get; private set; }
    public GateResult? NextGate { get; private set; }
    public GateResult? WonGate { get; private set; }
    public Completeness Completeness { get; private set; }
    public IReadOnlyList<FieldDefinition> Asked { get; private set; } = [];
    public IReadOnlyList<FieldDefinition> Later { get; private set; } = [];
    /// <summary>What each input shows: the stored value, or after a refusal what the AE typed.</summary>
    public Dictionary<string, string?> Values { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, FieldValueRow> Stored { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, List<FieldChange>> History { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Why a field was refused, by key, next to the field.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);
    public IReadOnlyList<string> Contacts { get; private set; } = [];
    public bool HasHandoff { get; private set; }
    /// <summary>The refused move, listed at the top with each reason.</summary>
    public GateResult? MoveRefused { get; private set; }
    public string? Problem { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, null, ct) ? Page() : NotFound();

    /// <summary>Saves the form through SetDealFields; a refusal keeps what was typed and names each field's reason.</summary>
    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        var owner = await OwnerAsync(id, ct);
        if (owner is null) return NotFound();
        if (!User.CanEditDeal(owner)) return Forbid();
        var typed = Posted();
        var result = await db.SaveAsync(() => set.RunAsync(id, typed, User.PersonId(), Source, ct), reason => new DealResult.Conflict(reason), ct);
        switch (result)
        {
            case DealResult.Ok:
                return Redirect($"/deals/{Uri.EscapeDataString(id)}?done=saved");
            case DealResult.NotFound:
                return NotFound();
            case DealResult.GateRefused refused:
                foreach (var check in refused.Gate.Blocking) Errors[check.Field.Key] = check.Verdict.Reason;
                Problem = "Nothing was saved: fix the fields marked below.";
                break;
            case DealResult.Invalid invalid:
                foreach (var p in invalid.Problems) Errors[p.Field] = p.Reason;
                Problem = "Nothing was saved: " + string.Join("; ", invalid.Problems.Select(p => p.Reason));
                break;
            case DealResult.Conflict conflict:
                Problem = $"Nothing was saved: the deal {conflict.Reason}.";
                break;
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id, typed, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The gate's judgement of one value as it is typed, before anything is saved: an htmx fragment.</summary>
    public async Task<IActionResult> OnPostCheckAsync(string id, string? key, CancellationToken ct)
    {
        var owner = await OwnerAsync(id, ct);
        if (owner is null) return NotFound();
        if (!User.CanEditDeal(owner)) return Forbid();
        var field = key is null ? null : Playbook.Fields.Find(key);
        if (field is null) return BadRequest();
        // The deal's other values, as stored and as typed in the form, so a copied answer is caught as the gate would.
        var others = await db.FieldValues.AsNoTracking().Where(f => f.DealId == id).ToDictionaryAsync(f => f.Key, f => (string?)f.Value, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var (k, v) in Posted()) others[k] = v;
        var value = others.GetValueOrDefault(field.Key);
        return Partial("_Verdict", new VerdictView(field, DealSheet.Judge(Playbook, field, value, others), string.IsNullOrWhiteSpace(value)));
    }

    /// <summary>Moves the deal to its next stage through the gate; a refusal lists each blocking field.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string id, string? stage, CancellationToken ct)
    {
        var owner = await OwnerAsync(id, ct);
        if (owner is null) return NotFound();
        if (!User.CanEditDeal(owner)) return Forbid();
        if (string.IsNullOrWhiteSpace(stage)) return BadRequest();
        // A refusal is saved too: it records the AE's notice.
        var result = await db.SaveAsync(() => move.RunAsync(id, stage, User.PersonId(), ct), reason => new DealResult.Conflict(reason), ct);
        switch (result)
        {
            case DealResult.Ok ok:
                return Redirect($"/deals/{Uri.EscapeDataString(id)}?done={Uri.EscapeDataString("moved:" + ok.Deal.Stage)}");
            case DealResult.NotFound:
                return NotFound();
            case DealResult.GateRefused refused:
                MoveRefused = refused.Gate;
                foreach (var check in refused.Gate.Blocking) Errors[check.Field.Key] = check.Verdict.Reason;
                Problem = $"The deal stays in {refused.Deal.Stage}: {refused.Gate.Stage.Name} needs the fields below.";
                break;
            case DealResult.Invalid invalid:
                Problem = "The deal did not move: " + string.Join("; ", invalid.Problems.Select(p => p.Reason));
                break;
            case DealResult.Conflict conflict:
                Problem = $"The deal did not move: it {conflict.Reason}.";
                break;
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id, null, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The form's field values by key (inputs are named <c>fields[key]</c>).</summary>
    private Dictionary<string, string?> Posted()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!Request.HasFormContentType) return values;
        foreach (var (name, value) in Request.Form)
            if (name.StartsWith("fields[", StringComparison.Ordinal) && name.EndsWith(']'))
                values[name[7..^1]] = value.ToString();
        return values;
    }

    private Task<string?> OwnerAsync(string id, CancellationToken ct) =>
        db.Deals.AsNoTracking().Where(d => d.Id == id).Select(d => d.OwnerId).FirstOrDefaultAsync(ct);

    private async Task<bool> LoadAsync(string id, IReadOnlyDictionary<string, string?>? typed, CancellationToken ct)
    {
        var deal = await db.Deals.AsNoTracking().Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (deal is null) return false;
        Deal = deal;
        CanEdit = User.CanEditDeal(deal.OwnerId);
        Current = Playbook.FindStage(deal.Stage);
        Next = DealSheet.NextStage(Playbook, Current);
        Segment = Playbook.SegmentFor(deal.Amount)?.Name;
        var upTo = DealSheet.AskedUpTo(Playbook, Current);
        var asked = gates.Evaluate(deal, upTo);
        Completeness = DealSheet.CompletenessOf(asked);
        NextGate = Next is null ? null : Next == upTo ? asked : gates.Evaluate(deal, Next);
        WonGate = Current?.Outcome == StageOutcome.Open && Next != Playbook.WonStage ? gates.Evaluate(deal, Playbook.WonStage) : null;

        Stored = deal.Fields.ToDictionary(f => f.Key, StringComparer.OrdinalIgnoreCase);
        Values = DealSheet.Values(deal);
        if (typed is not null)
            foreach (var (k, v) in typed) Values[k] = v;
        var fields = Playbook.Fields.Fields;
        Asked = fields.Where(f => f.AppliesTo(Segment) && DealSheet.AskedBy(Playbook, f, upTo)).ToList();
        // Later stages' fields, and any field outside the deal's segment that holds a value anyway.
        Later = fields.Where(f => !Asked.Contains(f) && (f.AppliesTo(Segment) || Stored.ContainsKey(f.Key))).ToList();

        var events = await db.Events.AsNoTracking().Where(e => e.DealId == id && e.Type == "FieldSet")
            .OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id).ToListAsync(ct);
        History = new(StringComparer.OrdinalIgnoreCase);
        foreach (var e in events)
        {
            using var doc = JsonDocument.Parse(e.Data);
            var root = doc.RootElement;
            string Prop(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : "";
            var key = Prop("field");
            if (key.Length == 0) continue;
            if (!History.TryGetValue(key, out var list)) History[key] = list = [];
            list.Add(new FieldChange(e.OccurredAtUtc, e.Actor, Prop("source"), Prop("value")));
        }

        var contacts = await db.DealContacts.AsNoTracking().Where(c => c.DealId == id).OrderBy(c => c.Name).ToListAsync(ct);
        Contacts = contacts.Select(c => $"{c.Name} <{c.Email}>")
            .Concat(fields.Where(f => f.Type == FieldType.Contact).Select(f => Stored.GetValueOrDefault(f.Key)?.Value).OfType<string>())
            .Where(c => c.Trim().Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        HasHandoff = await db.Handoffs.AsNoTracking().AnyAsync(h => h.DealId == id, ct);
        return true;
    }

    /// <summary>The verdict a field shows on load: the gate's answer for the value in the input.</summary>
    public VerdictView VerdictFor(FieldDefinition field)
    {
        var value = Values.GetValueOrDefault(field.Key);
        return new VerdictView(field, DealSheet.Judge(Playbook, field, value, Values), string.IsNullOrWhiteSpace(value));
    }

    public string? DoneMessage => Done switch
    {
        "saved" => "Saved.",
        { } d when d.StartsWith("moved:", StringComparison.Ordinal) => $"Moved to {d[6..]}.",
        _ => null,
    };
}
