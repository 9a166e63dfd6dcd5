using Baton.Core.Data;
using Baton.Core.Inbox;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Baton.Domain.Fields;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Deals;

/// <summary>One handoff field as a CRM holds it now, in Baton's spelling, and when the CRM's value was set.</summary>
/// <param name="Same">Whether Baton's stored value already says what the CRM holds (formats differ by CRM).</param>
public sealed record CrmFieldValue(FieldDefinition Field, string? Value, DateTimeOffset? SetAt, Func<string?, bool> Same);

/// <summary>A CRM's deal as it is now, in Baton's terms: what every CRM's inbox hands to <see cref="CrmDealSync"/>.</summary>
/// <param name="NewDealId">Baton's id for the deal if it is new (<c>hs-123</c>, <c>sf-006…</c>).</param>
public sealed record CrmDealSnapshot(string Source, string CrmId, string NewDealId, string Name, string Company, string OwnerId, decimal Amount, Stage Stage,
    IReadOnlyList<CrmFieldValue> Fields);

/// <summary>
/// Brings Baton's deal to where a CRM has it: created at the pipeline's first stage on first sight, its fields set
/// (an edit to a field the stage already requires meets the gate, and a refused one is kept back with a write-back and
/// a DM), then the stage moved through the gate, and set back in the CRM with a note when the gate refuses.
/// </summary>
/// <remarks>Reconciling with the CRM's current state, not replaying its events, makes order and duplicates harmless.</remarks>
public sealed partial class CrmDealSync(
    BatonDb db, PlaybookContext context, CreateDeal create, SetDealFields fields, MoveDealStage move, Recorder recorder, TimeProvider time, ILogger<CrmDealSync> log)
{
    public async Task<InboxResult> ApplyAsync(CrmDealSnapshot crm, long inboxRowId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stage = crm.Stage;
        var deal = await db.Deals.Include(d => d.Fields).FirstOrDefaultAsync(d => d.CrmSource == crm.Source && d.CrmId == crm.CrmId, ct);
        if (deal is null)
        {
            // First sight: the deal starts at the pipeline's first stage and then moves where the CRM has it, through the gate.
            var values = crm.Fields.Where(f => f.Value is not null).ToDictionary(f => f.Field.Key, f => f.Value);
            var created = await create.RunAsync(new NewDeal(crm.NewDealId, crm.Name, crm.Company, context.Playbook.Stages[0].Name,
                crm.OwnerId, crm.Amount, null, crm.CrmId, values, crm.Source), crm.OwnerId, crm.Source, ct);
            if (created is not DealResult.Ok ok) return new InboxResult.Failed($"deal {crm.CrmId} could not be created: {created}");
            deal = ok.Deal;
        }
        else
        {
            Refresh(deal, crm, now);
            var refusals = new List<FieldCheck>();
            foreach (var (key, value, at) in Changes(crm, deal))
            {
                var change = new Dictionary<string, string?> { [key] = value };
                // An edit in the CRM to a field the stage already requires meets the same gate as one made in Baton.
                if (fields.Judge(deal, change) is { } refused) refusals.AddRange(refused.Blocking);
                else fields.Apply(deal, change, crm.OwnerId, crm.Source, now, at);
            }
            if (refusals.Count > 0) KeepBatonValues(deal, crm.Source, refusals, inboxRowId, now);
        }

        if (string.Equals(deal.Stage, stage.Name, StringComparison.OrdinalIgnoreCase)) return new InboxResult.Done();
        if (context.Playbook.FindStage(deal.Stage)?.Outcome == StageOutcome.Won)
            return new InboxResult.Done($"the CRM moved a closed-won deal to {stage.Name}; its handoff has started and goes on");

        var from = deal.Stage;
        var moved = await move.RunAsync(deal, stage.Name, crm.OwnerId, ct);
        switch (moved)
        {
            case DealResult.GateRefused refused:
                // Back to where Baton last accepted it, with the reasons on the deal; the AE's DM went out with the refusal.
                recorder.Enqueue(deal.Id, $"{deal.Id}:crm:stage-back:{inboxRowId}", new CrmStageSetBack(from, stage.Name), now);
                var noteKey = $"{deal.Id}:crm:gate-note:{stage.Name}:{MoveDealStage.Digest(refused.Gate)}";
                if (!await db.Outbox.AnyAsync(o => o.IdempotencyKey == noteKey, ct))
                    recorder.Enqueue(deal.Id, noteKey, new CrmGateNote(stage.Name, MoveDealStage.Problems(refused.Gate)), now);
                LogRefused(log, deal.Id, stage.Name, crm.Source, refused.Gate.Blocking.Count());
                return new InboxResult.Done($"gate refused {stage.Name}: set back to {from}");
            case DealResult.Ok:
                return new InboxResult.Done($"moved to {stage.Name}");
            default:
                return new InboxResult.Done($"not moved to {stage.Name}: {moved}");
        }
    }

    /// <summary>
    /// The fields whose CRM value differs from Baton's, with when the CRM's was set. A value Baton set later than the
    /// CRM's (from elsewhere) wins: its write-back is on the way.
    /// </summary>
    private static IEnumerable<(string Key, string? Value, DateTimeOffset? At)> Changes(CrmDealSnapshot crm, DealRow deal)
    {
        foreach (var theirs in crm.Fields)
        {
            var stored = deal.Fields.FirstOrDefault(v => v.Key == theirs.Field.Key);
            if (theirs.Same(stored?.Value)) continue;
            // The CRM never had a value, or had it before Baton's own edit: Baton's edit is the later one.
            if (stored is not null && stored.Source != crm.Source
                && (theirs.SetAt is null || new DateTimeOffset(DateTime.SpecifyKind(stored.SetAtUtc, DateTimeKind.Utc)) > theirs.SetAt)) continue;
            yield return (theirs.Field.Key, theirs.Value, theirs.SetAt);
        }
    }

    /// <summary>
    /// The CRM holds values the gate refused: Baton's stand and are written back over them, and the AE is told why, once
    /// per inbox event. The refusal is recorded in the deal's history.
    /// </summary>
    private void KeepBatonValues(DealRow deal, string source, IReadOnlyList<FieldCheck> refusals, long eventRow, DateTimeOffset now)
    {
        var keys = refusals.Select(c => c.Field.Key).Distinct().ToList();
        var problems = refusals.Select(c => $"{c.Field.Label}: {c.Verdict.Reason}").ToList();
        recorder.Event(deal.Id, "FieldEditRefused", new { fields = keys, problems, source }, deal.OwnerId, now);
        recorder.Enqueue(deal.Id, $"{deal.Id}:crm:fields-kept:{eventRow}",
            new CrmFieldsWrite(keys.ToDictionary(k => k, k => deal.Fields.FirstOrDefault(f => f.Key == k)?.Value), now), now);
        recorder.Enqueue(deal.Id, $"{deal.Id}:edit-refused:{eventRow}", new SlackEditRefusal(deal.OwnerId, deal.Stage, problems), now);
        LogEditRefused(log, deal.Id, source, keys.Count);
    }

    private void Refresh(DealRow deal, CrmDealSnapshot crm, DateTimeOffset now)
    {
        if (deal.Name == crm.Name && deal.Company == crm.Company && deal.OwnerId == crm.OwnerId && deal.Amount == crm.Amount) return;
        recorder.Event(deal.Id, "DealUpdated", new { name = crm.Name, company = crm.Company, ownerId = crm.OwnerId, amount = crm.Amount, source = crm.Source }, crm.OwnerId, now);
        deal.Name = crm.Name;
        deal.Company = crm.Company;
        deal.OwnerId = crm.OwnerId;
        deal.Amount = crm.Amount;
        deal.UpdatedAtUtc = now.UtcDateTime;
        deal.Version++;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: the gate refused {Stage} from {Source} ({Count} field(s)); the stage goes back")]
    private static partial void LogRefused(ILogger logger, string dealId, string stage, string source, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: an edit in {Source} to {Count} required field(s) did not pass the gate; Baton's values are kept")]
    private static partial void LogEditRefused(ILogger logger, string dealId, string source, int count);
}
