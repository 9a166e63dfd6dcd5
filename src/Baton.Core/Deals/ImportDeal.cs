using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Deals;

/// <summary>
/// Brings a deal's history in from a CRM as it stands there: created or updated at its stage, with its values, and
/// neither gated nor handed off (a backfill records the past; it does not replay it). Running it again with the same
/// deal changes nothing. Records; the caller saves.
/// </summary>
public sealed class ImportDeal(BatonDb db, PlaybookContext context, SetDealFields fields, Recorder recorder, TimeProvider time)
{
    public enum Outcome { Created, Updated, Unchanged }

    /// <summary>Deals of one CRM at once: those Baton already has are loaded in one query.</summary>
    public async Task<IReadOnlyList<Outcome>> RunAsync(IReadOnlyList<(NewDeal Deal, string Actor, DateTimeOffset? SetAtUtc)> inputs, string source, CancellationToken ct)
    {
        var crm = inputs.Select(i => i.Deal.CrmSource).Distinct().Single();
        var ids = inputs.Select(i => i.Deal.CrmId).ToList();
        var known = await db.Deals.Include(d => d.Fields).Where(d => d.CrmSource == crm && ids.Contains(d.CrmId)).ToDictionaryAsync(d => d.CrmId!, ct);
        return [.. inputs.Select(i => Import(i.Deal, known.GetValueOrDefault(i.Deal.CrmId!), i.Actor, source, i.SetAtUtc))];
    }

    public async Task<Outcome> RunAsync(NewDeal input, string actor, string source, DateTimeOffset? setAtUtc, CancellationToken ct)
    {
        var deal = await db.Deals.Include(d => d.Fields).FirstOrDefaultAsync(d => d.CrmSource == input.CrmSource && d.CrmId == input.CrmId, ct);
        return Import(input, deal, actor, source, setAtUtc);
    }

    private Outcome Import(NewDeal input, DealRow? deal, string actor, string source, DateTimeOffset? setAtUtc)
    {
        var stage = context.Playbook.FindStage(input.Stage)?.Name ?? throw new ArgumentException($"'{input.Stage}' is not a stage", nameof(input));
        var now = time.GetUtcNow();
        if (deal is null)
        {
            deal = new DealRow
            {
                Id = input.Id,
                CrmId = input.CrmId,
                CrmSource = input.CrmSource,
                Name = input.Name,
                Company = input.Company,
                Stage = stage,
                OwnerId = context.Playbook.FindPerson(input.OwnerId)?.Id ?? input.OwnerId,
                Amount = input.Amount,
                Territory = input.Territory,
                CreatedAtUtc = now.UtcDateTime,
                UpdatedAtUtc = now.UtcDateTime,
            };
            // One history entry with every value, not one per field: a backfill brings in thousands of deals at once.
            var values = (input.Fields ?? new Dictionary<string, string?>())
                .Select(kv => (Field: context.Playbook.Fields.Find(kv.Key), Value: kv.Value?.Trim()))
                .Where(v => v.Field is not null && !string.IsNullOrEmpty(v.Value))
                .ToDictionary(v => v.Field!.Key, v => v.Value!);
            foreach (var (key, value) in values)
                deal.Fields.Add(new FieldValueRow { DealId = deal.Id, Key = key, Value = value, SetBy = actor, Source = source, SetAtUtc = (setAtUtc ?? now).UtcDateTime });
            db.Deals.Add(deal);
            recorder.Event(deal.Id, "DealImported", new { deal.Stage, deal.OwnerId, deal.Amount, source, fields = values }, actor, now);
            return Outcome.Created;
        }

        var changed = fields.Apply(deal, input.Fields, actor, source, now, setAtUtc).Count > 0;
        if (deal.Stage != stage || deal.Amount != input.Amount || deal.Name != input.Name)
        {
            recorder.Event(deal.Id, "DealImported", new { from = deal.Stage, to = stage, input.Amount, source }, actor, now);
            deal.Stage = stage;
            deal.Amount = input.Amount;
            deal.Name = input.Name;
            deal.UpdatedAtUtc = now.UtcDateTime;
            deal.Version++;
            changed = true;
        }
        return changed ? Outcome.Updated : Outcome.Unchanged;
    }
}
