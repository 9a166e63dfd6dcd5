using Baton.Core.Integrations.HubSpot;

namespace Baton.Tests.Integrations.HubSpot;

public sealed class HubSpotSearchTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private HubSpotHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await HubSpotHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task SearchDealsModifiedSinceAsync_25000Deals_FetchesEveryDealOncePastTheCap()
    {
        // Ten deals share each instant, so every restart begins inside a group already half seen.
        for (var i = 0; i < 25_000; i++)
            _h.HubSpot.CreateDeal(new Dictionary<string, string?> { ["dealname"] = $"Deal {i}" }, createdAt: Start.AddSeconds(i / 10));
        var before = _h.HubSpot.CreateDeal(new Dictionary<string, string?> { ["dealname"] = "Too old" }, createdAt: Start.AddDays(-1));
        var reports = new List<HubSpotSearchProgress>();

        var deals = new List<HubSpotDealRecord>();
        await foreach (var deal in _h.Api.SearchDealsModifiedSinceAsync(Start, ["dealname"], new SyncProgress(reports.Add)))
            deals.Add(deal);

        Assert.Equal(25_000, deals.Count);
        Assert.Equal(25_000, deals.Select(d => d.Id).Distinct().Count());
        Assert.DoesNotContain(deals, d => d.Id == before);
        Assert.Equal(deals.OrderBy(d => d.LastModifiedUtc).Select(d => d.Id), deals.Select(d => d.Id));
        Assert.Equal("Deal 0", deals[0]["dealname"]);
        Assert.True(reports[^1].Queries >= 3, $"{reports[^1].Queries} queries");
        Assert.Equal(25_000, reports[^1].Fetched);
        var searches = _h.HubSpot.RequestsTo("/objects/deals/search");
        // Paced at 4 a second against HubSpot's 5; on a loaded machine requests can still arrive bunched, and then
        // the rare SECONDLY refusal is waited out and the same page asked again, never skipped.
        var refused = searches.Where(r => r.Status != 200).ToList();
        Assert.All(refused, r => Assert.Contains("SECONDLY", r.ResponseBody));
        Assert.True(refused.Count * 20 <= searches.Count, $"{refused.Count} of {searches.Count} searches refused: the client is not pacing itself");
        Assert.All(refused, r => Assert.Contains(searches, ok => ok.Status == 200 && ok.Body == r.Body));
        Assert.DoesNotContain(searches, r => r.Body.Contains("\"after\":\"10000\""));
    }

    /// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> posts to the thread pool and would race the assertions.</summary>
    private sealed class SyncProgress(Action<HubSpotSearchProgress> report) : IProgress<HubSpotSearchProgress>
    {
        public void Report(HubSpotSearchProgress value) => report(value);
    }
}
