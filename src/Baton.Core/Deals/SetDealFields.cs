using Baton.Core.Data;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Core.Recording;

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
        Apply(deal, fields, actor, source, time.GetUtcNow());
        return new DealResult.Ok(deal);
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
