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
public sealed class HubSpotInbox(BatonDb db, HubSpotApi api, HubSpotDealMap map, CrmDealSync sync) : IInboxHandler
{
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

        var values = manifest.Select(field =>
        {
            var theirs = hub[field.HubSpotProperty!];
            // HubSpot spells some values its own way ("12000" for "$12,000"): either spelling matching is the same value.
            return new CrmFieldValue(field, HubSpotFieldValues.FromHubSpot(field, theirs),
                hub.History.GetValueOrDefault(field.HubSpotProperty!)?.FirstOrDefault()?.TimestampUtc,
                stored => string.Equals(HubSpotFieldValues.ToHubSpot(field, stored) ?? "", theirs?.Trim() ?? "", StringComparison.Ordinal)
                          || string.Equals(stored ?? "", HubSpotFieldValues.FromHubSpot(field, theirs) ?? "", StringComparison.Ordinal));
        }).ToList();
        var snapshot = new CrmDealSnapshot(Source, hub.Id, $"hs-{hub.Id}", hub["dealname"] ?? company.Name!, company.Name!, owner.Id!,
            HubSpotDealMap.Amount(hub), stage, values);
        return await sync.ApplyAsync(snapshot, row.Id, ct);
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
}
