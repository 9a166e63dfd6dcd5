using Baton.Core.Data;
using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Tests.Delivery;

public sealed class SlackDeliveryTests
{
    private static SlackStoredMessage[] Cards(SlackHarness h) =>
        [.. h.Slack.Messages(SlackDouble.DefaultChannel).Where(m => m.ThreadTs is null)];

    [Fact]
    public async Task Deliver_ClosedDeal_PostsCardWithMentionAndButtonsAndStartsAcknowledgeClock()
    {
        await using var h = await SlackHarness.StartAsync();
        var routed = await h.CloseDealAsync();
        Assert.Equal("Routed", routed.State);

        await h.App.RunOutboxAsync();

        var card = Assert.Single(Cards(h));
        var blocks = SlackHarness.Text(card.Blocks!);
        Assert.Contains($"<@{SlackHarness.UserId(routed.CsmId!)}>", blocks);
        Assert.Contains(HandoffPostBlocks.AcknowledgeActionId, blocks);
        Assert.Contains("I have read what was promised", blocks);
        Assert.Contains(HandoffPostBlocks.RejectActionId, blocks);
        Assert.Contains("Northwind Analytics", card.Text);
        var post = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(post.Id.ToString(), card.Metadata!["event_payload"]![SlackMessageMetadata.OutboxMessageIdKey]!.GetValue<string>());

        var posted = await h.HandoffAsync("deal-1");
        Assert.Equal("Posted", posted.State);
        Assert.Equal(SlackDouble.DefaultChannel, posted.Channel);
        Assert.Equal(card.Ts, posted.PostId);
        var acknowledge = await h.App.Db(db => db.Clocks.SingleAsync(c => c.DealId == "deal-1" && c.Name == "acknowledge"));
        Assert.Equal(ClockStatus.Running, acknowledge.Status);
        Assert.True(acknowledge.DueAtUtc > h.App.Time.GetUtcNow().UtcDateTime);

        // Posting asks for a direct message to the CSM, delivered on the next round.
        await h.App.RunOutboxAsync();
        var dm = Assert.Single(h.Slack.Messages("D" + SlackHarness.UserId(routed.CsmId!)[1..]));
        Assert.Contains("Northwind Analytics", dm.Text);
        Assert.Contains("I have read what was promised", dm.Text);
    }

    [Fact]
    public async Task Deliver_RateLimitedWithRetryAfter7_RetriesExactly7SecondsLaterThenPosts()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Slack.FailNext(1, new SlackFailure.RateLimited(7), "chat.postMessage");
        await h.CloseDealAsync();
        var start = h.App.Time.GetUtcNow().UtcDateTime;

        await h.App.RunOutboxAsync();

        var waiting = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        // A 429 is not an attempt: Slack did nothing with the call.
        Assert.Equal(0, waiting.Attempts);
        Assert.Equal(start.AddSeconds(7), waiting.NextAttemptAtUtc);
        Assert.Contains("rate limited", waiting.LastError);

        h.App.Time.Advance(TimeSpan.FromSeconds(6));
        await h.App.RunOutboxAsync();
        Assert.Equal(OutboxStatus.Pending, (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post").Status);
        Assert.Single(h.Slack.RequestsTo("chat.postMessage"), r => r.Body.Contains($"\"channel\":\"{SlackDouble.DefaultChannel}\"", StringComparison.Ordinal));

        h.App.Time.Advance(TimeSpan.FromSeconds(1));
        await h.App.RunOutboxAsync();
        var sent = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);
        Assert.Single(Cards(h));
        Assert.Equal("Posted", (await h.HandoffAsync("deal-1")).State);
    }

    [Fact]
    public async Task Deliver_RateLimitedLongerThanEveryAttempt_NeverParksTheCard()
    {
        await using var h = await SlackHarness.StartAsync(settings: new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "3" });
        h.Slack.FailNext(10, new SlackFailure.RateLimited(30), "chat.postMessage");
        await h.CloseDealAsync();

        for (var i = 0; i < 11; i++)
        {
            await h.App.RunOutboxAsync();
            h.App.Time.Advance(TimeSpan.FromSeconds(30));
        }

