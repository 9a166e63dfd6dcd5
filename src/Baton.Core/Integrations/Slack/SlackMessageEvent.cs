using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Core.Integrations.Slack;

/// <summary>
/// A <c>message</c> event of the Events API (<c>message.channels</c>, <c>message.groups</c>) read as what a person did in
/// a thread: replied, edited a reply, deleted one. Everything else (top-level messages, bots, joins) is
/// <see cref="Ignored"/> with the reason.
/// </summary>
/// <remarks>
/// A bot's message is one with a <c>bot_id</c>, the subtype <c>bot_message</c>, or the user the envelope's
/// <c>authorizations</c> name as the installing bot: Baton's own posts come back as events and must not loop.
/// Slack's samples carry empty strings for absent fields, so an empty value counts as absent.
/// </remarks>
public abstract record SlackMessageEvent
{
    private SlackMessageEvent() { }

    /// <summary>A reply in the thread of <paramref name="ThreadTs"/>; <paramref name="Ts"/> is the reply's own id.</summary>
    public sealed record Replied(string Channel, string ThreadTs, string Ts, string User, string Text) : SlackMessageEvent;

    /// <summary>A reply's new text; <paramref name="EditedTs"/> tells one edit from the next.</summary>
    public sealed record Edited(string Channel, string ThreadTs, string Ts, string User, string Text, string EditedTs) : SlackMessageEvent;

    /// <summary>A reply deleted; <paramref name="User"/> is who wrote it, when Slack says; <paramref name="DeletedTs"/> is when.</summary>
    public sealed record Deleted(string Channel, string ThreadTs, string Ts, string? User, string? DeletedTs) : SlackMessageEvent;

    public sealed record Ignored(string Reason) : SlackMessageEvent;

    /// <summary>Subtypes that are a person writing: a plain message, one also sent to the channel, a file with a comment, /me.</summary>
    private static readonly HashSet<string> Written = new(StringComparer.Ordinal) { "", "thread_broadcast", "file_share", "me_message" };

    public static SlackMessageEvent Parse(string body)
    {
        JsonObject? envelope;
        try { envelope = JsonNode.Parse(body) as JsonObject; }
        catch (JsonException) { return new Ignored("not JSON"); }
        if (envelope?["event"] is not JsonObject e || Str(e, "type") != "message") return new Ignored("not a message event");
        var channel = Str(e, "channel");
        if (channel is null) return new Ignored("a message event without a channel");
        var botUser = (envelope["authorizations"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(a => a["is_bot"]?.GetValueKind() == JsonValueKind.True) is { } auth ? Str(auth, "user_id") : null;

        switch (Str(e, "subtype") ?? "")
        {
            case "message_changed":
            {
                if (e["message"] is not JsonObject m) return new Ignored("message_changed without the message");
                if (IsBot(m, botUser)) return new Ignored("a bot's message changed");
                if (Reply(m) is not { } reply) return new Ignored("a top-level message changed");
                var text = Str(m, "text") ?? "";
                // Slack also reports unfurls and reply counts as changes; only a new text is an edit.
                if (e["previous_message"] is JsonObject before && (Str(before, "text") ?? "") == text) return new Ignored("the text did not change");
                if (Str(m, "user") is not { } user) return new Ignored("an edit without a user");
                var editedTs = Str(m["edited"] as JsonObject, "ts") ?? Str(e, "event_ts") ?? Str(e, "ts") ?? reply.Ts;
                return new Edited(channel, reply.ThreadTs, reply.Ts, user, text, editedTs);
            }
            case "message_deleted":
            {
                var before = e["previous_message"] as JsonObject;
                if (before is not null && IsBot(before, botUser)) return new Ignored("a bot's message deleted");
                var ts = Str(e, "deleted_ts") ?? Str(before, "ts");
                var threadTs = Str(before, "thread_ts");
                if (ts is null || threadTs is null || threadTs == ts) return new Ignored("a top-level message deleted");
                return new Deleted(channel, threadTs, ts, Str(before, "user"), Str(e, "event_ts") ?? Str(e, "ts"));
            }
            case var subtype when Written.Contains(subtype):
            {
                if (IsBot(e, botUser)) return new Ignored("a bot's message");
                if (Reply(e) is not { } reply) return new Ignored("a top-level message");
                if (Str(e, "user") is not { } user) return new Ignored("a message without a user");
                return new Replied(channel, reply.ThreadTs, reply.Ts, user, Str(e, "text") ?? "");
            }
            case var subtype:
                return new Ignored($"subtype {subtype}");
        }
    }

    private static (string ThreadTs, string Ts)? Reply(JsonObject message) =>
        Str(message, "thread_ts") is { } threadTs && Str(message, "ts") is { } ts && ts != threadTs ? (threadTs, ts) : null;

    private static bool IsBot(JsonObject message, string? botUser) =>
        Str(message, "bot_id") is not null
        || Str(message, "subtype") == "bot_message"
        || (botUser is not null && Str(message, "user") == botUser);

    private static string? Str(JsonObject? node, string name) =>
        node?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s ? s : null;
}
