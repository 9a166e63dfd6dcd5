using System.Text.Json.Nodes;
using Baton.Core.Integrations.Slack;
using Baton.Tests.Delivery;
using Baton.Tests.Doubles.Slack;

namespace Baton.Tests.Integrations.Slack;

public sealed class SlackMessageEventTests
{
    private const string Channel = "C0HANDOFFS1";
    private const string Card = "1764514800.000100";

    private static SlackMessageEvent Parse(JsonObject e) => SlackMessageEvent.Parse(SlackHarness.Envelope("Ev0TEST00001", e).ToJsonString());

    [Fact]
    public void Parse_ReplyInAThread_IsReplied()
    {
        var parsed = Parse(SlackHarness.Message(Channel, "UDANA", "on it", "1764514900.000200", Card));

        Assert.Equal(new SlackMessageEvent.Replied(Channel, Card, "1764514900.000200", "UDANA", "on it"), parsed);
    }

    [Fact]
    public void Parse_ThreadBroadcast_IsAReplyToo()
    {
        var e = SlackHarness.Message(Channel, "UDANA", "also to the channel", "1764514900.000200", Card);
        e["subtype"] = "thread_broadcast";

        Assert.IsType<SlackMessageEvent.Replied>(Parse(e));
    }

    [Theory]
    [InlineData("message_replied")]
    [InlineData("channel_join")]
    public void Parse_OtherSubtypes_AreIgnored(string subtype)
    {
        var e = SlackHarness.Message(Channel, "UDANA", "x", "1764514900.000200", Card);
        e["subtype"] = subtype;

        Assert.Contains(subtype, Assert.IsType<SlackMessageEvent.Ignored>(Parse(e)).Reason);
    }

    [Fact]
    public void Parse_EmptyStringsAsInSlacksSamples_CountAsAbsent()
    {
        // Slack's sample payloads carry "" for fields a message does not have: an empty bot_id is not a bot.
        var e = SlackHarness.Message(Channel, "UDANA", "hi", "1764514900.000200", Card);
        e["bot_id"] = "";
        e["subtype"] = "";

        Assert.IsType<SlackMessageEvent.Replied>(Parse(e));
    }

    [Fact]
    public void Parse_TheCardItselfChangedByBaton_IsIgnored()
    {
        // chat.update on the card comes back as message_changed of a top-level bot message.
        var e = new JsonObject
        {
            ["type"] = "message", ["subtype"] = "message_changed", ["channel"] = Channel,
            ["message"] = new JsonObject { ["type"] = "message", ["user"] = SlackDouble.BotUserId, ["bot_id"] = SlackDouble.BotId, ["text"] = "new", ["ts"] = Card },
            ["previous_message"] = new JsonObject { ["type"] = "message", ["user"] = SlackDouble.BotUserId, ["text"] = "old", ["ts"] = Card },
        };

        Assert.IsType<SlackMessageEvent.Ignored>(Parse(e));
    }

    [Fact]
    public void Parse_AnUnfurlAddedToAReply_IsNotAnEdit()
    {
        var message = new JsonObject { ["type"] = "message", ["user"] = "UDANA", ["text"] = "see https://example.com", ["ts"] = "1764514900.000200", ["thread_ts"] = Card };
        var e = new JsonObject
        {
            ["type"] = "message", ["subtype"] = "message_changed", ["channel"] = Channel,
            ["message"] = message, ["previous_message"] = message.DeepClone(), ["event_ts"] = "1764514901.000300",
        };

        Assert.Equal("the text did not change", Assert.IsType<SlackMessageEvent.Ignored>(Parse(e)).Reason);
    }

    [Fact]
    public void Parse_NotJson_IsIgnored() => Assert.IsType<SlackMessageEvent.Ignored>(SlackMessageEvent.Parse("{not json"));
}
