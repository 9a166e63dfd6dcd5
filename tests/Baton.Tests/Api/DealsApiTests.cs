using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Api;

public sealed class DealsApiTests
{
    [Fact]
    public async Task Create_ValidDeal_Returns201WithLocation()
    {
        await using var app = await BatonApp.StartAsync();

        var response = await CreateAsync(app, "D-1", new { why_now = "Board mandate to cut churn below 6% this year." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/deals/D-1", response.Headers.Location?.OriginalString);
        var deal = await GetJsonAsync(app, "/api/deals/D-1");
        var field = deal.GetProperty("deal").GetProperty("fields").EnumerateArray().Single();
        Assert.Equal("why_now", field.GetProperty("key").GetString());
        Assert.Equal("api", field.GetProperty("source").GetString());
        // The admin client created it: the actor is the signed-in user, never a field of the request.
        Assert.Equal(BatonApp.AdminEmail, field.GetProperty("setBy").GetString());
        Assert.Equal(BatonApp.DefaultStart.UtcDateTime, field.GetProperty("setAtUtc").GetDateTime().ToUniversalTime());
        Assert.False(deal.GetProperty("wonStage").GetProperty("passed").GetBoolean());
        Assert.Equal("Discovery", deal.GetProperty("nextStage").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Create_MissingCompanyAndUnknownField_Is400NamingEach()
    {
        await using var app = await BatonApp.StartAsync();

        var response = await app.Http.PostAsJsonAsync("/api/deals", new { id = "D-1", ownerId = Ae, stage = "Qualified", fields = new { colour = "blue" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("company", out _));
        Assert.Contains("'colour' is not a handoff field", errors.GetProperty("colour")[0].GetString());
    }

    [Fact]
    public async Task Create_DuplicateId_Is409NamingId()
    {
        await using var app = await BatonApp.StartAsync();
        (await CreateAsync(app, "D-1")).EnsureSuccessStatusCode();

        var response = await CreateAsync(app, "D-1");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("id", (await ProblemAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task PatchFields_UnknownField_Is400NamingItAndChangesNothing()
    {
        await using var app = await BatonApp.StartAsync();
        (await CreateAsync(app, "D-1")).EnsureSuccessStatusCode();

        var response = await app.Http.PatchAsJsonAsync("/api/deals/D-1/fields", new { why_now = "A real reason with a date in March.", whynow = "typo" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("whynow", out _));
        Assert.Empty((await GetJsonAsync(app, "/api/deals/D-1")).GetProperty("deal").GetProperty("fields").EnumerateArray());
    }

    [Fact]
    public async Task MoveStage_GateRefuses_Is422ListingEachFieldAndChangesNothing()
    {
        await using var app = await BatonApp.StartAsync();
        (await CreateAsync(app, "D-1")).EnsureSuccessStatusCode();
        var fields = GoodFields();
        fields["why_now"] = "tbd";
        fields.Remove("contract_start");
        (await app.Http.PatchAsJsonAsync("/api/deals/D-1/fields", fields)).EnsureSuccessStatusCode();
        var before = (await GetJsonAsync(app, "/api/deals/D-1")).GetProperty("deal").GetRawText();
        var eventsBefore = await app.Db(db => db.Events.MaxAsync(e => e.Id));

        var response = await app.Http.PostAsJsonAsync("/api/deals/D-1/stage", new { stage = "Closed Won" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ProblemAsync(response);
        var blocking = problem.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("reason").GetString());
        Assert.Equal(["contract_start", "why_now"], blocking.Keys.Order());
        Assert.All(blocking.Values, reason => Assert.False(string.IsNullOrEmpty(reason)));
        // Nothing changed: same deal, same fields and provenance, no handoff; the history records only the refusal.
        Assert.Equal(before, (await GetJsonAsync(app, "/api/deals/D-1")).GetProperty("deal").GetRawText());
        var newEvents = await app.Db(db => db.Events.Where(e => e.Id > eventsBefore).Select(e => e.Type).ToListAsync());
        Assert.Equal(["StageRefused"], newEvents);
        Assert.Equal(0, await app.Db(db => db.Handoffs.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("/api/handoffs/D-1")).StatusCode);
    }

    [Fact]
    public async Task MoveStage_FixedFields_ClosesAndStartsRoutedHandoffWithClocks()
    {
        await using var app = await BatonApp.StartAsync();
        (await CreateAsync(app, "D-1")).EnsureSuccessStatusCode();
        var fields = GoodFields();
        fields["why_now"] = "tbd";
        (await app.Http.PatchAsJsonAsync("/api/deals/D-1/fields", fields)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Http.PostAsJsonAsync("/api/deals/D-1/stage", new { stage = "Closed Won" })).StatusCode);

        (await app.Http.PatchAsJsonAsync("/api/deals/D-1/fields", new { why_now = "Their Zendesk contract ends in March and renewal came with a 30% increase." })).EnsureSuccessStatusCode();
        var gate = await GetJsonAsync(app, "/api/deals/D-1/gate?stage=Closed%20Won");
        Assert.True(gate.GetProperty("passed").GetBoolean());
        var moved = await app.Http.PostAsJsonAsync("/api/deals/D-1/stage", new { stage = "Closed Won" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var handoff = await GetJsonAsync(app, "/api/handoffs/D-1");
        Assert.Equal("Routed", handoff.GetProperty("state").GetString());
        Assert.Equal("Cold", handoff.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(handoff.GetProperty("routingExplanation").GetString()));
        Assert.Equal("scaled", handoff.GetProperty("pool").GetString());
        var clocks = handoff.GetProperty("clocks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("first_contact", clocks);
        Assert.Contains("kickoff", clocks);
        var history = handoff.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal("DealCreated", history[0]);
        Assert.Contains("HandoffRouted", history);
        Assert.Equal(JsonValueKind.Object, handoff.GetProperty("history")[0].GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task List_FilterByStage_ReturnsPagedMatches()
    {
        await using var app = await BatonApp.StartAsync();
        (await CreateAsync(app, "D-1")).EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync("/api/deals", new { id = "D-2", company = "Other", ownerId = Ae, amount = 5000, stage = "Demo" })).EnsureSuccessStatusCode();

        var page = await GetJsonAsync(app, "/api/deals?stage=Demo&page=1");

        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal("D-2", page.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Http.GetAsync("/api/deals?page=0")).StatusCode);
    }

    [Fact]
    public async Task Gate_UnknownStage_Is400NamingStage()
    {
        await using var app = await BatonApp.StartAsync();
        (await CreateAsync(app, "D-1")).EnsureSuccessStatusCode();

        var response = await app.Http.GetAsync("/api/deals/D-1/gate?stage=Signed");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("stage", out _));
    }

    [Fact]
    public async Task OpenApi_Document_ListsEveryEndpointWithSummaries()
    {
        await using var app = await BatonApp.StartAsync();

        var doc = await GetJsonAsync(app, "/openapi/v1.json");

        var paths = doc.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/deals", "/api/deals/{id}", "/api/deals/{id}/fields", "/api/deals/{id}/gate", "/api/deals/{id}/stage",
            "/api/handoffs", "/api/handoffs/{dealId}", "/api/handoffs/{dealId}/acknowledge", "/api/handoffs/{dealId}/warm-call",
            "/api/handoffs/{dealId}/accept", "/api/handoffs/{dealId}/reject", "/api/handoffs/{dealId}/resubmit", "/api/handoffs/{dealId}/kickoff",
            "/api/handoffs/{dealId}/kickoff-held", "/api/handoffs/{dealId}/rate", "/api/handoffs/{dealId}/reassign",
            "/api/outbox", "/api/outbox/{id}/retry", "/api/feed", "/api/metrics/handoffs",
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
            foreach (var operation in item.EnumerateObject().Where(o => o.Name is "get" or "post" or "patch"))
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {path} has no summary");
        }
    }
}
