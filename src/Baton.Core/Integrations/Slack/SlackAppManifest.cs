using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Baton.Core.Integrations.Slack;

/// <summary>A bot scope and the Web API methods (or events) of Baton's that need it.</summary>
public sealed record SlackScope(string Name, IReadOnlyList<string> NeededBy);

/// <summary>
/// The Slack app manifest an admin pastes into "Create an app → From an app manifest": the Baton bot, the scopes
/// its <see cref="SlackApi"/> calls need and no others, and the two request URLs under the public address.
/// </summary>
/// <remarks>Manifest schema version 1, the one for apps that run on their own servers (version 2 is for apps hosted by Slack).</remarks>
public static class SlackAppManifest
{
    public const string InteractionsPath = "webhooks/slack/interactions";
    public const string EventsPath = "webhooks/slack/events";

    /// <summary>
    /// Every bot scope, with what needs it. Baton posts in public and private channels and in direct messages,
    /// so a method that reads or writes a conversation needs one scope per kind it touches.
    /// </summary>
    public static IReadOnlyList<SlackScope> BotScopes { get; } =
    [
        // The handoff card, its updates, thread replies and direct messages.
        new("chat:write", ["chat.postMessage", "chat.update"]),
        // Routing names the CSM and the AE by e-mail; a mention needs their user id.
        new("users:read.email", ["users.lookupByEmail"]),
        // Slack grants users:read.email only together with users:read.
        new("users:read", ["users.lookupByEmail"]),
        // Before posting again after a crash: look for the earlier post in a public channel, or in its thread.
        // Also what message.channels delivers.
        new("channels:history", ["conversations.history", "conversations.replies", "message.channels"]),
        // The same for a private handoff channel, and message.groups.
        new("groups:history", ["conversations.history", "conversations.replies", "message.groups"]),
        // The same for direct messages to the AE and the CSM.
        new("im:history", ["conversations.history"]),
        // Opening the direct message with the AE or the CSM.
        new("im:write", ["conversations.open"]),
        // A channel named "#name" in the playbook is resolved to its id (SlackChannelDirectory).
        new("channels:read", ["conversations.list"]),
        new("groups:read", ["conversations.list"]),
        // Customer channels: create, invite the account team, archive at the end; public ones.
        new("channels:manage", ["conversations.create", "conversations.invite", "conversations.archive"]),
        // The same for private customer channels.
        new("groups:write", ["conversations.create", "conversations.invite", "conversations.archive"]),
        // The bot joins a public handoff channel itself instead of waiting for an invitation.
        new("channels:join", ["conversations.join"]),
    ];

    /// <summary>
    /// Events Slack sends to <see cref="EventsPath"/>. Baton stores each one in its inbox; none of them moves a
    /// handoff yet. Thread replies in a handoff channel arrive as <c>message.channels</c> or <c>message.groups</c>;
    /// <c>app_uninstalled</c> says the token is gone.
    /// </summary>
    public static IReadOnlyList<string> BotEvents { get; } = ["app_uninstalled", "message.channels", "message.groups"];

    /// <param name="publicUrl">Where Slack reaches Baton (<c>Baton:PublicUrl</c>); a path is kept, a trailing slash added.</param>
    public static JsonObject Build(Uri publicUrl)
    {
        var root = Root(publicUrl);
        return new JsonObject
        {
            ["_metadata"] = new JsonObject { ["major_version"] = 1 },
            ["display_information"] = new JsonObject
            {
                ["name"] = "Baton",
                // Slack shows at most 140 characters here.
                ["description"] = "Hands each closed deal to its CSM with the context sales gathered, and keeps the handoff on the clock.",
            },
            ["features"] = new JsonObject
            {
                // Direct messages from Baton appear in its Messages tab; Baton reads no replies there, so people cannot write.
                ["app_home"] = new JsonObject
                {
                    ["home_tab_enabled"] = false, ["messages_tab_enabled"] = true, ["messages_tab_read_only_enabled"] = true,
                },
                ["bot_user"] = new JsonObject { ["display_name"] = "Baton", ["always_online"] = true },
            },
            ["oauth_config"] = new JsonObject
            {
                ["scopes"] = new JsonObject { ["bot"] = new JsonArray([.. BotScopes.Select(s => (JsonNode)s.Name)]) },
            },
            ["settings"] = new JsonObject
            {
                ["event_subscriptions"] = new JsonObject
                {
                    ["request_url"] = new Uri(root, EventsPath).AbsoluteUri,
                    ["bot_events"] = new JsonArray([.. BotEvents.Select(e => (JsonNode)e)]),
                },
                ["interactivity"] = new JsonObject { ["is_enabled"] = true, ["request_url"] = new Uri(root, InteractionsPath).AbsoluteUri },
                ["org_deploy_enabled"] = false,
                ["socket_mode_enabled"] = false,
                ["token_rotation_enabled"] = false,
            },
        };
    }

    /// <summary>Why Slack would refuse these request URLs: they must be public and https. Empty when they look fine.</summary>
    public static IReadOnlyList<string> UrlWarnings(Uri publicUrl)
    {
        var warnings = new List<string>();
        if (publicUrl.Scheme != Uri.UriSchemeHttps)
            warnings.Add($"{publicUrl.AbsoluteUri} is not https: Slack sends events and interactions to https URLs only.");
        if (IsLoopback(publicUrl))
            warnings.Add($"{publicUrl.AbsoluteUri} is this machine: Slack cannot reach it. Give the public address, e.g. --public-url https://baton.example.com/.");
        return warnings;
    }

    public static string ToJson(JsonObject manifest) =>
        manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public static string ToYaml(JsonObject manifest) =>
        new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(Plain(manifest));

    private static Uri Root(Uri publicUrl) =>
        new(publicUrl.AbsoluteUri.EndsWith('/') ? publicUrl.AbsoluteUri : publicUrl.AbsoluteUri + "/");

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>JSON nodes as dictionaries, lists and scalars, in order, which is what YamlDotNet writes.</summary>
    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.GetValue<int>(),
            _ => v.GetValue<string>(),
        },
        _ => null,
    };
}
