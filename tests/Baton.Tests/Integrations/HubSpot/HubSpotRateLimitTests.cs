using System.Diagnostics;
using Baton.Core.Integrations.HubSpot;
using HubSpotFailure = Baton.Tests.Doubles.HubSpot.HubSpotFailure;

namespace Baton.Tests.Integrations.HubSpot;

/// <summary>HubSpot's 10-second window is real time in the double too, so these tests take ten seconds or so each.</summary>
public sealed class HubSpotRateLimitTests : IAsyncLifetime
{
    private HubSpotHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await HubSpotHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task CreateNoteAsync_TenSecondLimitHit_WaitsForTheWindowAndCreatesOnce()
    {
        var deal = _h.HubSpot.CreateDeal(new Dictionary<string, string?> { ["dealname"] = "Northwind rollout" });
        _h.HubSpot.FailNext(1, new HubSpotFailure.RateLimited(), "/objects/notes");
        var clock = Stopwatch.StartNew();

        var result = await _h.Api.CreateNoteAsync(deal, "<p>Handoff received</p>", new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));

        Assert.IsType<HubSpotResult<HubSpotRecord>.Ok>(result);
        Assert.Equal([429, 201], _h.HubSpot.RequestsTo("/objects/notes").Select(r => r.Status));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25));
        Assert.Single(_h.HubSpot.Objects("notes"));
    }

    [Fact]
    public async Task ListDealPipelinesAsync_FewRequestsLeftInTheWindow_PausesInsteadOfBeingRefused()
    {
        _h.HubSpot.RateLimitMax = 15;
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 20; i++)
            Assert.IsType<HubSpotResult<IReadOnlyList<HubSpotPipeline>>.Ok>(await _h.Api.ListDealPipelinesAsync());

        Assert.DoesNotContain(_h.HubSpot.Requests, r => r.Status == 429);
        // It waited for the window to roll on (no upper bound: a loaded machine only makes it slower).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(9.5), $"{clock.Elapsed} elapsed: the client did not pause");
    }
}
