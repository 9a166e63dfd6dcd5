using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Data;
using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;
using Microsoft.EntityFrameworkCore;

namespace Baton.Tests.Delivery;

/// <summary>The card's thread: what Baton says there, and what people write there kept in the handoff's history.</summary>
public sealed class SlackThreadTests
{
    private static string Ts(SlackHarness h, int secondsLater) =>
        (h.App.Time.GetUtcNow().ToUnixTimeSeconds() + secondsLater).ToString(CultureInfo.InvariantCulture) + ".000200";

    private static async Task<List<JsonElement>> HistoryAsync(SlackHarness h, string dealId)
    {
        var handoff = await h.App.Http.GetFromJsonAsync<JsonElement>($"/api/handoffs/{dealId}");
        return [.. handoff.GetProperty("history").EnumerateArray()];
    }

    [Fact]
    public async Task Acknowledge_ByTheCsmInSlack_RepliesInTheThreadNamingTheCsmAndQuotingWhatWasPromised()
    {
        await using var h = await SlackHarness.StartAsync();
        var routed = await h.CloseDealAsync(fields: new Dictionary<string, string>
        {
            ["promised"] = "Dedicated Slack channel for 90 days & a <weekly> review with R&D",
        });
        await h.App.RunOutboxAsync();
        var csm = SlackHarness.UserId(routed.CsmId!);
        // The CSM reads the card before clicking: the reply is not held back by Slack's one post a second per channel.
        h.App.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, (await h.SendInteractionAsync(SlackHarness.ButtonPayload(HandoffPostBlocks.AcknowledgeActionId, "deal-1", csm, h.Slack.IssueTrigger()))).StatusCode);
        await h.RunInboxAsync();
        await h.App.RunOutboxAsync();

