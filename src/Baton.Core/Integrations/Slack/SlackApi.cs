using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Baton.Core.Integrations.Slack;

/// <summary>A message Slack accepted: <see cref="Ts"/> is its id in <see cref="Channel"/> and the <c>thread_ts</c> for replies.</summary>
public sealed record PostedMessage(string Channel, string Ts);

public sealed record SlackUser(string Id, string? Name, string? RealName);

/// <summary>A channel as <c>conversations.list</c>, <c>create</c> and <c>join</c> describe it.</summary>
/// <param name="Name">Without the <c>#</c>, lowercase as Slack stores it.</param>
/// <param name="IsMember">Whether the bot is in it: posting and reading history need that.</param>
public sealed record SlackChannel(string Id, string Name, bool IsPrivate, bool IsArchived, bool IsMember);

/// <summary>Message metadata: an event type and a flat payload, stored by Slack with the message and returned by <c>conversations.history</c>.</summary>
public sealed record SlackMessageMetadata(string EventType, IReadOnlyDictionary<string, string> Payload)
{
    public const string HandoffEventType = "baton_handoff";
    public const string OutboxMessageIdKey = "outbox_message_id";
    public const string HandoffIdKey = "handoff_id";

    /// <summary>What every handoff post carries, so a retry can find the post an earlier attempt made.</summary>
    public static SlackMessageMetadata Handoff(string outboxMessageId, string handoffId) => new(
        HandoffEventType,
        new Dictionary<string, string> { [OutboxMessageIdKey] = outboxMessageId, [HandoffIdKey] = handoffId });
}

/// <summary>
/// A typed client for the few Web API methods Baton uses. Writes go as JSON POSTs, reads as GETs with
/// query arguments; the token always travels in the <c>Authorization</c> header. Every call returns a
/// <see cref="SlackResult{T}"/>; it retries nothing itself, so the outbox keeps one retry policy.
/// </summary>
/// <remarks>
/// Slack has no idempotency key for <c>chat.postMessage</c>. A dispatcher avoids double posts like this:
/// post with <see cref="SlackMessageMetadata.Handoff"/>, record the returned <c>ts</c> in the same
/// transaction that marks the outbox row sent; when a row is retried without a recorded <c>ts</c>
/// (a crash, a timeout or a 5xx after Slack may have accepted it), call <see cref="FindPostedAsync"/>
/// from the row's first attempt and post only when it finds nothing.
/// </remarks>
public sealed class SlackApi
{
    /// <summary>When a 429 comes without <c>Retry-After</c> (Slack always sends it; proxies may not).</summary>
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Slack reads JSON, not HTML: no need to escape &lt;, &gt; and &amp; in every mention and link.</summary>
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _http;
    private readonly SlackOptions _options;
    private readonly Uri _baseUrl;
    private readonly SlackRateGate? _gate;

    /// <param name="gate">Paces calls to Slack's limits before they are sent; null sends every call at once (tests of the client alone).</param>
    public SlackApi(HttpClient http, IOptions<SlackOptions> options, SlackRateGate? gate = null)
    {
        _http = http;
        _gate = gate;
        _options = options.Value;
        var root = _options.ApiBaseUrl.ToString();
        _baseUrl = new Uri(root.EndsWith('/') ? root : root + "/");
    }

    /// <summary><c>chat.postMessage</c>. <paramref name="text"/> is the notification and accessibility fallback when <paramref name="blocks"/> are given.</summary>
    public async Task<SlackResult<PostedMessage>> PostMessageAsync(
        string channel, string text, JsonArray? blocks = null, string? threadTs = null,
        SlackMessageMetadata? metadata = null, CancellationToken cancellationToken = default)
    {
        var args = new JsonObject { ["channel"] = channel, ["text"] = text };
        if (blocks is not null) args["blocks"] = blocks.DeepClone();
        if (threadTs is not null) args["thread_ts"] = threadTs;
        if (metadata is not null) args["metadata"] = MetadataJson(metadata);
        var reply = await PostAsync("chat.postMessage", args, cancellationToken);
        return ToPosted(reply, channel);
    }

