using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Core.Integrations.Slack;
using Baton.Tests.Audit;
using Baton.Tests.Delivery;
using Baton.Tests.Doubles.Slack;

namespace Baton.Tests.Walk;

/// <summary>
/// One deal from Discovery to kickoff held over simulated business weeks, through the API, the Slack double and
/// the pumps: the story a RevOps lead would tell, and the event history must tell it too.
/// </summary>
public sealed class HandoffWalkTests
{
    private const string Deal = "walk-1";
    private static readonly Dictionary<string, string> Good = ExportBuilder.GoodDeal();

    private static Dictionary<string, string?> Fields(params string[] keys) => keys.ToDictionary(k => k, k => (string?)Good[k]);

    [Fact]
    public async Task Walk_DiscoveryToKickoffHeld_TheHistoryTellsTheWholeStory()
    {
        await using var h = await SlackHarness.StartAsync();
        var api = h.App.As("rachel.goldberg");

        // Discovery: what the AE knows by then.
        (await api.PostAsJsonAsync("/api/deals", new
        {
            id = Deal, company = "Northwind Analytics", name = "Northwind Analytics - Core", ownerId = "rachel.goldberg", amount = 48000, stage = "Qualified",
            fields = Fields("executive_sponsor", "champion", "why_now"),
        })).EnsureSuccessStatusCode();
        await Move("Discovery", HttpStatusCode.OK);

        // Demo refuses until the Demo fields are there, and says which.
        var refusedDemo = await Move("Demo", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("success_metric", FieldsIn(refusedDemo));
        await Patch(Fields("success_metric", "decision_criteria", "tech_environment", "tools_replaced"));
        await Move("Demo", HttpStatusCode.OK);
        await Patch(Fields("competitors", "seats", "products", "arr"));
        await Move("Proposal", HttpStatusCode.OK);
        await Patch(Fields("why_we_won", "promised", "nonstandard_terms", "risks", "champion_politically_exposed"));
        await Move("Contract Sent", HttpStatusCode.OK);

        // "What was promised" is required from Contract Sent: filler there now is refused as the move would refuse it.
        var refusedEdit = await api.PatchAsJsonAsync($"/api/deals/{Deal}/fields", new Dictionary<string, string?> { ["promised"] = "see notes" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedEdit.StatusCode);
        var editProblem = JsonDocument.Parse(await refusedEdit.Content.ReadAsStringAsync()).RootElement.GetProperty("fields").EnumerateArray().Single();
        Assert.Equal(("promised", "filler"), (editProblem.GetProperty("field").GetString(), editProblem.GetProperty("verdict").GetString()));

        // A close with a field still missing is refused, field by field, and nothing changes.
        await Patch(new() { ["contract_start"] = Good["contract_start"] });
        var refusedClose = await Move("Closed Won", HttpStatusCode.UnprocessableEntity);
        var problem = refusedClose.GetProperty("fields").EnumerateArray().Single();
        Assert.Equal(("renewal_date", "missing"), (problem.GetProperty("field").GetString(), problem.GetProperty("verdict").GetString()));
        var unchanged = (await Get($"/api/deals/{Deal}")).GetProperty("deal");
        Assert.Equal("Contract Sent", unchanged.GetProperty("stage").GetString());
        Assert.Contains(unchanged.GetProperty("fields").EnumerateArray(), f => f.GetProperty("key").GetString() == "promised" && f.GetProperty("value").GetString() == Good["promised"]);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/handoffs/{Deal}")).StatusCode);
        // The AE hears it by DM, with each field; the same refusal again sends nothing new.
        await h.App.DrainOutboxAsync();
        int RefusalDms() => h.Slack.RequestsTo("chat.postMessage").Count(r => r.Error is null && r.Body.Contains("cannot move to Closed Won"));
        Assert.Equal(1, RefusalDms());
        Assert.Contains(h.Slack.RequestsTo("chat.postMessage"), r => r.Body.Contains("Renewal date"));
        await Move("Closed Won", HttpStatusCode.UnprocessableEntity);
        await h.App.RunOutboxAsync();
        Assert.Equal(1, RefusalDms());

        // The fix, the close, the route.
        await Patch(new() { ["renewal_date"] = Good["renewal_date"] });
        await Move("Closed Won", HttpStatusCode.OK);
        var routed = await Get($"/api/handoffs/{Deal}");
        Assert.Equal("Routed", routed.GetProperty("state").GetString());
        var csm = routed.GetProperty("csmId").GetString()!;
        Assert.Contains(csm, new[] { "lena.ortiz", "tom.becker" });
        Assert.Contains("growth", routed.GetProperty("routingExplanation").GetString());

        // The post reaches Slack with the CSM's mention and the buttons; the acknowledge clock starts.
        await h.App.RunOutboxAsync();
        var card = h.Slack.Messages(SlackDouble.DefaultChannel).Single(m => m.ThreadTs is null);
        var blocks = SlackHarness.Text(card.Blocks!);
        Assert.Contains($"<@{SlackHarness.UserId(csm)}>", blocks);
        Assert.Contains(HandoffPostBlocks.AcknowledgeActionId, blocks);
        // Accept comes once the CSM has acknowledged (and, on a hot deal, held the warm call): before that it would be refused.
        Assert.DoesNotContain(HandoffPostBlocks.AcceptActionId, blocks);
        Assert.Contains(HandoffPostBlocks.RejectActionId, blocks);
        Assert.Equal("Posted", (await Get($"/api/handoffs/{Deal}")).GetProperty("state").GetString());

        // The CSM confirms, by the button, that they read what was promised.
        (await h.SendInteractionAsync(SlackHarness.ButtonPayload(HandoffPostBlocks.AcknowledgeActionId, Deal, SlackHarness.UserId(csm), h.Slack.IssueTrigger()))).EnsureSuccessStatusCode();
        await h.RunInboxAsync();
        await h.App.RunOutboxAsync();
        Assert.Equal("Acknowledged", (await Get($"/api/handoffs/{Deal}")).GetProperty("state").GetString());

        // Nobody holds the warm call: four business days later its clock has run out and escalates to the CS lead, once.
        h.App.Time.Advance(TimeSpan.FromDays(6));
        await h.App.RunClocksAsync();
        await h.App.DrainOutboxAsync();
        await h.App.RunClocksAsync();
        await h.App.DrainOutboxAsync();
        var afterMiss = await Get($"/api/handoffs/{Deal}");
        var warmCall = afterMiss.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "warm_call");
        Assert.Equal(("missed", "cs_lead"), (warmCall.GetProperty("outcome").GetString(), warmCall.GetProperty("escalatedTo").GetString()));
        Assert.Single(afterMiss.GetProperty("history").EnumerateArray(), e => e.GetProperty("type").GetString() == "ClockMissed"
            && e.GetProperty("data").GetProperty("clock").GetString() == "warm_call");
        var leadDms = h.Slack.RequestsTo("chat.postMessage").Count(r => r.Status == 200 && r.Error is null
            && r.Body.Contains("warm", StringComparison.OrdinalIgnoreCase) && r.Args["channel"]?.GetValue<string>() != SlackDouble.DefaultChannel);
        Assert.Equal(1, leadDms);

        // The warm call, acceptance by the button, the kickoff.
        await Post($"/api/handoffs/{Deal}/warm-call", new { }, HttpStatusCode.OK, csm);
        (await h.SendInteractionAsync(SlackHarness.ButtonPayload(HandoffPostBlocks.AcceptActionId, Deal, SlackHarness.UserId(csm), h.Slack.IssueTrigger(), "1764514900.000200"))).EnsureSuccessStatusCode();
        await h.RunInboxAsync();
        await h.App.RunOutboxAsync();
        Assert.Equal("Accepted", (await Get($"/api/handoffs/{Deal}")).GetProperty("state").GetString());
        await Post($"/api/handoffs/{Deal}/kickoff", new { atUtc = h.App.Time.GetUtcNow().AddDays(2) }, HttpStatusCode.OK, csm);
        h.App.Time.Advance(TimeSpan.FromDays(2));
        await Post($"/api/handoffs/{Deal}/kickoff-held", new { }, HttpStatusCode.OK, csm);
        await h.App.RunOutboxAsync();

        var done = await Get($"/api/handoffs/{Deal}");
        Assert.Equal("KickoffHeld", done.GetProperty("state").GetString());
        var story = done.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Where(t => t!.StartsWith("Handoff", StringComparison.Ordinal) || t == "ClockMissed").ToList();
        var expected = new[] { "HandoffStarted", "HandoffRouted", "HandoffPosted", "HandoffAcknowledged", "ClockMissed", "HandoffWarmCallHeld", "HandoffAccepted", "HandoffKickoffScheduled", "HandoffKickoffHeld" };
        // In order of first occurrence (more than one clock may be missed while nobody calls).
        Assert.Equal(expected, story.Distinct());
        // The card in the channel shows where the handoff is now.
        Assert.True(h.Slack.RequestsTo("chat.update").Count >= 2);

        async Task<JsonElement> Move(string stage, HttpStatusCode expectedStatus)
        {
            var response = await api.PostAsJsonAsync($"/api/deals/{Deal}/stage", new { stage });
            Assert.True(expectedStatus == response.StatusCode, $"{stage}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        async Task Patch(Dictionary<string, string?> fields) =>
            (await api.PatchAsJsonAsync($"/api/deals/{Deal}/fields", fields)).EnsureSuccessStatusCode();

        async Task<JsonElement> Get(string path) => JsonDocument.Parse(await api.GetStringAsync(path)).RootElement;

        async Task Post(string path, object body, HttpStatusCode expectedStatus, string? person = null)
        {
            var response = await (person is null ? api : h.App.As(person)).PostAsJsonAsync(path, body);
            Assert.True(expectedStatus == response.StatusCode, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        static IEnumerable<string> FieldsIn(JsonElement problem) =>
            problem.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()!);
    }
}