        var handoff = await h.HandoffAsync("deal-1");
        Assert.Equal("Acknowledged", handoff.State);
        var reply = Assert.Single(h.Slack.Messages(SlackDouble.DefaultChannel), m => m.ThreadTs == handoff.PostId && m.Text.Contains("acknowledged"));
        Assert.Equal($"✅ <@{csm}> acknowledged the handoff and confirmed what was promised:\n> Dedicated Slack channel for 90 days &amp; a &lt;weekly&gt; review with R&amp;D", reply.Text);
    }

    [Fact]
    public async Task ThreadReply_SignedMessageEventInTheCardsThread_IsKeptInTheHandoffsHistoryOnce()
    {
        await using var h = await SlackHarness.StartAsync();
        var routed = await h.CloseDealAsync();
        await h.App.RunOutboxAsync();
        var handoff = await h.HandoffAsync("deal-1");
        var csm = SlackHarness.UserId(routed.CsmId!);
        var ts = Ts(h, 60);
        var reply = SlackHarness.Message(SlackDouble.DefaultChannel, csm, "Spoke to Priya: kickoff Thursday, <@URACHELGOLDBERG> joins", ts, handoff.PostId);

        Assert.Equal(HttpStatusCode.OK, (await h.SendEventAsync(SlackHarness.Envelope("Ev0REPLY0001", reply.DeepClone().AsObject()))).StatusCode);
        // Slack's retry of the same delivery, and the same message under another event id: one entry all the same.
        Assert.Equal(HttpStatusCode.OK, (await h.SendEventAsync(SlackHarness.Envelope("Ev0REPLY0001", reply.DeepClone().AsObject()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await h.SendEventAsync(SlackHarness.Envelope("Ev0REPLY0002", reply.DeepClone().AsObject()))).StatusCode);
        await h.RunInboxAsync();

        var kept = Assert.Single(await HistoryAsync(h, "deal-1"), e => e.GetProperty("type").GetString() == "ThreadReplied");
        Assert.Equal(routed.CsmId, kept.GetProperty("actor").GetString());
        var data = kept.GetProperty("data");
        Assert.Equal(csm, data.GetProperty("slackUserId").GetString());
        Assert.Equal(routed.CsmId, data.GetProperty("personId").GetString());
        Assert.Equal("Spoke to Priya: kickoff Thursday, <@URACHELGOLDBERG> joins", data.GetProperty("text").GetString());
        Assert.Equal(ts, data.GetProperty("ts").GetString());
        Assert.Equal(SlackDouble.DefaultChannel, data.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task ThreadReply_TheBotsOwnMessagesAndTopLevelMessages_AreNotKept()
    {
        await using var h = await SlackHarness.StartAsync();
        await h.CloseDealAsync();
        await h.App.RunOutboxAsync();
        var handoff = await h.HandoffAsync("deal-1");

        // Baton's own reply, as Slack echoes it: bot_id set.
        var byBot = SlackHarness.Message(SlackDouble.DefaultChannel, SlackDouble.BotUserId, "Northwind Analytics: acknowledged.", Ts(h, 10), handoff.PostId);
        byBot["bot_id"] = SlackDouble.BotId;
        // No bot_id, but the user the envelope names as the installing bot.
        var byBotUser = SlackHarness.Message(SlackDouble.DefaultChannel, SlackDouble.BotUserId, "again", Ts(h, 11), handoff.PostId);
        var botMessage = SlackHarness.Message(SlackDouble.DefaultChannel, "UOTHERAPP", "from a workflow", Ts(h, 12), handoff.PostId);
        botMessage["subtype"] = "bot_message";
        botMessage.Remove("user");
        var topLevel = SlackHarness.Message(SlackDouble.DefaultChannel, SlackHarness.UserId("lena.ortiz"), "lunch?", Ts(h, 13), threadTs: null);
        var otherThread = SlackHarness.Message(SlackDouble.DefaultChannel, SlackHarness.UserId("lena.ortiz"), "not about this deal", Ts(h, 14), Ts(h, 5));

        var i = 0;
        foreach (var e in new[] { byBot, byBotUser, botMessage, topLevel, otherThread })
            Assert.Equal(HttpStatusCode.OK, (await h.SendEventAsync(SlackHarness.Envelope($"Ev0IGNORED{i++:D3}", e))).StatusCode);
        await h.RunInboxAsync();

        Assert.DoesNotContain(await HistoryAsync(h, "deal-1"), e => e.GetProperty("type").GetString()!.StartsWith("ThreadRepl", StringComparison.Ordinal));
        var inbox = await h.App.Db(db => db.Inbox.AsNoTracking().ToListAsync());
        Assert.All(inbox, r => Assert.Equal(InboxStatus.Done, r.Status));
    }

    [Fact]
    public async Task ThreadReply_EditedThenDeleted_EachKeptAsItsOwnEvent()
    {
        await using var h = await SlackHarness.StartAsync();
        var routed = await h.CloseDealAsync();
        await h.App.RunOutboxAsync();
        var handoff = await h.HandoffAsync("deal-1");
        var csm = SlackHarness.UserId(routed.CsmId!);
        var ts = Ts(h, 60);
        await h.SendEventAsync(SlackHarness.Envelope("Ev0EDIT00001", SlackHarness.Message(SlackDouble.DefaultChannel, csm, "kickoff Thursday", ts, handoff.PostId)));

        var edited = new JsonObject
        {
            ["type"] = "message", ["subtype"] = "message_changed", ["channel"] = SlackDouble.DefaultChannel, ["hidden"] = true,
            ["message"] = new JsonObject
            {
                ["type"] = "message", ["user"] = csm, ["text"] = "kickoff Friday", ["ts"] = ts, ["thread_ts"] = handoff.PostId,
                ["edited"] = new JsonObject { ["user"] = csm, ["ts"] = Ts(h, 120) },
            },
            ["previous_message"] = new JsonObject { ["type"] = "message", ["user"] = csm, ["text"] = "kickoff Thursday", ["ts"] = ts, ["thread_ts"] = handoff.PostId },
            ["event_ts"] = Ts(h, 120), ["ts"] = Ts(h, 120), ["channel_type"] = "channel",
        };
        var deleted = new JsonObject
        {
            ["type"] = "message", ["subtype"] = "message_deleted", ["channel"] = SlackDouble.DefaultChannel, ["hidden"] = true, ["deleted_ts"] = ts,
            ["previous_message"] = new JsonObject { ["type"] = "message", ["user"] = csm, ["text"] = "kickoff Friday", ["ts"] = ts, ["thread_ts"] = handoff.PostId },
            ["event_ts"] = Ts(h, 180), ["ts"] = Ts(h, 180), ["channel_type"] = "channel",
        };
        await h.SendEventAsync(SlackHarness.Envelope("Ev0EDIT00002", edited));
        await h.SendEventAsync(SlackHarness.Envelope("Ev0EDIT00003", edited.DeepClone().AsObject()));
        await h.SendEventAsync(SlackHarness.Envelope("Ev0EDIT00004", deleted));
        await h.RunInboxAsync();

        var thread = (await HistoryAsync(h, "deal-1")).Where(e => e.GetProperty("type").GetString()!.StartsWith("ThreadRepl", StringComparison.Ordinal)).ToList();
        Assert.Equal(["ThreadReplied", "ThreadReplyEdited", "ThreadReplyDeleted"], thread.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("kickoff Friday", thread[1].GetProperty("data").GetProperty("text").GetString());
        Assert.All(thread, e => Assert.Equal(ts, e.GetProperty("data").GetProperty("ts").GetString()));
    }

    [Fact]
    public async Task Events_AppRateLimited_Answers200AndStoresNothing()
    {
        await using var h = await SlackHarness.StartAsync();
        var notice = new JsonObject
        {
            ["token"] = "legacy-verification-token", ["type"] = "app_rate_limited", ["team_id"] = SlackDouble.TeamId,
            ["minute_rate_limited"] = 1518467820, ["api_app_id"] = "A0BATON0001",
        };

        var response = await h.SendSignedAsync("/webhooks/slack/events", notice.ToJsonString(), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await h.App.Db(db => db.Inbox.AsNoTracking().ToListAsync()));
    }
}
