using Baton.Core.Data;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Baton.Domain.Fields;
using Baton.Domain.Gate;

namespace Baton.Core.Deals;

/// <summary>
/// Sets handoff field values; a blank value clears the field. Every change is recorded with who, when and from where,
/// and a deal that lives in a CRM gets Baton's edits written back through the outbox. Records; the caller saves.
/// </summary>
public sealed class SetDealFields(PlaybookContext context, DealGate deals, Recorder recorder, TimeProvider time)
{
    public async Task<DealResult> RunAsync(string dealId, IReadOnlyDictionary<string, string?> fields, string actor, string source, CancellationToken ct)
    {
        var deal = await deals.LoadAsync(dealId, ct);
        if (deal is null) return new DealResult.NotFound(dealId);
        var problems = deals.UnknownFields(fields).ToList();
        if (problems.Count > 0) return new DealResult.Invalid(problems);
        if (Judge(deal, fields) is { } refused) return new DealResult.GateRefused(refused, deal, FieldEdit: true);
        Apply(deal, fields, actor, source, time.GetUtcNow());
        return new DealResult.Ok(deal);
    }

    /// <summary>
    /// The gate of the deal's current stage on the values it would have after the change, narrowed to the fields that
    /// change: null when none of them blocks. A field the deal's stage already requires cannot be blanked or filled with
    /// filler afterwards, by the same rules and reasons as the stage move; fields not yet required stay free to draft.
    /// </summary>
    public GateResult? Judge(DealRow deal, IReadOnlyDictionary<string, string?>? fields)
    {
        if (fields is null || context.Playbook.FindStage(deal.Stage) is not { } stage) return null;
        var stored = deal.Fields.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.OrdinalIgnoreCase);
        var changed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, raw) in fields)
        {
            if (context.Playbook.Fields.Find(key) is not { } field) continue;
            var value = raw?.Trim() ?? "";
            if ((stored.GetValueOrDefault(field.Key) ?? "") == value) continue;
            stored[field.Key] = value.Length == 0 ? null : value;
            changed.Add(field.Key);
        }
        if (changed.Count == 0) return null;
        var plan = GatePlan.For(context.Playbook, stage, context.Playbook.SegmentFor(deal.Amount)?.Name);
        if (!plan.Fields.Any(f => changed.Contains(f.Key))) return null;
        var gate = plan.Evaluate(FieldValues.From(context.Playbook.Fields, stored));
        var checks = gate.Checks.Where(c => changed.Contains(c.Field.Key)).ToList();
        return checks.Any(c => c.Blocks) ? new GateResult(gate.Stage, gate.Segment, checks) : null;
    }

    /// <summary>Applies values to a tracked deal; returns the keys that changed.</summary>
    /// <param name="setAtUtc">When the change was made where it was made (a CRM's own timestamp for its edits).</param>
    public IReadOnlyList<string> Apply(DealRow deal, IReadOnlyDictionary<string, string?>? fields, string actor, string source, DateTimeOffset now, DateTimeOffset? setAtUtc = null)
    {
        if (fields is null) return [];
        var changed = new List<string>();
        var at = (setAtUtc ?? now).UtcDateTime;
        foreach (var (key, raw) in fields)
        {
            var field = context.Playbook.Fields.Find(key)!;
            var value = raw?.Trim() ?? "";
            var existing = deal.Fields.FirstOrDefault(f => f.Key == field.Key);
            if ((existing?.Value ?? "") == value) continue;
            if (value.Length == 0)
            {
                if (existing is not null) deal.Fields.Remove(existing);
            }
            else if (existing is null)
                deal.Fields.Add(new FieldValueRow { DealId = deal.Id, Key = field.Key, Value = value, SetBy = actor, Source = source, SetAtUtc = at });
            else
            {
                existing.Value = value;
                existing.SetBy = actor;
                existing.Source = source;
                existing.SetAtUtc = at;
            }
            recorder.Event(deal.Id, "FieldSet", new { field = field.Key, value, source }, actor, now);
            changed.Add(field.Key);
        }
        if (changed.Count == 0) return changed;
        deal.UpdatedAtUtc = now.UtcDateTime;
        deal.Version++;
        // Edits that came from the deal's own CRM are already there; everything else goes back to it, in order.
        if (deal.CrmSource is not null && !string.Equals(source, deal.CrmSource, StringComparison.OrdinalIgnoreCase))
            recorder.Enqueue(deal.Id, $"{deal.Id}:crm:fields:v{deal.Version}",
                new CrmFieldsWrite(changed.ToDictionary(k => k, k => deal.Fields.FirstOrDefault(f => f.Key == k)?.Value), now), now);
        return changed;
    }
}
