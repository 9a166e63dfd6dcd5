using Baton.Core.Data;
using Baton.Core.Deals;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>What a backfill did.</summary>
public sealed record BackfillSummary(int Read, int Created, int Updated, int Unchanged, int OtherPipelines);

/// <summary>
/// <c>baton sync hubspot --since DATE</c>: every deal modified since then, read through the search API (paged, and past
/// its 10,000-result cap by windows of modification time), brought in with <see cref="ImportDeal"/>. Idempotent: a
/// second run over the same deals creates and changes nothing. Commits every <see cref="ChunkSize"/> deals.
/// </summary>
public sealed class HubSpotBackfill(IServiceScopeFactory scopes, HubSpotApi api)
{
    public const int ChunkSize = 200;

    public async Task<BackfillSummary> RunAsync(DateTimeOffset since, IProgress<HubSpotSearchProgress>? progress, CancellationToken ct)
    {
        int read = 0, created = 0, updated = 0, unchanged = 0, other = 0;
        var scope = scopes.CreateScope();
        try
        {
            var map = scope.ServiceProvider.GetRequiredService<HubSpotDealMap>();
            var pending = 0;
            await foreach (var hub in api.SearchDealsModifiedSinceAsync(since, map.Properties, progress, ct))
            {
                read++;
                var stage = map.StageOf(hub);
                if (stage is null)
                {
                    other++;
                    continue;
                }
                var owner = await map.OwnerAsync(hub["hubspot_owner_id"], ct);
                if (owner.Failure is { } failed) throw HubSpotRequestException.From($"reading owner {hub["hubspot_owner_id"]}", failed);
                var name = hub["dealname"] ?? $"HubSpot deal {hub.Id}";
                // The search API returns no associations, so a new deal is named for itself; the webhook path fills in the company.
                var input = new NewDeal($"hs-{hub.Id}", name, name, stage.Name, owner.Id!, HubSpotDealMap.Amount(hub), null, hub.Id, map.Values(hub), HubSpotTranslator.Source);
                var outcome = await scope.ServiceProvider.GetRequiredService<ImportDeal>().RunAsync(input, owner.Id!, HubSpotTranslator.Source, hub.LastModifiedUtc, ct);
                switch (outcome)
                {
                    case ImportDeal.Outcome.Created: created++; break;
                    case ImportDeal.Outcome.Updated: updated++; break;
                    default: unchanged++; break;
                }
                if (++pending < ChunkSize) continue;
                await scope.ServiceProvider.GetRequiredService<BatonDb>().SaveChangesAsync(ct);
                scope.Dispose();
                scope = scopes.CreateScope(); // a fresh tracker per chunk keeps memory flat
                map = scope.ServiceProvider.GetRequiredService<HubSpotDealMap>();
                pending = 0;
            }
            await scope.ServiceProvider.GetRequiredService<BatonDb>().SaveChangesAsync(ct);
        }
        finally
        {
            scope.Dispose();
        }
        return new BackfillSummary(read, created, updated, unchanged, other);
    }
}