        var sent = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);
        Assert.Single(Cards(h));
        Assert.Equal("Posted", (await h.HandoffAsync("deal-1")).State);
    }

    [Fact]
    public async Task Deliver_SixtyClosesAtOnce_PacesCardsToOneASecondAndParksNone()
    {
        await using var h = await SlackHarness.StartAsync();
        for (var i = 1; i <= 60; i++) await h.CloseDealAsync($"deal-{i}", company: $"Customer {i}");

        for (var second = 0; second < 180; second++)
        {
            await h.App.RunOutboxAsync();
            h.App.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var rows = await h.App.Db(db => db.Outbox.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(rows, o => o.Status == OutboxStatus.Parked);
        Assert.Equal(60, Cards(h).Length);
        // Baton held its posts back instead of letting Slack refuse them.
        Assert.DoesNotContain(h.Slack.Requests, r => r.Status == 429);
        var posted = await h.App.Db(db => db.Handoffs.AsNoTracking().CountAsync(x => x.State == "Posted"));
        Assert.Equal(60, posted);
        // In the order the deals closed: the channel reads like the close log.
        Assert.Equal([.. Enumerable.Range(1, 60).Select(i => $"Customer {i}")],
            Cards(h).Select(c => Enumerable.Range(1, 60).Select(i => $"Customer {i}").Last(name => c.Text.Contains(name, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Deliver_ServerErrorsUntilTheCap_ParksTheRowWithTheReason()
    {
        await using var h = await SlackHarness.StartAsync(settings: new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "3" });
        h.Slack.FailNext(10, new SlackFailure.ServerError(500), "chat.postMessage");
        await h.CloseDealAsync();

        for (var i = 0; i < 3; i++)
        {
            await h.App.RunOutboxAsync();
            h.App.Time.Advance(TimeSpan.FromMinutes(15));
        }

        var parked = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(OutboxStatus.Parked, parked.Status);
        Assert.Equal(3, parked.Attempts);
        Assert.Contains("HTTP 500", parked.LastError);
        Assert.Empty(Cards(h));
        Assert.Equal("Routed", (await h.HandoffAsync("deal-1")).State);
    }

    [Fact]
    public async Task Retry_RowParkedAfterA5xxSlackInFactAccepted_DoesNotPostTwice()
    {
        await using var h = await SlackHarness.StartAsync(settings: new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "1" });
        // Slack posts the card, and its answer is lost: the row parks at the cap although the card is in the channel.
        h.Slack.FailNext(1, new SlackFailure.LostAnswer(500), "chat.postMessage");
        await h.CloseDealAsync();
        await h.App.RunOutboxAsync();
        var parked = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(OutboxStatus.Parked, parked.Status);
        var card = Assert.Single(Cards(h));

        var retried = await h.App.Http.PostAsync($"/api/outbox/{parked.Id}/retry", null);
        await h.App.RunOutboxAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, retried.StatusCode);
        Assert.Single(Cards(h));
        var sent = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(card.Ts, sent.ExternalId);
        Assert.Equal(card.Ts, (await h.HandoffAsync("deal-1")).PostId);
    }

    [Fact]
    public async Task Deliver_ProcessDiedMidDelivery_RowIsTakenUpAgainWithinSecondsNotMinutes()
    {
        await using var h = await SlackHarness.StartAsync();
        await h.CloseDealAsync();
        var post = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        // What a claim writes, left behind by a process killed before it marked the row.
        var lease = h.App.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Baton.Core.Outbox.OutboxOptions>>().Value.ClaimTimeout;
        var claimedUntil = h.App.Time.GetUtcNow().UtcDateTime + lease;
        await h.App.Db(db => db.Outbox.Where(o => o.Id == post.Id).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.ClaimedUntilUtc, claimedUntil).SetProperty(o => o.Attempts, 1)));

        h.App.Time.Advance(TimeSpan.FromSeconds(20));
        await h.App.RunOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post").Status);
        Assert.Single(Cards(h));
        Assert.Equal("Posted", (await h.HandoffAsync("deal-1")).State);
    }

    [Fact]
    public async Task Deliver_ChannelNotFound_ParksAtOnceWithTheSlackCode()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Slack.FailNext(1, new SlackFailure.Error("channel_not_found"), "chat.postMessage");
        await h.CloseDealAsync();

        await h.App.RunOutboxAsync();

        var parked = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(OutboxStatus.Parked, parked.Status);
        Assert.Equal(1, parked.Attempts);
        Assert.Contains("channel_not_found", parked.LastError);
    }

    [Fact]
    public async Task Deliver_RetryAfterSlackAcceptedThePostButTheRowWasNotMarked_DoesNotPostTwice()
    {
        await using var h = await SlackHarness.StartAsync();
        await h.CloseDealAsync();
        await h.App.RunOutboxAsync();
        var first = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");

        // As if the process died after Slack's answer and before the commit: the row is pending again, one attempt spent.
        await h.App.Db(db => db.Outbox.Where(o => o.Id == first.Id).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, OutboxStatus.Pending).SetProperty(o => o.Attempts, 1)
            .SetProperty(o => o.SentAtUtc, (DateTime?)null).SetProperty(o => o.ExternalId, (string?)null).SetProperty(o => o.DeliveredTo, (string?)null)));
        await h.App.RunOutboxAsync();

        var again = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(OutboxStatus.Sent, again.Status);
        Assert.Equal(first.ExternalId, again.ExternalId);
        Assert.Single(Cards(h));
        Assert.Single(h.Slack.RequestsTo("chat.postMessage"), r => r.Body.Contains($"\"channel\":\"{SlackDouble.DefaultChannel}\"", StringComparison.Ordinal));
        Assert.NotEmpty(h.Slack.RequestsTo("conversations.history"));
    }

    [Fact]
    public async Task Deliver_RetryWithTheChannelNamedInThePlaybook_FindsTheEarlierPostByTheResolvedIdAndDoesNotPostTwice()
    {
        await using var h = await SlackHarness.StartAsync(teamChannel: "#cs-handoffs");
        h.Slack.AddChannel("C0CSHANDOFF", "cs-handoffs");
        // Slack posts the card, and the answer is lost.
        h.Slack.FailNext(1, new SlackFailure.LostAnswer(500), "chat.postMessage");
        await h.CloseDealAsync(amount: 12000m);

        await h.App.RunOutboxAsync();
        Assert.Equal(OutboxStatus.Pending, (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post").Status);
        h.App.Time.Advance(TimeSpan.FromMinutes(1));
        await h.App.RunOutboxAsync();

        var card = Assert.Single(h.Slack.Messages("C0CSHANDOFF"), m => m.ThreadTs is null);
        Assert.Single(h.Slack.RequestsTo("chat.postMessage"), r => r.Args["channel"]?.GetValue<string>() is "C0CSHANDOFF" or "#cs-handoffs" or "cs-handoffs");
        Assert.Contains(h.Slack.RequestsTo("conversations.history"), r => r.Args["channel"]?.GetValue<string>() == "C0CSHANDOFF");
        var sent = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        var handoff = await h.HandoffAsync("deal-1");
        Assert.Equal("Posted", handoff.State);
        Assert.Equal("C0CSHANDOFF", handoff.Channel);
        Assert.Equal(card.Ts, handoff.PostId);
    }

    [Fact]
    public async Task Deliver_AcknowledgeClockRunsOut_EscalatesToTheCsLeadAndRepliesInThread()
    {
        await using var h = await SlackHarness.StartAsync();
        await h.CloseDealAsync();
        await h.App.RunOutboxAsync();

        h.App.Time.Advance(TimeSpan.FromDays(2));
        await h.App.RunClocksAsync();
        await h.App.RunOutboxAsync();

        var escalation = Assert.Single(h.Slack.Messages("D" + SlackHarness.UserId("maria.lopez")[1..]));
        Assert.Contains("CSM acknowledgment", escalation.Text);
        Assert.Contains("Northwind Analytics", escalation.Text);
        Assert.Contains("has not confirmed reading", escalation.Text);
        var handoff = await h.HandoffAsync("deal-1");
        Assert.Contains(h.Slack.Messages(SlackDouble.DefaultChannel), m => m.ThreadTs == handoff.PostId && m.Text.Contains("ran out"));
    }

    [Fact]
    public async Task Deliver_WithoutBotToken_LandsInTheFeedAndTheHandoffStillMoves()
    {
        await using var h = await SlackHarness.StartAsync(withBotToken: false);
        await h.CloseDealAsync();

        await h.App.RunOutboxAsync();

        var post = (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "post");
        Assert.Equal(OutboxStatus.Sent, post.Status);
        Assert.Equal("feed", post.DeliveredTo);
        Assert.Contains("Northwind Analytics", post.Rendered);
        Assert.Contains("Nothing beyond the contract", post.Rendered);
        var handoff = await h.HandoffAsync("deal-1");
        Assert.Equal("Posted", handoff.State);
        Assert.Equal($"feed:{post.Id}", handoff.PostId);
        Assert.True(await h.App.Db(db => db.Clocks.AnyAsync(c => c.DealId == "deal-1" && c.Name == "acknowledge" && c.Status == ClockStatus.Running)));
    }
}
