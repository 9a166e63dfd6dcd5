using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Inbox;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Baton.Domain.Fields;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>
/// Turns stored HubSpot deal events into Baton's use cases. It reconciles rather than replays: each event makes Baton
/// read the deal as HubSpot has it now and bring its own deal there (fields, then the stage through the gate).
/// </summary>
/// <remarks>
/// Reading the current state is what makes order and duplicates harmless: a stale "moved to Closed Won" that arrives
/// after Baton set the stage back finds the deal where Baton put it and does nothing, and Baton's own writes come back
/// as changes to values Baton already has. A later pending event of the same deal makes an earlier one redundant.
/// </remarks>
public sealed partial class HubSpotInbox(
    BatonDb db, HubSpotApi api, HubSpotDealMap map, PlaybookContext context, CreateDeal create, SetDealFields fields, MoveDealStage move, Recorder recorder,
    TimeProvider time, ILogger<HubSpotInbox> log) : IInboxHandler
{
    private Domain.Playbook.Playbook Playbook => context.Playbook;

    public string Source => HubSpotTranslator.Source;

    public async Task<InboxResult> HandleAsync(InboxRow row, CancellationToken ct)
    {
        var e = HubSpotTranslator.Read(row.Body);
        if (e is null) return new InboxResult.Done("not a deal event; nothing to apply");
        if (e.Kind == "deal.deletion") return new InboxResult.Done("the deal was deleted in HubSpot; Baton keeps its record and history");
        if (e.Kind is not ("deal.creation" or "deal.propertyChange" or "deal.restore"))
            return new InboxResult.Done($"{e.Kind} needs nothing from Baton");

        var prefix = HubSpotTranslator.ObjectPrefix(e.DealId);
        if (await db.Inbox.AnyAsync(i => i.Source == Source && i.Status == InboxStatus.Pending && i.Id > row.Id && i.ExternalId.StartsWith(prefix), ct))
            return new InboxResult.Done("a later event of the same deal is pending; it reads the deal as it is then");

        var manifest = map.Fields;
        var read = await api.GetDealAsync(e.DealId, map.Properties, [.. manifest.Select(f => f.HubSpotProperty!)], ct);
        switch (read)
        {
            case HubSpotResult<HubSpotDealRecord>.NotFound:
                return new InboxResult.Done($"deal {e.DealId} is gone from HubSpot");
            case HubSpotResult<HubSpotDealRecord>.RateLimited r:
                return new InboxResult.Retry(r.Describe(), r.Wait);
            case not HubSpotResult<HubSpotDealRecord>.Ok:
                return read.IsRetryable ? new InboxResult.Retry(read.Describe()) : new InboxResult.Failed($"reading deal {e.DealId}: {read.Describe()}");
        }
        var hub = ((HubSpotResult<HubSpotDealRecord>.Ok)read).Value;

        var stage = map.StageOf(hub);
        if (stage is null) return new InboxResult.Done($"stage '{hub[HubSpotCrm.DealStage]}' is none of the playbook's stages (another pipeline); ignored");

        var company = await CompanyAsync(hub, ct);
        if (company.Trouble is not null) return company.Trouble;
        var owner = await map.OwnerAsync(hub["hubspot_owner_id"], ct);
        if (owner.Failure is { } failed)
            return failed.IsRetryable ? new InboxResult.Retry($"reading the deal's owner: {failed.Describe()}") : new InboxResult.Failed(failed.Describe());
        var now = time.GetUtcNow();

        var deal = await db.Deals.Include(d => d.Fields).FirstOrDefaultAsync(d => d.CrmSource == Source && d.CrmId == hub.Id, ct);
        if (deal is null)
        {
            // First sight: the deal starts at the pipeline's first stage and then moves where HubSpot has it, through the gate.
            var created = await create.RunAsync(new NewDeal($"hs-{hub.Id}", hub["dealname"] ?? company.Name!, company.Name!, Playbook.Stages[0].Name,
                owner.Id!, HubSpotDealMap.Amount(hub), null, hub.Id, map.Values(hub), Source), owner.Id!, Source, ct);
            if (created is not DealResult.Ok ok) return new InboxResult.Failed($"deal {hub.Id} could not be created: {created}");
            deal = ok.Deal;
        }
        else
        {
            Refresh(deal, hub, company.Name!, owner.Id!, now);
            var refusals = new List<FieldCheck>();
            foreach (var (key, value, at) in Changes(manifest, hub, deal))
            {
                var change = new Dictionary<string, string?> { [key] = value };
                // An edit in HubSpot to a field the stage already requires meets the same gate as one made in Baton.
                if (fields.Judge(deal, change) is { } refused) refusals.AddRange(refused.Blocking);
                else fields.Apply(deal, change, owner.Id!, Source, now, at);
            }
            if (refusals.Count > 0) KeepBatonValues(deal, refusals, row.Id, now);
        }

        if (string.Equals(deal.Stage, stage.Name, StringComparison.OrdinalIgnoreCase)) return new InboxResult.Done();
        if (Playbook.FindStage(deal.Stage)?.Outcome == StageOutcome.Won)
            return new InboxResult.Done($"HubSpot moved a closed-won deal to {stage.Name}; its handoff has started and goes on");

        var from = deal.Stage;
        var moved = await move.RunAsync(deal, stage.Name, owner.Id!, ct);
        switch (moved)
        {
            case DealResult.GateRefused refused:
                // Back to where Baton last accepted it, with the reasons on the deal; the AE's DM went out with the refusal.
                recorder.Enqueue(deal.Id, $"{deal.Id}:crm:stage-back:{row.Id}", new CrmStageSetBack(from, stage.Name), now);
                var noteKey = $"{deal.Id}:crm:gate-note:{stage.Name}:{MoveDealStage.Digest(refused.Gate)}";
                if (!await db.Outbox.AnyAsync(o => o.IdempotencyKey == noteKey, ct))
                    recorder.Enqueue(deal.Id, noteKey, new CrmGateNote(stage.Name, MoveDealStage.Problems(refused.Gate)), now);
                LogRefused(log, deal.Id, stage.Name, refused.Gate.Blocking.Count());
                return new InboxResult.Done($"gate refused {stage.Name}: set back to {from}");
            case DealResult.Ok:
                return new InboxResult.Done($"moved to {stage.Name}");
            default:
                return new InboxResult.Done($"not moved to {stage.Name}: {moved}");
        }
    }

    /// <summary>
    /// The manifest fields whose HubSpot value differs from Baton's, with when HubSpot's was set. A value Baton set later
    /// than HubSpot's (from elsewhere) wins: its write-back is on the way.
    /// </summary>
    private static IEnumerable<(string Key, string? Value, DateTimeOffset? At)> Changes(IReadOnlyList<FieldDefinition> manifest, HubSpotDealRecord hub, DealRow deal)
    {
        foreach (var field in manifest)
        {
            var theirs = hub[field.HubSpotProperty!];
            var stored = deal.Fields.FirstOrDefault(v => v.Key == field.Key);
            if (string.Equals(HubSpotFieldValues.ToHubSpot(field, stored?.Value) ?? "", theirs?.Trim() ?? "", StringComparison.Ordinal)) continue;
            if (string.Equals(stored?.Value ?? "", HubSpotFieldValues.FromHubSpot(field, theirs) ?? "", StringComparison.Ordinal)) continue;
            var at = hub.History.GetValueOrDefault(field.HubSpotProperty!)?.FirstOrDefault()?.TimestampUtc;
            // HubSpot never had a value, or had it before Baton's own edit: Baton's edit is the later one.
            if (stored is not null && stored.Source != HubSpotTranslator.Source
                && (at is null || new DateTimeOffset(DateTime.SpecifyKind(stored.SetAtUtc, DateTimeKind.Utc)) > at)) continue;
            yield return (field.Key, HubSpotFieldValues.FromHubSpot(field, theirs), at);
        }
    }

    /// <summary>
    /// HubSpot holds values the gate refused: Baton's stand and are written back over them, and the AE is told why, once
    /// per inbox event. The refusal is recorded in the deal's history.
    /// </summary>
    private void KeepBatonValues(DealRow deal, IReadOnlyList<FieldCheck> refusals, long eventRow, DateTimeOffset now)
    {
        var keys = refusals.Select(c => c.Field.Key).Distinct().ToList();
        var problems = refusals.Select(c => $"{c.Field.Label}: {c.Verdict.Reason}").ToList();
        recorder.Event(deal.Id, "FieldEditRefused", new { fields = keys, problems, source = Source }, deal.OwnerId, now);
        recorder.Enqueue(deal.Id, $"{deal.Id}:crm:fields-kept:{eventRow}",
            new CrmFieldsWrite(keys.ToDictionary(k => k, k => deal.Fields.FirstOrDefault(f => f.Key == k)?.Value), now), now);
        recorder.Enqueue(deal.Id, $"{deal.Id}:edit-refused:{eventRow}", new SlackEditRefusal(deal.OwnerId, deal.Stage, problems), now);
        LogEditRefused(log, deal.Id, keys.Count);
    }

    private void Refresh(DealRow deal, HubSpotDealRecord hub, string company, string ownerId, DateTimeOffset now)
    {
        var name = hub["dealname"] ?? deal.Name;
        var amount = HubSpotDealMap.Amount(hub);
        if (deal.Name == name && deal.Company == company && deal.OwnerId == ownerId && deal.Amount == amount) return;
        recorder.Event(deal.Id, "DealUpdated", new { name, company, ownerId, amount, source = Source }, ownerId, now);
        deal.Name = name;
        deal.Company = company;
        deal.OwnerId = ownerId;
        deal.Amount = amount;
        deal.UpdatedAtUtc = now.UtcDateTime;
        deal.Version++;
    }

    private async Task<(string? Name, InboxResult? Trouble)> CompanyAsync(HubSpotDealRecord hub, CancellationToken ct)
    {
        if (hub.CompanyIds.Count == 0) return (hub["dealname"] ?? $"HubSpot deal {hub.Id}", null);
        var companies = await api.GetCompaniesAsync([hub.CompanyIds[0]], ["name", "domain"], ct);
        return companies switch
        {
            HubSpotResult<IReadOnlyList<HubSpotRecord>>.Ok { Value: [var first, ..] } => (first["name"] ?? first["domain"] ?? hub["dealname"] ?? hub.Id, null),
            HubSpotResult<IReadOnlyList<HubSpotRecord>>.Ok or HubSpotResult<IReadOnlyList<HubSpotRecord>>.NotFound => (hub["dealname"] ?? hub.Id, null),
            _ => (null, companies.IsRetryable ? new InboxResult.Retry($"reading the deal's company: {companies.Describe()}") : new InboxResult.Failed(companies.Describe())),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: the gate refused {Stage} from HubSpot ({Count} field(s)); the stage goes back")]
    private static partial void LogRefused(ILogger logger, string dealId, string stage, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: an edit in HubSpot to {Count} required field(s) did not pass the gate; Baton's values are kept")]
    private static partial void LogEditRefused(ILogger logger, string dealId, int count);
}
