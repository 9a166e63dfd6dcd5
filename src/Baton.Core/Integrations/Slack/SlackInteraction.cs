using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Core.Integrations.Slack;

public enum HandoffButton
{
    Acknowledge,
    Accept,
    Reject,
}

/// <summary>
/// What a person did in Slack, parsed from the interactivity request (<c>application/x-www-form-urlencoded</c>
/// with one <c>payload</c> field of JSON). Verify the signature over the raw body before parsing.
/// </summary>
public abstract record SlackInteraction
{
    private SlackInteraction() { }

    /// <summary>Key for the inbox's dedup index: Slack retries a slow acknowledgment with the same payload.</summary>
    public abstract string? DedupKey { get; }

    /// <param name="TriggerId">Valid for 3 seconds and once: open the reject modal with it straight away.</param>
    /// <param name="ResponseUrl">Usable 5 times within 30 minutes to reply or replace the message.</param>
    public sealed record ButtonPressed(
        HandoffButton Button, string HandoffId, string UserId, string? ChannelId, string? MessageTs,
        string TriggerId, string? ResponseUrl, string ActionTs) : SlackInteraction
    {
        public override string DedupKey => $"{TriggerId}:{ActionTs}";
    }

    public sealed record RatingChosen(
        int Stars, string HandoffId, string UserId, string? ChannelId, string? MessageTs,
        string TriggerId, string? ResponseUrl, string ActionTs) : SlackInteraction
    {
        public override string DedupKey => $"{TriggerId}:{ActionTs}";
    }

    /// <param name="JunkFields">Keys of the fields the CSM marked as filler; empty when none.</param>
    public sealed record RejectSubmitted(
        string HandoffId, string UserId, string Reason, IReadOnlyList<string> JunkFields, string ViewId, string TriggerId)
        : SlackInteraction
    {
        public override string DedupKey => $"{ViewId}:{TriggerId}";
    }

    /// <summary>Not one of Baton's interactions (or malformed); acknowledge it and log the reason.</summary>
    public sealed record Unrecognised(string Reason) : SlackInteraction
    {
        public override string? DedupKey => null;
    }

    /// <summary>Parses the raw form body Slack posted.</summary>
    public static SlackInteraction Parse(string formBody)
    {
        foreach (var pair in formBody.Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq < 0 || Decode(pair[..eq]) != "payload") continue;
            return ParsePayload(Decode(pair[(eq + 1)..]));
        }
        return new Unrecognised("no payload field in the form body");
    }

    /// <summary>Parses the JSON of the <c>payload</c> field.</summary>
    public static SlackInteraction ParsePayload(string json)
    {
        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException e)
        {
            return new Unrecognised($"payload is not JSON: {e.Message}");
        }
        if (payload is null) return new Unrecognised("payload is not a JSON object");

        return Text(payload, "type") switch
        {
            "block_actions" => BlockAction(payload),
            "view_submission" => ViewSubmission(payload),
            var other => new Unrecognised($"interaction type '{other}' is not handled"),
        };
    }

    private static SlackInteraction BlockAction(JsonObject payload)
    {
        var userId = Text(payload["user"], "id");
        var triggerId = Text(payload, "trigger_id");
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(triggerId))
            return new Unrecognised("block_actions without user.id or trigger_id");
        var channelId = NonEmpty(Text(payload["channel"], "id")) ?? NonEmpty(Text(payload["container"], "channel_id"));
        var messageTs = NonEmpty(Text(payload["container"], "message_ts")) ?? NonEmpty(Text(payload["message"], "ts"));
        var responseUrl = NonEmpty(Text(payload, "response_url"));

        foreach (var action in (payload["actions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var actionId = Text(action, "action_id");
            var actionTs = Text(action, "action_ts") ?? "";
            HandoffButton? button = actionId switch
            {
                HandoffPostBlocks.AcknowledgeActionId => HandoffButton.Acknowledge,
                HandoffPostBlocks.AcceptActionId => HandoffButton.Accept,
                HandoffPostBlocks.RejectActionId => HandoffButton.Reject,
                _ => null,
            };
            if (button is { } pressed)
            {
                var handoffId = NonEmpty(Text(action, "value"));
                return handoffId is null
                    ? new Unrecognised($"{actionId} without a handoff id value")
                    : new ButtonPressed(pressed, handoffId, userId, channelId, messageTs, triggerId, responseUrl, actionTs);
            }
            if (actionId == HandoffPostBlocks.RateActionId)
            {
                var blockId = Text(action, "block_id") ?? "";
                var handoffId = blockId.StartsWith(HandoffPostBlocks.ActionsBlockIdPrefix, StringComparison.Ordinal)
                    ? NonEmpty(blockId[HandoffPostBlocks.ActionsBlockIdPrefix.Length..])
                    : null;
                var value = Text(action["selected_option"], "value");
                if (handoffId is null) return new Unrecognised($"rating in block '{blockId}' names no handoff");
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var stars) || stars is < 1 or > 5)
                    return new Unrecognised($"rating '{value}' is not 1 to 5");
                return new RatingChosen(stars, handoffId, userId, channelId, messageTs, triggerId, responseUrl, actionTs);
            }
        }
        return new Unrecognised("block_actions with no Baton action");
    }

    private static SlackInteraction ViewSubmission(JsonObject payload)
    {
        var view = payload["view"] as JsonObject;
        var callbackId = Text(view, "callback_id");
        if (callbackId != HandoffPostBlocks.RejectCallbackId)
            return new Unrecognised($"view_submission for callback '{callbackId}' is not handled");
        var userId = NonEmpty(Text(payload["user"], "id"));
        var handoffId = NonEmpty(Text(view, "private_metadata"));
        if (userId is null || handoffId is null)
            return new Unrecognised("reject submission without user.id or private_metadata");

        var values = view?["state"]?["values"];
        var reasonInput = values?[HandoffPostBlocks.ReasonBlockId]?[HandoffPostBlocks.ReasonActionId];
        var reason = Text(reasonInput, "value")?.Trim();
        if (string.IsNullOrEmpty(reason)) return new Unrecognised("reject submission without a reason");

        var junkInput = values?[HandoffPostBlocks.JunkBlockId]?[HandoffPostBlocks.JunkActionId];
        var junk = (junkInput?["selected_options"] as JsonArray ?? [])
            .Select(option => Text(option, "value"))
            .OfType<string>()
            .ToArray();
        return new RejectSubmitted(handoffId, userId, reason, junk, Text(view, "id") ?? "", Text(payload, "trigger_id") ?? "");
    }

    private static string Decode(string formValue) => Uri.UnescapeDataString(formValue.Replace('+', ' '));

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;
}

/// <summary>The Events API handshake: Slack posts <c>{"type":"url_verification","challenge":…}</c> and expects the challenge back.</summary>
public static class SlackUrlVerification
{
    /// <summary>True when the body is a handshake; reply 200 with <paramref name="challenge"/> (as text/plain or <c>{"challenge":…}</c>).</summary>
    public static bool TryGetChallenge(string jsonBody, out string challenge)
    {
        challenge = "";
        try
        {
            if (JsonNode.Parse(jsonBody) is not JsonObject body) return false;
            if (body["type"]?.GetValueKind() != JsonValueKind.String || body["type"]!.GetValue<string>() != "url_verification") return false;
            if (body["challenge"]?.GetValueKind() != JsonValueKind.String) return false;
            challenge = body["challenge"]!.GetValue<string>();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
