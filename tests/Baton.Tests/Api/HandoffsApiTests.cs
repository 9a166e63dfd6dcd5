using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Tests.Service;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Api;

public sealed class HandoffsApiTests
{
    [Fact]
    public async Task Actions_ColdHandoffEndToEnd_ReachesKickoffHeldWithRating()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");

        Assert.Equal(HttpStatusCode.OK, (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/acknowledge", new { confirmedPromised = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/accept", new { })).StatusCode);
        var kickoffAt = app.Time.GetUtcNow().AddDays(2);
        Assert.Equal(HttpStatusCode.OK, (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/kickoff", new { atUtc = kickoffAt })).StatusCode);
        app.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.OK, (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/kickoff-held", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/rate", new { stars = 4, rediscoveredFields = new[] { "success_metric" } })).StatusCode);

        var handoff = await GetJsonAsync(app, "/api/handoffs/D-1");
        Assert.Equal("KickoffHeld", handoff.GetProperty("state").GetString());
        Assert.Equal(4, handoff.GetProperty("stars").GetInt32());
        Assert.Equal("OnboardingActive", handoff.GetProperty("csStage").GetString());
        Assert.All(handoff.GetProperty("clocks").EnumerateArray().Where(c => c.GetProperty("name").GetString() != "contract_drafted"),
            c => Assert.NotEqual("running", c.GetProperty("outcome").GetString()));
        var history = handoff.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["HandoffAcknowledged", "HandoffAccepted", "HandoffKickoffScheduled", "HandoffKickoffHeld", "HandoffRated"],
            history.Where(t => t is "HandoffAcknowledged" or "HandoffAccepted" or "HandoffKickoffScheduled" or "HandoffKickoffHeld" or "HandoffRated"));
        var metrics = await GetJsonAsync(app, "/api/metrics/handoffs");
        Assert.Equal(4.0, metrics.GetProperty("averageRating").GetDouble());
        Assert.Equal(1.0, metrics.GetProperty("completenessAtClose").GetDouble());
        Assert.Equal("success_metric", metrics.GetProperty("rediscoveryRate")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Acknowledge_NotTheAssignedCsm_Is403NamingWhoItIsAssignedTo()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");
        var other = csm == "yuki.tanaka" ? "tom.becker" : "yuki.tanaka";

        var response = await app.As(other).PostAsJsonAsync("/api/handoffs/D-1/acknowledge", new { confirmedPromised = true });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Contains($"assigned to {csm}", problem.GetProperty("detail").GetString());
        // Naming someone else in the body is refused outright: the actor is whoever signed in.
        var named = await app.As(other).PostAsJsonAsync("/api/handoffs/D-1/acknowledge", new { csmId = csm, confirmedPromised = true });
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        Assert.Contains("signed in", (await ProblemAsync(named)).GetProperty("errors").GetProperty("csmId")[0].GetString());
        Assert.Equal("Posted", (await GetJsonAsync(app, "/api/handoffs/D-1")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Accept_BeforeAcknowledge_Is409()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");

        var response = await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/accept", new { });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("not allowed while Posted", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Acknowledge_WithoutConfirmingPromised_Is400NamingTheField()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");

        var response = await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/acknowledge", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("confirmedPromised", out _));
    }

    [Fact]
    public async Task Reject_UnknownJunkField_Is400NamingJunkFields()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");

        var response = await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/reject", new { reasons = new[] { "vague" }, junkFields = new[] { "succes_metric" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'succes_metric' is not a handoff field", (await ProblemAsync(response)).GetProperty("errors").GetProperty("junkFields")[0].GetString());
    }

    [Fact]
    public async Task Resubmit_GateStillFails_Is422ThenPassesOnceFixed()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");
        var rejected = await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/reject",
            new { reasons = new[] { "The risks do not say who opposed the purchase." }, junkFields = new[] { "risks" } });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(30)); // a restarted clock run is a new (name, start instant)
        // Filler cannot be written over a field the closed deal requires; the resubmit's gate is the last line.
        var filler = await app.Http.PatchAsJsonAsync("/api/deals/D-1/fields", new { risks = "n/a" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, filler.StatusCode);
        Assert.Equal("risks", (await ProblemAsync(filler)).GetProperty("fields")[0].GetProperty("field").GetString());
        await app.Db(async db =>
        {
            var risks = await db.FieldValues.SingleAsync(f => f.DealId == "D-1" && f.Key == "risks");
            risks.Value = "n/a"; // as an older Baton, or a backfill, could have left it
            return await db.SaveChangesAsync();
        });

        var refused = await app.As(Ae).PostAsJsonAsync("/api/handoffs/D-1/resubmit", new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("risks", (await ProblemAsync(refused)).GetProperty("fields")[0].GetProperty("field").GetString());
        Assert.Equal("Rejected", (await GetJsonAsync(app, "/api/handoffs/D-1")).GetProperty("state").GetString());

        (await app.Http.PatchAsJsonAsync("/api/deals/D-1/fields", new { risks = "The IT lead opposed the purchase and owns the SSO rollout." })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await app.As(Ae).PostAsJsonAsync("/api/handoffs/D-1/resubmit", new { })).StatusCode);
        var handoff = await GetJsonAsync(app, "/api/handoffs/D-1");
        Assert.Equal("Posted", handoff.GetProperty("state").GetString());
        Assert.Equal(2, handoff.GetProperty("round").GetInt32());
        Assert.Equal(["risks"], handoff.GetProperty("lastJunkFields").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Rate_StarsOutOfRange_Is400NamingStars()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");

        var response = await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/rate", new { stars = 6 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("stars", out _));
    }

    [Fact]
    public async Task Rate_WrongTypeOrMalformedBody_Is400NamingTheFieldWithoutStackTrace()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");

        var wrongType = await app.As(csm).PostAsync("/api/handoffs/D-1/rate", new StringContent("""{"stars":"five"}""", System.Text.Encoding.UTF8, "application/json"));
        var malformed = await app.As(csm).PostAsync("/api/handoffs/D-1/rate", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("'stars' has the wrong type", (await ProblemAsync(wrongType)).GetProperty("errors").GetProperty("stars")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await ProblemAsync(malformed)).GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Reassign_ToAnotherCsm_NewCsmMustAcknowledge()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");
        var other = csm == "yuki.tanaka" ? "tom.becker" : "yuki.tanaka";

        app.Time.Advance(TimeSpan.FromMinutes(30)); // a restarted clock run is a new (name, start instant)
        var unknown = await app.As("maria.lopez").PostAsJsonAsync("/api/handoffs/D-1/reassign", new { csmId = "rachel.goldberg" });
        var moved = await app.As("maria.lopez").PostAsJsonAsync("/api/handoffs/D-1/reassign", new { csmId = other });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await ProblemAsync(unknown)).GetProperty("errors").TryGetProperty("csmId", out _));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(other, (await GetJsonAsync(app, "/api/handoffs/D-1")).GetProperty("csmId").GetString());
        // The handoff is no longer theirs: the old CSM is refused before the domain is asked.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/acknowledge", new { confirmedPromised = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.As(other).PostAsJsonAsync("/api/handoffs/D-1/acknowledge", new { confirmedPromised = true })).StatusCode);
    }

    [Fact]
    public async Task Acknowledge_UnknownDeal_Is404()
    {
        await using var app = await BatonApp.StartAsync();

        var response = await app.As("yuki.tanaka").PostAsJsonAsync("/api/handoffs/nope/acknowledge", new { confirmedPromised = true });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("dealId", (await ProblemAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Clocks_AcknowledgeMissed_ShowsMissWithEscalationAndInMetrics()
    {
        await using var app = await BatonApp.StartAsync();
        await PostedHandoffAsync(app, "D-1");

        app.Time.Advance(TimeSpan.FromDays(2));
        await app.RunClocksAsync();

        var handoff = await GetJsonAsync(app, "/api/handoffs/D-1");
        var ack = handoff.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "acknowledge");
        Assert.Equal("missed", ack.GetProperty("outcome").GetString());
        Assert.Equal("cs_lead", ack.GetProperty("escalatedTo").GetString());
        var rate = (await GetJsonAsync(app, "/api/metrics/handoffs")).GetProperty("onTime").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == "acknowledge");
        Assert.Equal(1, rate.GetProperty("missed").GetInt32());
        Assert.Equal(0.0, rate.GetProperty("onTimeRate").GetDouble());
    }

    [Fact]
    public async Task Clocks_StaleRunComesDue_IsSettledNotCountedMissedAndNobodyIsTold()
    {
        await using var app = await BatonApp.StartAsync();
        await PostedHandoffAsync(app, "D-1");
        // A run the handoff no longer holds (it was restarted since), still in the clock table and past its deadline.
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.Db(async db =>
        {
            db.Clocks.Add(new Baton.Core.Data.ClockRow
            {
                DealId = "D-1", Name = "acknowledge", StartedAtUtc = now.AddDays(-3), DueAtUtc = now.AddDays(-2), Status = Baton.Core.Data.ClockStatus.Running,
            });
            return await db.SaveChangesAsync();
        });

        await app.RunClocksAsync();
        await app.RunOutboxAsync();

        var handoff = await GetJsonAsync(app, "/api/handoffs/D-1");
        var stale = handoff.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "acknowledge" && c.GetProperty("outcome").GetString() != "running");
        Assert.Equal("settled", stale.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, stale.GetProperty("escalatedTo").ValueKind);
        var rate = (await GetJsonAsync(app, "/api/metrics/handoffs")).GetProperty("onTime").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == "acknowledge");
        Assert.Equal(0, rate.GetProperty("missed").GetInt32());
        Assert.Equal(0, await app.Db(db => db.Outbox.CountAsync(o => o.DealId == "D-1" && o.Kind == "escalation")));
    }

    [Fact]
    public async Task KickoffHeld_BeforeItsScheduledTime_Is409SayingWhenAndTheClockKeepsRunning()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");
        (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/acknowledge", new { confirmedPromised = true })).EnsureSuccessStatusCode();
        (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/accept", new { })).EnsureSuccessStatusCode();
        (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/kickoff", new { atUtc = app.Time.GetUtcNow().AddDays(2) })).EnsureSuccessStatusCode();

        var early = await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/kickoff-held", new { });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("scheduled for", (await ProblemAsync(early)).GetProperty("detail").GetString());
        var handoff = await GetJsonAsync(app, "/api/handoffs/D-1");
        Assert.Equal("KickoffScheduled", handoff.GetProperty("state").GetString());
        Assert.Contains(handoff.GetProperty("clocks").EnumerateArray(), c => c.GetProperty("name").GetString() == "kickoff" && c.GetProperty("outcome").GetString() == "running");
    }

    [Fact]
    public async Task List_FilterByState_ReturnsMatches()
    {
        await using var app = await BatonApp.StartAsync();
        await PostedHandoffAsync(app, "D-1");

        var posted = await GetJsonAsync(app, "/api/handoffs?state=Posted");
        var bad = await app.Http.GetAsync("/api/handoffs?state=Lost");

        Assert.Equal("D-1", posted[0].GetProperty("dealId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await ProblemAsync(bad)).GetProperty("errors").TryGetProperty("state", out _));
    }
}
