using System.Text;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>
/// The portal's deals written as a HubSpot export would be (internal property names as headers, RFC 4180 quoting), so
/// <c>baton audit --from hubspot</c> reads the live portal with exactly the code and report of a CSV export.
/// </summary>
public sealed class HubSpotExport(HubSpotApi api, HubSpotDealMap map)
{
    public async Task<int> WriteAsync(TextWriter output, DateTimeOffset since, IProgress<HubSpotSearchProgress>? progress, CancellationToken ct)
    {
        var columns = new[] { "hs_object_id" }.Concat(map.Properties.Where(p => p != HubSpotDealRecord.LastModifiedProperty)).Distinct().ToList();
        await output.WriteLineAsync(string.Join(',', columns.Select(Quote)));
        var owners = new Dictionary<string, string>();
        var count = 0;
        await foreach (var deal in api.SearchDealsModifiedSinceAsync(since, map.Properties, progress, ct))
        {
            var line = new StringBuilder();
            foreach (var column in columns)
            {
                if (line.Length > 0) line.Append(',');
                var value = column switch
                {
                    "hs_object_id" => deal.Id,
                    // The audit reports per AE: by the name a reader knows, not HubSpot's owner number.
                    "hubspot_owner_id" => await OwnerAsync(deal[column], owners, ct),
                    _ => deal[column],
                };
                line.Append(Quote(value ?? ""));
            }
            await output.WriteLineAsync(line.ToString());
            count++;
        }
        return count;
    }

    private async Task<string?> OwnerAsync(string? ownerId, Dictionary<string, string> owners, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(ownerId)) return ownerId;
        if (owners.TryGetValue(ownerId, out var known)) return known;
        var (id, failure) = await map.OwnerAsync(ownerId, ct);
        if (failure is not null) throw HubSpotRequestException.From($"reading owner {ownerId}", failure);
        return owners[ownerId] = id!;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
