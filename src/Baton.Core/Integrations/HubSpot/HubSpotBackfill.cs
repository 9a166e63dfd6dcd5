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
        var chunk = new List<HubSpotDealRecord>(ChunkSize);
        using var mapScope = scopes.CreateScope();
        var map = mapScope.ServiceProvider.GetRequiredService<HubSpotDealMap>();

        async Task FlushAsync()
        {
            if (chunk.Count == 0) return;
            var inputs = new List<(NewDeal, string, DateTimeOffset?)>(chunk.Count);
            foreach (var hub in chunk)
            {
                var owner = await map.OwnerAsync(hub["hubspot_owner_id"], ct);
                if (owner.Failure is { } failed) throw HubSpotRequestException.From($"reading owner {hub["hubspot_owner_id"]}", failed);
                var name = hub["dealname"] ?? $"HubSpot deal {hub.Id}";
                // The search API returns no associations, so a new deal is named for itself; the webhook path fills in the company.
                inputs.Add((new NewDeal($"hs-{hub.Id}", name, name, map.StageOf(hub)!.Name, owner.Id!, HubSpotDealMap.Amount(hub), null, hub.Id, map.Values(hub),
                    HubSpotTranslator.Source), owner.Id!, hub.LastModifiedUtc));
            }
            // A fresh unit of work per chunk: one transaction, and a tracker that never grows past a chunk.
            using var scope = scopes.CreateScope();
            var outcomes = await scope.ServiceProvider.GetRequiredService<ImportDeal>().RunAsync(inputs, HubSpotTranslator.Source, ct);
            await scope.ServiceProvider.GetRequiredService<BatonDb>().SaveChangesAsync(ct);
            created += outcomes.Count(o => o == ImportDeal.Outcome.Created);
            updated += outcomes.Count(o => o == ImportDeal.Outcome.Updated);
            unchanged += outcomes.Count(o => o == ImportDeal.Outcome.Unchanged);
            chunk.Clear();
        }

        await foreach (var hub in api.SearchDealsModifiedSinceAsync(since, map.Properties, progress, ct))
        {
            read++;
            if (map.StageOf(hub) is null)
            {
                other++;
                continue;
            }
            chunk.Add(hub);
            if (chunk.Count >= ChunkSize) await FlushAsync();
        }
        await FlushAsync();
        return new BackfillSummary(read, created, updated, unchanged, other);
    }
}