    /// <summary><c>chat.update</c>: replaces the text and blocks of a message Baton posted.</summary>
    public async Task<SlackResult<PostedMessage>> UpdateMessageAsync(
        string channel, string ts, string text, JsonArray? blocks = null, CancellationToken cancellationToken = default)
    {
        var args = new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = text };
        // An empty array clears the blocks; leaving it out would keep the old buttons.
        args["blocks"] = blocks?.DeepClone() ?? new JsonArray();
        var reply = await PostAsync("chat.update", args, cancellationToken);
        return ToPosted(reply, channel);
    }

    /// <summary><c>users.lookupByEmail</c> (Tier 3). <c>users_not_found</c> is a <see cref="SlackResult{T}.Failed"/>. See <see cref="SlackUserIdCache"/>.</summary>
    public async Task<SlackResult<SlackUser>> LookupUserByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var reply = await GetAsync("users.lookupByEmail", [new("email", email)], cancellationToken);
        if (reply is not SlackResult<JsonObject>.Ok ok) return reply.Cast<SlackUser>();
        var user = ok.Value["user"] as JsonObject;
        var id = Text(user, "id");
        return id is null
            ? Unreadable<SlackUser>("users.lookupByEmail returned no user.id")
            : new SlackResult<SlackUser>.Ok(new SlackUser(id, Text(user, "name"), Text(user, "real_name")));
    }

    /// <summary><c>conversations.open</c> with one user: the id of the direct-message channel with them (the same id every time).</summary>
    public async Task<SlackResult<string>> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken = default)
    {
        var reply = await PostAsync("conversations.open", new JsonObject { ["users"] = userId }, cancellationToken);
        if (reply is not SlackResult<JsonObject>.Ok ok) return reply.Cast<string>();
        var id = Text(ok.Value["channel"] as JsonObject, "id");
        return id is null
            ? Unreadable<string>("conversations.open returned no channel.id")
            : new SlackResult<string>.Ok(id);
    }

    /// <summary><c>views.open</c>: shows a modal. The <paramref name="triggerId"/> of an interaction is usable once, for 3 seconds.</summary>
    /// <returns>The view id.</returns>
    public async Task<SlackResult<string>> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken = default)
    {
        var args = new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() };
        var reply = await PostAsync("views.open", args, cancellationToken);
        if (reply is not SlackResult<JsonObject>.Ok ok) return reply.Cast<string>();
        var id = Text(ok.Value["view"] as JsonObject, "id");
        return id is null
            ? Unreadable<string>("views.open returned no view.id")
            : new SlackResult<string>.Ok(id);
    }

    /// <summary><c>chat.getPermalink</c>: a link to a message, for e-mails and the Baton page.</summary>
    public async Task<SlackResult<Uri>> GetPermalinkAsync(string channel, string messageTs, CancellationToken cancellationToken = default)
    {
        var reply = await GetAsync("chat.getPermalink", [new("channel", channel), new("message_ts", messageTs)], cancellationToken);
        if (reply is not SlackResult<JsonObject>.Ok ok) return reply.Cast<Uri>();
        return Uri.TryCreate(Text(ok.Value, "permalink"), UriKind.Absolute, out var link)
            ? new SlackResult<Uri>.Ok(link)
            : Unreadable<Uri>("chat.getPermalink returned no permalink");
    }

    /// <summary>
    /// <c>conversations.list</c> of public and private channels, archived ones left out, every page read. Private
    /// channels appear only when the bot is a member (Slack lists no others).
    /// </summary>
    /// <remarks>Tier 2 (about 20 a minute): call it rarely and keep the answer; see <see cref="SlackChannelDirectory"/>.</remarks>
    public async Task<SlackResult<IReadOnlyList<SlackChannel>>> ListChannelsAsync(CancellationToken cancellationToken = default)
    {
        var channels = new List<SlackChannel>();
        string? cursor = null;
        do
        {
            List<KeyValuePair<string, string>> query =
            [
                new("types", "public_channel,private_channel"), new("exclude_archived", "true"),
                new("limit", _options.ChannelListPageSize.ToString(CultureInfo.InvariantCulture)),
            ];
            if (cursor is not null) query.Add(new("cursor", cursor));
            var reply = await GetAsync("conversations.list", query, cancellationToken);
            if (reply is not SlackResult<JsonObject>.Ok ok) return reply.Cast<IReadOnlyList<SlackChannel>>();

            foreach (var channel in (ok.Value["channels"] as JsonArray ?? []).OfType<JsonObject>())
                if (ToChannel(channel) is { } read) channels.Add(read);
            cursor = Text(ok.Value["response_metadata"] as JsonObject, "next_cursor");
        }
        while (!string.IsNullOrEmpty(cursor));
        return new SlackResult<IReadOnlyList<SlackChannel>>.Ok(channels);
    }

    /// <summary><c>conversations.create</c>: a new channel with the bot as its only member.</summary>
    /// <param name="name">Lowercase letters, digits, hyphens and underscores, at most 80 characters (<see cref="CustomerChannelName"/> makes one).</param>
    /// <remarks>
    /// <c>name_taken</c> is a <see cref="SlackResult{T}.Failed"/>, archived channels included: names are never freed. After a
    /// <see cref="SlackResult{T}.Transient"/> the channel may exist; look it up by name before creating another.
    /// </remarks>
    public async Task<SlackResult<SlackChannel>> CreateChannelAsync(string name, bool isPrivate, CancellationToken cancellationToken = default)
    {
        var reply = await PostAsync("conversations.create", new JsonObject { ["name"] = name, ["is_private"] = isPrivate }, cancellationToken);
        return ToChannelResult(reply, "conversations.create");
    }

    /// <summary><c>conversations.invite</c>: adds people to a channel the bot is in (Slack takes up to 1,000 ids a call).</summary>
    /// <remarks>
    /// Someone already in the channel is fine: the goal holds, and a retry after a timeout meets it. Slack refuses the
    /// whole call then (<c>already_in_channel</c>, nobody added), so with several ids they are invited again one by one.
    /// Any other refusal (<c>user_not_found</c>, <c>cant_invite_self</c>, <c>not_in_channel</c>, <c>is_archived</c>) is
    /// returned as it is.
    /// </remarks>
    /// <returns>The channel id.</returns>
    public async Task<SlackResult<string>> InviteToChannelAsync(
        string channel, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        var reply = await InviteOnceAsync(channel, userIds, cancellationToken);
        if (reply is SlackResult<JsonObject>.Failed { Error.Code: "already_in_channel" } && userIds.Count > 1)
        {
            foreach (var userId in userIds)
            {
                var one = await InviteOnceAsync(channel, [userId], cancellationToken);
                if (one is not (SlackResult<JsonObject>.Ok or SlackResult<JsonObject>.Failed { Error.Code: "already_in_channel" })) return one.Cast<string>();
            }
            return new SlackResult<string>.Ok(channel);
        }
        return reply is SlackResult<JsonObject>.Ok or SlackResult<JsonObject>.Failed { Error.Code: "already_in_channel" }
            ? new SlackResult<string>.Ok(channel)
            : reply.Cast<string>();
    }

    private Task<SlackResult<JsonObject>> InviteOnceAsync(string channel, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        PostAsync("conversations.invite", new JsonObject { ["channel"] = channel, ["users"] = string.Join(',', userIds) }, cancellationToken);

    /// <summary><c>conversations.archive</c>. <c>already_archived</c> is <see cref="SlackResult{T}.Ok"/>, for the same reason as in <see cref="InviteToChannelAsync"/>.</summary>
    /// <returns>The channel id.</returns>
    public async Task<SlackResult<string>> ArchiveChannelAsync(string channel, CancellationToken cancellationToken = default)
    {
        var reply = await PostAsync("conversations.archive", new JsonObject { ["channel"] = channel }, cancellationToken);
        return reply is SlackResult<JsonObject>.Ok or SlackResult<JsonObject>.Failed { Error.Code: "already_archived" }
            ? new SlackResult<string>.Ok(channel)
            : reply.Cast<string>();
    }

    /// <summary><c>conversations.join</c>: the bot joins a public channel (private ones need an invitation from a member). Joining twice is fine.</summary>
    public async Task<SlackResult<SlackChannel>> JoinChannelAsync(string channel, CancellationToken cancellationToken = default)
    {
        var reply = await PostAsync("conversations.join", new JsonObject { ["channel"] = channel }, cancellationToken);
        return ToChannelResult(reply, "conversations.join");
    }

    /// <summary>
    /// Looks for a post whose metadata is <see cref="SlackMessageMetadata.HandoffEventType"/> with this outbox
    /// message id, from <paramref name="oldestUtc"/> on: in <c>conversations.history</c>, or in
    /// <c>conversations.replies</c> of <paramref name="threadTs"/> for a thread reply (history lists no replies).
    /// </summary>
    /// <returns><c>Ok(null)</c> when no such post exists: posting is then safe.</returns>
    /// <remarks>
    /// Pass the instant of the row's first attempt minus a little clock skew. The bot must be in the channel
    /// (<c>not_in_channel</c> otherwise) and hold the channel's <c>*:history</c> scope. History comes newest
    /// first, so a recent post is found on the first page; replies come oldest first, which is fine for a thread.
    /// </remarks>
    public async Task<SlackResult<PostedMessage?>> FindPostedAsync(
        string channel, string outboxMessageId, DateTimeOffset oldestUtc, string? threadTs = null,
        CancellationToken cancellationToken = default)
    {
        var oldest = oldestUtc.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ".000000";
        var method = threadTs is null ? "conversations.history" : "conversations.replies";
        string? cursor = null;
        do
        {
            List<KeyValuePair<string, string>> query =
            [
                new("channel", channel), new("oldest", oldest), new("include_all_metadata", "true"),
                new("limit", _options.HistoryPageSize.ToString(CultureInfo.InvariantCulture)),
            ];
            if (threadTs is not null) query.Add(new("ts", threadTs));
            if (cursor is not null) query.Add(new("cursor", cursor));
            var reply = await GetAsync(method, query, cancellationToken);
            if (reply is not SlackResult<JsonObject>.Ok ok) return reply.Cast<PostedMessage?>();

            foreach (var message in (ok.Value["messages"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (message["metadata"] is not JsonObject metadata) continue;
                if (Text(metadata, "event_type") != SlackMessageMetadata.HandoffEventType) continue;
                if (Text(metadata["event_payload"] as JsonObject, SlackMessageMetadata.OutboxMessageIdKey) != outboxMessageId) continue;
                if (Text(message, "ts") is { } ts) return new SlackResult<PostedMessage?>.Ok(new PostedMessage(channel, ts));
            }
            cursor = Text(ok.Value["response_metadata"] as JsonObject, "next_cursor");
        }
        while (!string.IsNullOrEmpty(cursor));
        return new SlackResult<PostedMessage?>.Ok(null);
    }

    private static SlackResult<PostedMessage> ToPosted(SlackResult<JsonObject> reply, string channel)
    {
        if (reply is not SlackResult<JsonObject>.Ok ok) return reply.Cast<PostedMessage>();
        var ts = Text(ok.Value, "ts");
        return ts is null
            ? Unreadable<PostedMessage>("no ts in the reply")
            : new SlackResult<PostedMessage>.Ok(new PostedMessage(Text(ok.Value, "channel") ?? channel, ts));
    }

    private static SlackResult<SlackChannel> ToChannelResult(SlackResult<JsonObject> reply, string method)
    {
        if (reply is not SlackResult<JsonObject>.Ok ok) return reply.Cast<SlackChannel>();
        return ToChannel(ok.Value["channel"] as JsonObject) is { } channel
            ? new SlackResult<SlackChannel>.Ok(channel)
            : Unreadable<SlackChannel>($"{method} returned no channel.id and name");
    }

    private static SlackChannel? ToChannel(JsonObject? channel)
    {
        if (Text(channel, "id") is not { } id || Text(channel, "name") is not { } name) return null;
        return new SlackChannel(id, name, Flag(channel, "is_private"), Flag(channel, "is_archived"), Flag(channel, "is_member"));
    }

    private static bool Flag(JsonObject? node, string name) => node?[name]?.GetValueKind() == JsonValueKind.True;

    private static JsonObject MetadataJson(SlackMessageMetadata metadata)
    {
        var payload = new JsonObject();
        foreach (var (key, value) in metadata.Payload) payload[key] = value;
        return new JsonObject { ["event_type"] = metadata.EventType, ["event_payload"] = payload };
    }

    private Task<SlackResult<JsonObject>> PostAsync(string method, JsonObject args, CancellationToken cancellationToken)
    {
        if (HeldBack(method, method == "chat.postMessage" ? Text(args, "channel") : null) is { } wait) return Task.FromResult(wait);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, method))
        {
            // StringContent with a media type writes "application/json; charset=utf-8", which Slack asks for.
            Content = new StringContent(args.ToJsonString(Wire), Encoding.UTF8, "application/json"),
        };
        return SendAsync(method, request, cancellationToken);
    }

    /// <summary>A call the gate will not let go now: answered as a rate limit without sending anything.</summary>
    private SlackResult<JsonObject>? HeldBack(string method, string? channel) =>
        _gate?.TryTake(method, channel) is { } wait ? new SlackResult<JsonObject>.RateLimited(wait, HeldBack: true) : null;

    private Task<SlackResult<JsonObject>> GetAsync(
        string method, IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        if (HeldBack(method, null) is { } wait) return Task.FromResult(wait);
        // Read methods take query arguments and no body: Slack refuses GETs that carry one.
        var queryString = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return SendAsync(method, new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl, $"{method}?{queryString}")), cancellationToken);
    }

    private async Task<SlackResult<JsonObject>> SendAsync(string method, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var _ = request;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BotToken);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SlackResult<JsonObject>.Transient("timeout", null);
        }
        catch (HttpRequestException e)
        {
            return new SlackResult<JsonObject>.Transient($"connection: {e.HttpRequestError}", null);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return RateLimited(method, RetryAfter(response));
            if (status >= 500)
                return new SlackResult<JsonObject>.Transient($"HTTP {status}", status);

            JsonObject? body;
            try
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                body = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body is null)
            {
                // A 2xx that is not Slack JSON comes from something between us and Slack; other statuses are refusals.
                return response.IsSuccessStatusCode
                    ? new SlackResult<JsonObject>.Transient($"HTTP {status} without a JSON body", status)
                    : new SlackResult<JsonObject>.Failed(new SlackError($"http_{status}"));
            }
            if (body["ok"]?.GetValueKind() == JsonValueKind.True && response.IsSuccessStatusCode)
                return new SlackResult<JsonObject>.Ok(body);

            var code = Text(body, "error") ?? $"http_{status}";
            if (code is "ratelimited" or "rate_limited")
                return RateLimited(method, RetryAfter(response));
            var messages = (body["response_metadata"]?["messages"] as JsonArray ?? [])
                .Select(m => m?.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : null)
                .OfType<string>()
                .ToArray();
            return new SlackResult<JsonObject>.Failed(new SlackError(code, messages, Text(body, "needed")));
        }
    }

    private SlackResult<JsonObject> RateLimited(string method, TimeSpan wait)
    {
        // Every later call to the method waits too, not only the one that was refused: Slack counts per method.
        _gate?.Blocked(method, wait);
        return new SlackResult<JsonObject>.RateLimited(wait);
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta && delta >= TimeSpan.Zero ? delta : DefaultRetryAfter;

    private static SlackResult<T> Unreadable<T>(string why) =>
        new SlackResult<T>.Failed(new SlackError("invalid_response", [why]));

    private static string? Text(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
