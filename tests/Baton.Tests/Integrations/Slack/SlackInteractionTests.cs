using System.Text.Json.Nodes;
using Baton.Core.Integrations.Slack;

namespace Baton.Tests.Integrations.Slack;

public sealed class SlackInteractionTests
{
    private static string Form(JsonNode payload) => "payload=" + Uri.EscapeDataString(payload.ToJsonString());

    /// <summary>Slack's field-inventory sample with the fields Baton reads given real values; the other fields keep their placeholders.</summary>
    private static JsonObject BlockActionsSample(JsonObject action)
    {
        var payload = SlackSpecs.Load("samples/app-backend/interactive-components/BlockActionPayload.json").AsObject();
        payload["user"]!["id"] = "U0CSMDANA1";
        payload["trigger_id"] = "1763800000.1.abc";
        payload["response_url"] = "https://hooks.slack.com/actions/T0/1/xyz";
        payload["channel"]!["id"] = "C0HANDOFFS1";
        payload["container"]!["channel_id"] = "C0HANDOFFS1";
        payload["container"]!["message_ts"] = "1763800000.000100";
        payload["actions"] = new JsonArray { action };
        return payload;
    }

    private static JsonObject ViewSubmission(string reason, params string[] junk) => new()
    {
        ["type"] = "view_submission",
        ["user"] = new JsonObject { ["id"] = "U0CSMDANA1" },
        ["trigger_id"] = "1763800001.2.def",
        ["view"] = new JsonObject
        {
            ["id"] = "V0000000001",
            ["callback_id"] = "baton.reject",
            ["private_metadata"] = "h-0001",
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    ["baton.reject.reason"] = new JsonObject { ["reason"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = reason } },
                    ["baton.reject.junk"] = new JsonObject
                    {
                        ["junk_fields"] = new JsonObject
                        {
                            ["type"] = "checkboxes",
                            ["selected_options"] = new JsonArray([.. junk.Select(k => (JsonNode)new JsonObject { ["value"] = k, ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = k } })]),
                        },
                    },
                },
            },
        },
    };

    [Fact]
    public void Parse_BlockActionsSampleWithAcknowledge_ButtonPressed()
    {
        var payload = BlockActionsSample(new JsonObject
        {
            ["type"] = "button", ["action_id"] = "baton.acknowledge", ["block_id"] = "baton.handoff.h-0001", ["value"] = "h-0001", ["action_ts"] = "1763800002.123456",
        });

        var parsed = SlackInteraction.Parse(Form(payload));

        var pressed = Assert.IsType<SlackInteraction.ButtonPressed>(parsed);
        Assert.Equal(HandoffButton.Acknowledge, pressed.Button);
        Assert.Equal("h-0001", pressed.HandoffId);
        Assert.Equal("U0CSMDANA1", pressed.UserId);
        Assert.Equal("C0HANDOFFS1", pressed.ChannelId);
        Assert.Equal("1763800000.000100", pressed.MessageTs);
        Assert.Equal("1763800000.1.abc", pressed.TriggerId);
        Assert.Equal("https://hooks.slack.com/actions/T0/1/xyz", pressed.ResponseUrl);
        Assert.Equal("1763800000.1.abc:1763800002.123456", pressed.DedupKey);
    }

    [Theory]
    [InlineData("baton.accept", HandoffButton.Accept)]
    [InlineData("baton.reject", HandoffButton.Reject)]
    public void Parse_BlockActionsSampleWithDecision_ButtonPressed(string actionId, HandoffButton expected)
    {
        var payload = BlockActionsSample(new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["value"] = "h-0001", ["action_ts"] = "1" });

        Assert.Equal(expected, Assert.IsType<SlackInteraction.ButtonPressed>(SlackInteraction.Parse(Form(payload))).Button);
    }

    [Fact]
    public void Parse_RatingFromTheBuiltPost_RatingChosenForThatHandoff()
    {
        // The rating is offered once the handoff is accepted.
        var acted = new SlackActed(SampleHandoffs.CsmUserId, DateTimeOffset.FromUnixTimeSeconds(1763800000));
        var accepted = SampleHandoffs.Northwind() with { Progress = new HandoffPostProgress(Acknowledged: acted, Accepted: acted) };
        var actions = HandoffPostBlocks.Build(accepted).Single(b => (string?)b!["type"] == "actions")!;
        var select = actions["elements"]!.AsArray().Single(e => (string?)e!["action_id"] == "baton.rate")!;
        var payload = BlockActionsSample(new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = "baton.rate",
            ["block_id"] = actions["block_id"]!.DeepClone(),
            ["selected_option"] = select["options"]![3]!.DeepClone(),
            ["action_ts"] = "1763800003.000001",
        });

        var rating = Assert.IsType<SlackInteraction.RatingChosen>(SlackInteraction.Parse(Form(payload)));

        Assert.Equal(4, rating.Stars);
        Assert.Equal("h-0001", rating.HandoffId);
        Assert.Equal("U0CSMDANA1", rating.UserId);
    }

    [Fact]
    public void Parse_RatingOutOfRange_Unrecognised()
    {
        var payload = BlockActionsSample(new JsonObject
        {
            ["action_id"] = "baton.rate", ["block_id"] = "baton.handoff.h-0001", ["selected_option"] = new JsonObject { ["value"] = "9" },
        });

        Assert.IsType<SlackInteraction.Unrecognised>(SlackInteraction.Parse(Form(payload)));
    }

    [Fact]
    public void Parse_ViewSubmissionSample_FieldNamesMatchWhatBatonReads()
    {
        var payload = SlackSpecs.Load("samples/app-backend/views/ViewSubmissionPayload.json").AsObject();
        var filled = ViewSubmission("SSO was never promised", "why_now");
        payload["user"]!["id"] = "U0CSMDANA1";
        payload["trigger_id"] = "1763800001.2.def";
        payload["view"]!["id"] = "V0000000001";
        payload["view"]!["callback_id"] = "baton.reject";
        payload["view"]!["private_metadata"] = "h-0001";
        payload["view"]!["state"] = filled["view"]!["state"]!.DeepClone();

        var rejected = Assert.IsType<SlackInteraction.RejectSubmitted>(SlackInteraction.Parse(Form(payload)));

        Assert.Equal("h-0001", rejected.HandoffId);
        Assert.Equal("SSO was never promised", rejected.Reason);
        Assert.Equal(["why_now"], rejected.JunkFields);
        Assert.Equal("V0000000001:1763800001.2.def", rejected.DedupKey);
    }

    [Fact]
    public void Parse_RejectWithJunkFieldsAndPlusEncodedSpaces_RejectSubmitted()
    {
        var form = "payload=" + Uri.EscapeDataString(ViewSubmission("Success metric has no number", "success_metric", "why_now").ToJsonString()).Replace("%20", "+");

        var rejected = Assert.IsType<SlackInteraction.RejectSubmitted>(SlackInteraction.Parse(form));

        Assert.Equal("Success metric has no number", rejected.Reason);
        Assert.Equal(["success_metric", "why_now"], rejected.JunkFields);
    }

    [Fact]
    public void Parse_RejectWithBlankReason_Unrecognised()
    {
        var parsed = SlackInteraction.Parse(Form(ViewSubmission("   ")));

        Assert.Contains("reason", Assert.IsType<SlackInteraction.Unrecognised>(parsed).Reason);
    }

    [Fact]
    public void Parse_OtherCallbackId_Unrecognised()
    {
        var payload = ViewSubmission("x");
        payload["view"]!["callback_id"] = "someone.else";

        Assert.IsType<SlackInteraction.Unrecognised>(SlackInteraction.Parse(Form(payload)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("token=abc&team_id=T1")]
    [InlineData("payload=not-json")]
    [InlineData("payload=%5B1%2C2%5D")]
    [InlineData("payload=%7B%22type%22%3A%22shortcut%22%7D")]
    public void Parse_NotABatonInteraction_Unrecognised(string form) =>
        Assert.IsType<SlackInteraction.Unrecognised>(SlackInteraction.Parse(form));

    [Fact]
    public void Parse_ButtonWithoutValue_Unrecognised()
    {
        var payload = BlockActionsSample(new JsonObject { ["action_id"] = "baton.accept", ["action_ts"] = "1" });

        Assert.IsType<SlackInteraction.Unrecognised>(SlackInteraction.Parse(Form(payload)));
    }

    [Fact]
    public void TryGetChallenge_PublishedExample_ReturnsChallenge()
    {
        var example = SlackSpecs.Load("examples/url_verification.example.json");

        Assert.True(SlackUrlVerification.TryGetChallenge(example.ToJsonString(), out var challenge));
        Assert.Equal((string?)example["challenge"], challenge);
    }

    [Theory]
    [InlineData("""{"type":"event_callback","event":{"type":"message"}}""")]
    [InlineData("""{"type":"url_verification"}""")]
    [InlineData("not json")]
    public void TryGetChallenge_NotAHandshake_False(string body) =>
        Assert.False(SlackUrlVerification.TryGetChallenge(body, out _));
}
