using System.Net;
using System.Net.Http.Json;
using Baton.Core.Dashboard;
using Baton.Tests.Service;
using Microsoft.Extensions.DependencyInjection;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Dashboard;

/// <summary>The read model follows the event log deal by deal, and the CSVs are safe to open in a spreadsheet.</summary>
public sealed class DashboardReadModelTests
{
    private const string Period = "?from=2026-11&to=2026-12";

    private static async Task<int> CatchUpAsync(BatonApp app)
    {
        using var scope = app.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardProjection>().CatchUpAsync(CancellationToken.None);
    }

    [Fact]
    public async Task CatchUp_AfterOneHandoffMoves_RebuildsOnlyThatDeal_AndTheFigureFollows()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");
        await PostedHandoffAsync(app, "D-2");
        Assert.Equal(2, await CatchUpAsync(app));
        Assert.Equal(0, await CatchUpAsync(app));

        (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/acknowledge", new { confirmedPromised = true })).EnsureSuccessStatusCode();

        // On PostgreSQL the last events below the cursor are read again, since ids from a sequence can commit out of
        // order: D-2's recent events fall in that window and it is rebuilt too. SQLite has one writer and no window.
        var postgres = await app.Db(db => Task.FromResult(db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal)));
        Assert.Equal(postgres ? 2 : 1, await CatchUpAsync(app));
        Assert.Equal(0, await CatchUpAsync(app));
        var clocks = Csv.Parse(await app.Http.GetStringAsync("/dashboard/clocks.csv" + Period));
        var acknowledge = clocks.Single(r => r[0] == "acknowledge");
        Assert.Equal(("1", "0", "1"), (acknowledge[1], acknowledge[2], acknowledge[3]));
    }

    [Fact]
    public async Task Csv_AccountThatLooksLikeAFormula_IsQuotedAndDefused()
    {
        await using var app = await BatonApp.StartAsync();
        (await app.Http.PostAsJsonAsync("/api/deals", new { id = "D-1", company = "=HYPERLINK(\"x\"), Inc", ownerId = Ae, amount = 12000, stage = "Qualified", fields = GoodFields() }))
            .EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync("/api/deals/D-1/stage", new { stage = "Closed Won" })).EnsureSuccessStatusCode();

        var response = await app.Http.GetAsync("/dashboard/missing-fields.csv" + Period);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("baton-missing-fields-2026-11-to-2026-12.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\"), Inc\"", text);
        var rows = Csv.Parse(text);
        Assert.Equal("'=HYPERLINK(\"x\"), Inc", rows.Single(r => r[0] == "D-1")[1]);
    }

    [Fact]
    public async Task Csv_UnknownFigure_Is404_AndTheHoldbackIsKeptFromAes()
    {
        await using var app = await BatonApp.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("/dashboard/nope.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As(Ae).GetAsync("/dashboard/holdback-deals.csv")).StatusCode);
        Assert.DoesNotContain("id=\"holdback\"", await app.As(Ae).GetStringAsync("/dashboard"));
        Assert.Contains("id=\"holdback\"", await app.As("maria.lopez").GetStringAsync("/dashboard"));
    }
}
