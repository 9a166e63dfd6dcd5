using System.Net;
using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Integrations.Slack;
using Baton.Tests.Delivery;
using Baton.Tests.Doubles.Slack;
using Microsoft.EntityFrameworkCore;

namespace Baton.Tests.Webhooks;

public sealed class SlackWebhooksTests
{
    private static string Dm(string personId) => "D" + SlackHarness.UserId(personId)[1..];

    private static Task<List<InboxRow>> InboxAsync(SlackHarness h) => h.App.Db(db => db.Inbox.AsNoTracking().ToListAsync());

    [Fact]
    public async Task Interactions_SignedRequest_StoredAndAnswered200()
    {
        await using var h = await SlackHarness.StartAsync();

        var response = await h.SendInteractionAsync(SlackHarness.ButtonPayload(HandoffPostBlocks.AcceptActionId, "deal-1", "UANYONE", "trigger-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await InboxAsync(h));
        Assert.Equal("slack", row.Source);
        Assert.Equal(InboxStatus.Pending, row.Status);
        Assert.StartsWith("trigger-1:", row.ExternalId);
        Assert.StartsWith("payload=", row.Body);
    }

    [Fact]
    public async Task Interactions_BadSignature_Is401ProblemJsonAndStoresNothing()
    {
        await using var h = await SlackHarness.StartAsync();

        var response = await h.SendInteractionAsync(SlackHarness.ButtonPayload(HandoffPostBlocks.AcceptActionId, "deal-1", "UANYONE", "trigger-1"), secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await InboxAsync(h));
    }

    [Fact]
    public async Task Interactions_StaleTimestamp_Is401()
    {
        await using var h = await SlackHarness.StartAsync();

        var response = await h.SendInteractionAsync(SlackHarness.ButtonPayload(HandoffPostBlocks.AcceptActionId, "deal-1", "UANYONE", "trigger-1"),
            at: h.App.Time.GetUtcNow().AddMinutes(-6));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("timestamp", body.GetProperty("detail").GetString());
        Assert.Empty(await InboxAsync(h));
    }

    [Fact]
    public async Task Interactions_SameInteractionTwice_StoredOnceAndBothAnswered200()
    {
        await using var h = await SlackHarness.StartAsync();
        var payload = SlackHarness.ButtonPayload(HandoffPostBlocks.AcceptActionId, "deal-1", "UANYONE", "trigger-1");

        var first = await h.SendInteractionAsync(payload);
        var second = await h.SendInteractionAsync(payload);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(await InboxAsync(h));
    }

    [Fact]
    public async Task Events_UrlVerification_AnswersTheChallenge()
    {
        await using var h = await SlackHarness.StartAsync();

        var response = await h.SendSignedAsync("/webhooks/slack/events",
            """{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", body.GetProperty("challenge").GetString());
        Assert.Empty(await InboxAsync(h));
    }

    [Fact]
    public async Task Events_SameEventTwice_StoredOnce()
    {
        await using var h = await SlackHarness.StartAsync();
        const string reaction = """{"type":"event_callback","event_id":"Ev0PV52K21","event":{"type":"reaction_added","user":"U1","reaction":"eyes"}}""";

        await h.SendSignedAsync("/webhooks/slack/events", reaction, "application/json");
        await h.SendSignedAsync("/webhooks/slack/events", reaction, "application/json");
        await h.RunInboxAsync();

        var row = Assert.Single(await InboxAsync(h));
        Assert.Equal("Ev0PV52K21", row.ExternalId);
        Assert.Equal(InboxStatus.Done, row.Status);
    }

    [Fact]
    public async Task Acknowledge_ByTheAssignedCsm_MovesTheHandoffAndUpdatesThePost()
    {
        await using var h = await SlackHarness.StartAsync();
        var handoff = await h.CloseDealAsync();
        await h.App.RunOutboxAsync();
        var csm = SlackHarness.UserId(handoff.CsmId!);

        await h.SendInteractionAsync(SlackHarness.ButtonPayload(HandoffPostBlocks.AcknowledgeActionId, "deal-1", csm, "trigger-ack"));
        await h.RunInboxAsync();
        await h.App.RunOutboxAsync();

        var acknowledged = await h.HandoffAsync("deal-1");
        Assert.Equal("Acknowledged", acknowledged.State);
        Assert.Equal(InboxStatus.Done, Assert.Single(await InboxAsync(h)).Status);
        var card = h.Slack.Messages(SlackDouble.DefaultChannel).Single(m => m.Ts == acknowledged.PostId);
        var blocks = SlackHarness.Text(card.Blocks!);
        Assert.Contains($"Acknowledged by <@{csm}>", blocks);
        Assert.DoesNotContain(HandoffPostBlocks.AcknowledgeActionId, blocks);
        Assert.Single(h.Slack.RequestsTo("chat.update"));
        // A hot handoff asks for a warm-call invite; without SMTP configured it lands in the in-app feed, marked so.
        var invite = (await h.OutboxAsync("deal-1")).Single(o => o.Channel == "invite");
        Assert.Equal((OutboxStatus.Sent, "feed"), (invite.Status, invite.DeliveredTo));
        Assert.Contains("Warm handoff:", invite.Rendered);
        Assert.Contains("calendar invite warm-call.deal-1@baton.handoff", invite.Rendered);
    }

    [Fact]
    public async Task Acknowledge_BySomeoneElse_IsRefusedWithADirectMessageGivingTheReason()
    {
        await using var h = await SlackHarness.StartAsync();
        var handoff = await h.CloseDealAsync();
        await h.App.RunOutboxAsync();
        var other = handoff.CsmId == "omar.haddad" ? "yuki.tanaka" : "omar.haddad";

        await h.SendInteractionAsync(SlackHarness.ButtonPayload(HandoffPostBlocks.AcknowledgeActionId, "deal-1", SlackHarness.UserId(other), "trigger-ack"));
        await h.RunInboxAsync();
        await h.App.RunOutboxAsync();

        Assert.Equal("Posted", (await h.HandoffAsync("deal-1")).State);
        var dm = Assert.Single(h.Slack.Messages(Dm(other)));
        Assert.Contains("was not applied", dm.Text);
        Assert.Contains("not the assigned CSM", dm.Text);
        Assert.Empty(h.Slack.RequestsTo("chat.update"));
    }

    [Fact]
    public async Task Reject_ButtonThenModalSubmission_RejectsAndTellsTheAeWhy()
    {
        await using var h = await SlackHarness.StartAsync();
        var handoff = await h.CloseDealAsync();
        await h.App.RunOutboxAsync();
        var csm = SlackHarness.UserId(handoff.CsmId!);

        var pressed = await h.SendInteractionAsync(SlackHarness.ButtonPayload(HandoffPostBlocks.RejectActionId, "deal-1", csm, h.Slack.IssueTrigger()));
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var modal = Assert.Single(h.Slack.OpenedViews);
        Assert.Equal("deal-1", modal["private_metadata"]!.GetValue<string>());
        Assert.Contains("success_metric", modal.ToJsonString());

        await h.SendInteractionAsync(SlackHarness.RejectSubmission("deal-1", csm, "The success metric is not one the customer agreed to", "success_metric"));
        await h.RunInboxAsync();
        await h.App.RunOutboxAsync();

        var rejected = await h.HandoffAsync("deal-1");
        Assert.Equal("Rejected", rejected.State);
        Assert.Contains("success_metric", rejected.JunkFields);
        var dm = Assert.Single(h.Slack.Messages(Dm("rachel.goldberg")));
        Assert.Contains("The success metric is not one the customer agreed to", dm.Text);
        Assert.Contains("Success metric", dm.Text);
        var card = h.Slack.Messages(SlackDouble.DefaultChannel).Single(m => m.Ts == rejected.PostId);
        Assert.Contains("Rejected by", SlackHarness.Text(card.Blocks!));
    }

    [Fact]
    public async Task Reject_SlackSlowToOpenTheModal_StillAnswers200WithinTheTriggerWindow()
    {
        await using var h = await SlackHarness.StartAsync();
        var handoff = await h.CloseDealAsync();
        await h.App.RunOutboxAsync();
        var csm = SlackHarness.UserId(handoff.CsmId!);
        h.Slack.FailNext(1, new SlackFailure.Hang(), "views.open");

        var pressing = h.SendInteractionAsync(SlackHarness.ButtonPayload(HandoffPostBlocks.RejectActionId, "deal-1", csm, h.Slack.IssueTrigger()));
        await h.Slack.HungCallArrived;
        // Slack's window for the answer is 3 s; Baton's bound on views.open runs out before it.
        h.App.Time.Advance(TimeSpan.FromSeconds(2));
        var pressed = await pressing;

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Empty(h.Slack.OpenedViews);
        Assert.True(await h.App.Db(db => db.Inbox.AnyAsync(i => i.Source == "slack")));
    }
}
