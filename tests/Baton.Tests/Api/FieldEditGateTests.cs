using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Tests.Pages;
using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Api;

/// <summary>
/// After a stage is passed, its fields stay good: an edit to a field the deal's stage already requires meets the same
/// rules and reasons as the stage move, from the API and the form.
/// </summary>
public sealed class FieldEditGateTests
{
    private static async Task<HttpResponseMessage> PatchAsync(BatonApp app, string id, object fields) =>
        await app.As(Ae).PatchAsJsonAsync($"/api/deals/{id}/fields", fields);

    private static async Task<string?> StoredAsync(BatonApp app, string id, string key) =>
        await app.Db(db => db.FieldValues.Where(f => f.DealId == id && f.Key == key).Select(f => f.Value).SingleOrDefaultAsync());

    [Fact]
    public async Task AfterClose_FillerInWhatWasPromised_IsRefusedWithTheGatesReasonAndNothingChanges()
    {
        await using var app = await BatonApp.StartAsync();
        await PostedHandoffAsync(app, "D-1");
        var before = await app.Db(db => db.Events.CountAsync(e => e.DealId == "D-1"));

        var response = await PatchAsync(app, "D-1", new { promised = "n/a", why_now = "The board wants response times halved by the Q3 review." });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Contains("Closed Won", problem.GetProperty("title").GetString());
        var field = problem.GetProperty("fields").EnumerateArray().Single();
        Assert.Equal("promised", field.GetProperty("field").GetString());
        Assert.Equal("filler", field.GetProperty("verdict").GetString());
        Assert.False(string.IsNullOrWhiteSpace(field.GetProperty("reason").GetString()));
        // All or nothing: the good value sent with the filler is not saved either, and nothing is recorded.
        Assert.Equal("Nothing beyond the contract.", await StoredAsync(app, "D-1", "promised"));
        Assert.Equal((string)GoodFields()["why_now"]!, await StoredAsync(app, "D-1", "why_now"));
        Assert.Equal(before, await app.Db(db => db.Events.CountAsync(e => e.DealId == "D-1")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AfterClose_BlankingAHardField_IsRefusedAsMissing(string blank)
    {
        await using var app = await BatonApp.StartAsync();
        await PostedHandoffAsync(app, "D-1");

        var response = await PatchAsync(app, "D-1", new Dictionary<string, string> { ["executive_sponsor"] = blank });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var field = (await ProblemAsync(response)).GetProperty("fields").EnumerateArray().Single();
        Assert.Equal(("executive_sponsor", "missing"), (field.GetProperty("field").GetString(), field.GetProperty("verdict").GetString()));
        Assert.NotNull(await StoredAsync(app, "D-1", "executive_sponsor"));
    }

    [Fact]
    public async Task AfterClose_ABetterAnswerIsSaved_AndASoftFieldsFillerOnlyWarns()
    {
        await using var app = await BatonApp.StartAsync();
        await PostedHandoffAsync(app, "D-1");
        const string promised = "A named onboarding engineer for the first 60 days, at no extra cost.";

        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(app, "D-1", new { promised })).StatusCode);
        // tools_replaced is soft in every segment: filler there does not block, the gate only warns about it.
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(app, "D-1", new { tools_replaced = "tbd" })).StatusCode);

        Assert.Equal(promised, await StoredAsync(app, "D-1", "promised"));
        Assert.Equal("tbd", await StoredAsync(app, "D-1", "tools_replaced"));
        var gate = await GetJsonAsync(app, "/api/deals/D-1/gate?stage=Closed%20Won");
        Assert.Contains(gate.GetProperty("warnings").EnumerateArray(), w => (w.GetProperty("field").GetString(), w.GetProperty("verdict").GetString()) == ("tools_replaced", "filler"));
    }

    [Fact]
    public async Task BeforeTheirStage_FieldsAreFreeToDraft_ButThoseTheStageRequiresAreJudged()
    {
        await using var app = await BatonApp.StartAsync();
        (await app.Http.PostAsJsonAsync("/api/deals", new { id = "D-2", company = "D-2 Corp", ownerId = Ae, amount = 12000, stage = "Qualified" })).EnsureSuccessStatusCode();
        (await app.Http.PatchAsJsonAsync("/api/deals/D-2/fields", new { why_now = "Their support backlog doubled after the spring launch.", executive_sponsor = "Elena Novak, CFO <elena.novak@lakeshore.example>", champion = "Owen Murphy <owen.murphy@lakeshore.example>" }))
            .EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync("/api/deals/D-2/stage", new { stage = "Discovery" })).EnsureSuccessStatusCode();

        // "Risks" is asked for from Contract Sent: a placeholder while at Discovery is a draft, not a refusal.
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(app, "D-2", new { risks = "tbd" })).StatusCode);
        // "Why now" is required from Discovery: the same placeholder is refused.
        var refused = await PatchAsync(app, "D-2", new { why_now = "tbd" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("why_now", (await ProblemAsync(refused)).GetProperty("fields")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task TheForm_RefusesFillerOnAClosedDeal_KeepsWhatWasTypedAndNamesTheField()
    {
        await using var app = await BatonApp.StartAsync();
        await PostedHandoffAsync(app, "D-1");
        using var ae = PageClient.As(app, Ae);

        var response = await ae.PostFormAsync("/deals/D-1", "/deals/D-1", [new("fields[promised]", "see notes")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was saved", html);
        Assert.Contains("see notes", html);
        Assert.Equal("Nothing beyond the contract.", await StoredAsync(app, "D-1", "promised"));
    }
}
