using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Doubles.Slack;

/// <summary>A scripted failure for the next matching calls.</summary>
public abstract record SlackFailure
{
    private SlackFailure() { }

    /// <summary>HTTP 429 with <c>Retry-After</c> and <c>error:"ratelimited"</c>, as Slack answers a rate-limited method.</summary>
    public sealed record RateLimited(int RetryAfterSeconds) : SlackFailure;

    public sealed record ServerError(int Status = 500) : SlackFailure;

    /// <summary>The call is carried out, then answered with this HTTP status: Slack did the work and the caller cannot know.</summary>
    public sealed record LostAnswer(int Status = 500) : SlackFailure;

    /// <summary>HTTP 200 with <c>ok:false</c> and this error code.</summary>
    public sealed record Error(string Code) : SlackFailure;

    /// <summary>No answer until the caller gives up (or the double stops): a Slack that is slow past any deadline.</summary>
    public sealed record Hang : SlackFailure;
}

/// <summary>One request as the double received it, and what it answered.</summary>
/// <param name="Args">The arguments merged from the query string and the body (JSON or form), as Slack merges them.</param>
public sealed record SlackRecordedRequest(
    string Method, string HttpMethod, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body,
    JsonObject Args, int Status, string? Error);

/// <summary>A channel as the double keeps it. <paramref name="Members"/> includes the bot when it is in the channel.</summary>
public sealed record SlackStoredChannel(string Id, string Name, bool IsPrivate, bool IsArchived, bool BotIsMember, IReadOnlyList<string> Members);

/// <summary>A message as the double keeps it.</summary>
public sealed record SlackStoredMessage(string Channel, string Ts, string? ThreadTs, string Text, JsonArray? Blocks, JsonObject? Metadata);

/// <summary>
/// The Slack Web API on a real local port, for the methods Baton calls: chat.postMessage, chat.update,
/// chat.getPermalink, conversations.history, conversations.replies, conversations.open, conversations.list,
/// conversations.create, conversations.invite, conversations.archive, conversations.join, users.lookupByEmail, views.open.
/// It refuses what Slack refuses (authentication, content types, GETs with a body, required arguments,
/// unknown channels and messages, Block Kit limits, empty messages, spent triggers, channel names Slack's rules forbid
/// or already used, posts to archived channels, invitations of unknown people, of the bot itself or of members),
/// records every request, keeps channels, members and messages so updates, history and listings work, and can be told
/// to fail the next calls, or to carry them out and answer as if they had failed (<see cref="SlackFailure.LostAnswer"/>). It does not check scopes; <see cref="ScopesNeededBy"/> says which ones Slack would.
/// </summary>
/// <remarks>
/// Required arguments come from the rules carried here, plus those of Slack's OpenAPI description in
/// <c>../shared/specs/slack/web-api/</c> when that file is present (<see cref="SpecLoaded"/>).
/// Time is a <see cref="FakeTimeProvider"/> starting at 1763800000 (2025-11-22 08:26:40 UTC), so ts values look real and triggers can expire.
/// </remarks>
public sealed class SlackDouble : IAsyncDisposable
{
    public const string DefaultBotToken = "xoxb-0000000000-baton-double";
    public const string DefaultChannel = "C0HANDOFFS1";
    public const string TeamId = "T0BATON0001";
    public const string BotUserId = "U0BATONBOT1";
    public const string BotId = "B0BATONBOT1";
    public const string WorkspaceUrl = "https://baton-test.slack.com";

    /// <summary>Slack's own lifetime of a trigger_id.</summary>
    public static readonly TimeSpan TriggerLifetime = TimeSpan.FromSeconds(3);

    private static readonly Dictionary<string, MethodRule> Rules = new()
    {
        ["chat.postMessage"] = new(AcceptsJson: true, ["channel"]),
        ["chat.update"] = new(AcceptsJson: true, ["channel", "ts"]),
        ["chat.getPermalink"] = new(AcceptsJson: false, ["channel", "message_ts"]),
        ["conversations.history"] = new(AcceptsJson: false, ["channel"]),
        ["conversations.replies"] = new(AcceptsJson: false, ["channel", "ts"]),
        ["conversations.open"] = new(AcceptsJson: true, []),
        ["conversations.list"] = new(AcceptsJson: false, []),
        // Slack answers a missing name with invalid_name_required and missing users with no_user, not invalid_arguments.
        ["conversations.create"] = new(AcceptsJson: true, []),
        ["conversations.invite"] = new(AcceptsJson: true, ["channel"]),
        ["conversations.archive"] = new(AcceptsJson: true, ["channel"]),
        ["conversations.join"] = new(AcceptsJson: true, ["channel"]),
        ["users.lookupByEmail"] = new(AcceptsJson: false, ["email"]),
        ["views.open"] = new(AcceptsJson: true, ["trigger_id", "view"]),
    };

    /// <summary>
    /// The granular bot scopes Slack's reference gives for each method, for the conversation kinds Baton uses (public and
    /// private channels, direct messages; never group DMs). Written from Slack's method pages, not from Baton's code, so
    /// a test can hold Baton's app manifest against it.
    /// </summary>
    private static readonly Dictionary<string, string[]> Scopes = new()
    {
        ["chat.postMessage"] = ["chat:write"],
        ["chat.update"] = ["chat:write"],
        ["chat.getPermalink"] = [],
        ["conversations.history"] = ["channels:history", "groups:history", "im:history"],
        ["conversations.replies"] = ["channels:history", "groups:history", "im:history"],
        ["conversations.open"] = ["im:write"],
        ["conversations.list"] = ["channels:read", "groups:read"],
        ["conversations.create"] = ["channels:manage", "groups:write"],
        ["conversations.invite"] = ["channels:manage", "groups:write"],
        ["conversations.archive"] = ["channels:manage", "groups:write"],
        ["conversations.join"] = ["channels:join"],
        // users:read.email is granted only with users:read.
        ["users.lookupByEmail"] = ["users:read.email", "users:read"],
        ["views.open"] = [],
    };

    /// <summary>
    /// Calls a minute per method, the floors of the tiers Slack's method pages give (Tier 2 20+, Tier 3 50+, Tier 4 100+);
    /// <c>chat.postMessage</c> is "special": about one message a second per channel (<see cref="PostInterval"/>).
    /// </summary>
    private static readonly Dictionary<string, int> CallsPerMinute = new()
    {
        ["chat.update"] = 50,
        ["chat.getPermalink"] = 100,
        ["conversations.history"] = 50,
        ["conversations.replies"] = 50,
        ["conversations.open"] = 50,
        ["conversations.list"] = 20,
        ["conversations.create"] = 20,
        ["conversations.invite"] = 50,
        ["conversations.archive"] = 20,
        ["conversations.join"] = 50,
        ["users.lookupByEmail"] = 50,
        ["views.open"] = 100,
    };

    /// <summary>Slack's per-channel pace for chat.postMessage.</summary>
    public static readonly TimeSpan PostInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, List<DateTimeOffset>> _callsByMethod = new();
    private readonly Dictionary<string, DateTimeOffset> _lastPostByChannel = new();

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<string>> _required;
    private readonly List<SlackRecordedRequest> _requests = [];
    private readonly Dictionary<string, Channel> _channels = new();
    private readonly Dictionary<string, User> _usersByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Trigger> _triggers = new();
    private readonly List<(string? Method, SlackFailure Failure)> _failures = [];
    private readonly List<JsonObject> _openedViews = [];
    private readonly TaskCompletionSource _hung = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastTsMicros;
    private int _sequence;

    private SlackDouble(WebApplication app, FakeTimeProvider time, string botToken, Dictionary<string, HashSet<string>> required, bool specLoaded)
    {
        _app = app;
        Time = time;
        BotToken = botToken;
        _required = required;
        SpecLoaded = specLoaded;
        AddChannel(DefaultChannel, "handoffs");
    }

    /// <summary>Web API root, e.g. <c>http://127.0.0.1:51234/api/</c>: the value for <c>Slack:ApiBaseUrl</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string BotToken { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>
    /// Whether the double answers 429 with <c>Retry-After</c> past Slack's documented limits (on by default): a method's
    /// calls a minute by tier, and more than one chat.postMessage a second to one channel. Time is <see cref="Time"/>.
    /// </summary>
    public bool EnforceRateLimits { get; set; } = true;

    /// <summary>True when the OpenAPI description was found and its required arguments are enforced too.</summary>
    public bool SpecLoaded { get; }

    /// <param name="loadSpec">False to run on the rules carried in code alone, as in a clone without <c>shared/specs</c>.</param>
    public static async Task<SlackDouble> StartAsync(string botToken = DefaultBotToken, FakeTimeProvider? time = null, bool loadSpec = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        var (required, specLoaded) = LoadRequiredArguments(loadSpec);
        var fake = time ?? new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1763800000));
        var slack = new SlackDouble(app, fake, botToken, required, specLoaded);
        app.Run(slack.HandleAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        slack.BaseUrl = new Uri(address.TrimEnd('/') + "/api/");
        return slack;
    }

    /// <summary>A channel Slack already has, as <c>conversations.list</c> will show it. A private channel the bot is not in is invisible to it.</summary>
    public void AddChannel(string id, string name, bool botIsMember = true, bool isPrivate = false, bool isArchived = false)
    {
        lock (_gate) _channels[id] = new Channel(id, name, botIsMember, isPrivate, Time.GetUtcNow().ToUnixTimeSeconds()) { IsArchived = isArchived };
    }

    /// <summary>The scopes Slack would ask of a bot token for <paramref name="method"/>; empty for methods that need none.</summary>
    public static IReadOnlyList<string> ScopesNeededBy(string method) =>
        Scopes.TryGetValue(method, out var scopes) ? scopes : throw new ArgumentException($"the double does not serve {method}", nameof(method));

    /// <summary>Every channel, DMs included, in the order they were added or created.</summary>
    public IReadOnlyList<SlackStoredChannel> Channels
    {
        get { lock (_gate) return [.. _channels.Values.Select(Snapshot)]; }
    }

    public SlackStoredChannel? StoredChannel(string id)
    {
        lock (_gate) return _channels.TryGetValue(id, out var c) ? Snapshot(c) : null;
    }

    /// <summary>Who is in a channel, in the order they joined or were invited; the bot included when it is in.</summary>
    public IReadOnlyList<string> Members(string channel) => StoredChannel(channel)?.Members ?? [];

    public void AddUser(string id, string email, string name)
    {
        lock (_gate) _usersByEmail[email] = new User(id, email, name);
    }

    /// <summary>A trigger_id as an interaction would carry it, usable once within <see cref="TriggerLifetime"/> of now.</summary>
    public string IssueTrigger()
    {
        lock (_gate)
        {
            var id = $"{Time.GetUtcNow().ToUnixTimeSeconds()}.{++_sequence}.{Guid.NewGuid():N}";
            _triggers[id] = new Trigger(Time.GetUtcNow() + TriggerLifetime);
            return id;
        }
    }

    /// <summary>The next <paramref name="count"/> calls (to <paramref name="method"/>, or to any method) fail this way.</summary>
    public void FailNext(int count, SlackFailure failure, string? method = null)
    {
        lock (_gate)
            for (var i = 0; i < count; i++) _failures.Add((method, failure));
    }

    /// <summary>Completes when a call scripted with <see cref="SlackFailure.Hang"/> has arrived and is being held.</summary>
    public Task HungCallArrived => _hung.Task;

    public IReadOnlyList<SlackRecordedRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    public IReadOnlyList<SlackRecordedRequest> RequestsTo(string method) => [.. Requests.Where(r => r.Method == method)];

    /// <summary>Messages in a channel, oldest first, thread replies included.</summary>
    public IReadOnlyList<SlackStoredMessage> Messages(string channel)
    {
        lock (_gate)
            return _channels.TryGetValue(channel, out var c)
                ? [.. c.Messages.Select(m => new SlackStoredMessage(channel, m.Ts, m.ThreadTs, m.Text, m.Blocks?.DeepClone().AsArray(), m.Metadata?.DeepClone().AsObject()))]
                : [];
    }

    public IReadOnlyList<JsonObject> OpenedViews
    {
        get { lock (_gate) return [.. _openedViews.Select(v => v.DeepClone().AsObject())]; }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Path.StartsWithSegments("/api", out var rest) ? rest.Value?.Trim('/') ?? "" : "";
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var args = new JsonObject();

        if (TakeHang(method))
        {
            _hung.TrySetResult();
            // Held until the caller hangs up; nothing is carried out, as when Slack never got to the call.
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
            catch (OperationCanceledException) { }
            return;
        }
        var reply = Answer(method, request, body, args);

        lock (_gate)
            _requests.Add(new SlackRecordedRequest(method, request.Method, headers, request.ContentType, body, args, reply.Status,
                reply.Body["ok"]?.GetValue<bool>() == false ? reply.Body["error"]?.GetValue<string>() : null));

        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(reply.Body.ToJsonString());
    }

    private bool TakeHang(string method)
    {
        lock (_gate)
        {
            var index = _failures.FindIndex(f => f.Method is null || f.Method == method);
            if (index < 0 || _failures[index].Failure is not SlackFailure.Hang) return false;
            _failures.RemoveAt(index);
            return true;
        }
    }

    private Reply Answer(string method, HttpRequest request, string body, JsonObject args)
    {
        if (!Rules.TryGetValue(method, out var rule)) return Reply.Error("unknown_method", status: 404);

        int? lostAnswer = null;
        lock (_gate)
        {
            var index = _failures.FindIndex(f => f.Method is null || f.Method == method);
            if (index >= 0)
            {
                var failure = _failures[index].Failure;
                _failures.RemoveAt(index);
                switch (failure)
                {
                    case SlackFailure.RateLimited r: return Reply.Error("ratelimited", status: 429) with { RetryAfterSeconds = r.RetryAfterSeconds };
                    case SlackFailure.ServerError s: return Reply.Error("internal_error", status: s.Status);
                    case SlackFailure.Error e: return Reply.Error(e.Code);
                    case SlackFailure.LostAnswer l: lostAnswer = l.Status; break;
                }
            }
        }
        var answer = Carry(method, rule, request, body, args);
        return lostAnswer is { } status ? Reply.Error("internal_error", status: status) : answer;
    }

    private Reply Carry(string method, MethodRule rule, HttpRequest request, string body, JsonObject args)
    {

        // Slack refuses GET and HEAD requests that carry a body (announced for 2027-02-17; Baton must already comply).
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            if (body.Length > 0) return Reply.Error("invalid_request", status: 403);
        }
        else if (!HttpMethods.IsPost(request.Method))
        {
            return Reply.Error("invalid_post_type", status: 405);
        }

        foreach (var (key, value) in request.Query) args[key] = value.ToString();
        var warnings = new List<string>();
        string? formToken = null;
        if (HttpMethods.IsPost(request.Method) && body.Length > 0)
        {
            var refused = ReadBody(request.ContentType, body, rule, args, warnings, out formToken);
            if (refused is not null) return refused;
        }

        var token = request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal)
            ? auth["Bearer ".Length..].Trim()
            : formToken;
        if (string.IsNullOrEmpty(token)) return Reply.Error("not_authed");
        if (token != BotToken) return Reply.Error("invalid_auth");

        var missing = _required[method].Where(name => string.IsNullOrEmpty(Str(args, name))).ToList();
        if (missing.Count > 0)
            return Reply.Error("invalid_arguments", messages: [.. missing.Select(m => $"[ERROR] missing required field: {m}")]);

        lock (_gate)
        {
            if (EnforceRateLimits && OverLimit(method, Str(args, "channel")) is { } retryAfter)
                return Reply.Error("ratelimited", status: 429) with { RetryAfterSeconds = retryAfter };
            var reply = method switch
            {
                "chat.postMessage" => PostMessage(args),
                "chat.update" => Update(args),
                "chat.getPermalink" => Permalink(args),
                "conversations.history" => History(args),
                "conversations.replies" => Replies(args),
                "conversations.open" => OpenConversation(args),
                "conversations.list" => ListConversations(args),
                "conversations.create" => CreateConversation(args),
                "conversations.invite" => Invite(args),
                "conversations.archive" => Archive(args),
                "conversations.join" => Join(args),
                "users.lookupByEmail" => LookupByEmail(args),
                "views.open" => OpenView(args),
                _ => Reply.Error("unknown_method", status: 404),
            };
            if (warnings.Count > 0 && reply.Body["ok"]?.GetValue<bool>() == true)
            {
                reply.Body["warning"] = string.Join(',', warnings);
                reply.Body["response_metadata"] = new JsonObject { ["warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode)w)]) };
            }
            return reply;
        }
    }

    /// <summary>Counts the call; when it is one too many, the whole seconds until it would be allowed (at least 1), as Slack's Retry-After.</summary>
    private int? OverLimit(string method, string? channel)
    {
        var now = Time.GetUtcNow();
        static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        if (method == "chat.postMessage")
        {
            if (channel is null) return null;
            // A post counts when it lands (see PostMessage): a refused one put nothing in the channel.
            return _lastPostByChannel.TryGetValue(channel, out var last) && now - last < PostInterval ? Seconds(last + PostInterval - now) : null;
        }
        if (!CallsPerMinute.TryGetValue(method, out var limit)) return null;
        if (!_callsByMethod.TryGetValue(method, out var calls)) _callsByMethod[method] = calls = [];
        calls.RemoveAll(at => now - at >= TimeSpan.FromMinutes(1));
        if (calls.Count >= limit) return Seconds(calls[0] + TimeSpan.FromMinutes(1) - now);
        calls.Add(now);
        return null;
    }

    private static Reply? ReadBody(string? contentType, string body, MethodRule rule, JsonObject args, List<string> warnings, out string? formToken)
    {
        formToken = null;
        if (string.IsNullOrEmpty(contentType)) return Reply.Error("missing_post_type");
        var parts = contentType.Split(';', StringSplitOptions.TrimEntries);
        var mediaType = parts[0].ToLowerInvariant();
        var charset = parts.Skip(1).Select(p => p.Split('=', 2)).Where(kv => kv.Length == 2 && kv[0].Equals("charset", StringComparison.OrdinalIgnoreCase))
            .Select(kv => kv[1].Trim('"').ToLowerInvariant()).FirstOrDefault();
        if (charset is not null && charset is not ("utf-8" or "iso-8859-1")) return Reply.Error("invalid_charset");

        switch (mediaType)
        {
            case "application/json":
                if (charset is null) warnings.Add("missing_charset");
                JsonNode? parsed;
                try { parsed = JsonNode.Parse(body); }
                catch (JsonException) { return Reply.Error("invalid_json"); }
                if (parsed is not JsonObject json) return Reply.Error("json_not_object");
                // Read methods take form or query arguments only: Slack ignores a JSON body there.
                if (!rule.AcceptsJson) { warnings.Add("json_body_ignored"); return null; }
                foreach (var (key, value) in json) args[key] = value?.DeepClone();
                return null;
            case "application/x-www-form-urlencoded" or "text/plain":
                foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=');
                    var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
                    var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
                    if (key == "token") formToken = value;
                    else args[key] = value;
                }
                return null;
            default:
                return Reply.Error("invalid_post_type");
        }
    }

    private Reply PostMessage(JsonObject args)
    {
        var channelId = Str(args, "channel")!;
        if (FindChannel(channelId) is not { } channel) return Reply.Error("channel_not_found");
        if (channel.IsArchived) return Reply.Error("is_archived");
        if (!channel.BotIsMember) return Reply.Error("not_in_channel");
        var (blocks, blockError) = ReadBlocks(args);
        if (blockError is not null) return blockError;
        var text = Str(args, "text") ?? "";
        if (text.Length == 0 && blocks is not { Count: > 0 }) return Reply.Error("no_text");
        JsonObject? metadata = null;
        if (args["metadata"] is { } rawMetadata)
        {
            metadata = rawMetadata is JsonValue v && v.GetValueKind() == JsonValueKind.String ? TryParse(v.GetValue<string>()) as JsonObject : rawMetadata as JsonObject;
            if (metadata is null || Str(metadata, "event_type") is not { Length: > 0 } || metadata["event_payload"] is not JsonObject)
                return Reply.Error("invalid_metadata_format");
        }

        // Slack cuts text after 40,000 characters rather than refusing it.
        var message = new Message(NextTs(), Str(args, "thread_ts"), text.Length > 40000 ? text[..40000] : text, blocks, metadata?.DeepClone().AsObject());
        channel.Messages.Add(message);
        _lastPostByChannel[channelId] = Time.GetUtcNow();
        return Reply.Ok(new JsonObject { ["channel"] = channel.Id, ["ts"] = message.Ts, ["message"] = MessageJson(message, withMetadata: true) });
    }

    private Reply Update(JsonObject args)
    {
        if (FindChannel(Str(args, "channel")!) is not { } channel) return Reply.Error("channel_not_found");
        var index = channel.Messages.FindIndex(m => m.Ts == Str(args, "ts"));
        if (index < 0) return Reply.Error("message_not_found");
        var (blocks, blockError) = ReadBlocks(args);
        if (blockError is not null) return blockError;
        var text = Str(args, "text");
        if (string.IsNullOrEmpty(text) && blocks is not { Count: > 0 }) return Reply.Error("no_text");

        var old = channel.Messages[index];
        var updated = old with { Text = text ?? "", Blocks = blocks };
        channel.Messages[index] = updated;
        return Reply.Ok(new JsonObject
        {
            ["channel"] = channel.Id, ["ts"] = updated.Ts, ["text"] = updated.Text, ["message"] = MessageJson(updated, withMetadata: true),
        });
    }

    private Reply Permalink(JsonObject args)
    {
        if (FindChannel(Str(args, "channel")!) is not { } channel) return Reply.Error("channel_not_found");
        var ts = Str(args, "message_ts")!;
        if (channel.Messages.All(m => m.Ts != ts)) return Reply.Error("message_not_found");
        return Reply.Ok(new JsonObject
        {
            ["channel"] = channel.Id, ["permalink"] = $"{WorkspaceUrl}/archives/{channel.Id}/p{ts.Replace(".", "", StringComparison.Ordinal)}",
        });
    }

    private Reply History(JsonObject args)
    {
        if (FindChannel(Str(args, "channel")!) is not { } channel) return Reply.Error("channel_not_found");
        if (!channel.BotIsMember) return Reply.Error("not_in_channel");
        // Top-level messages only (thread replies live in conversations.replies), newest first.
        var topLevel = channel.Messages.Where(m => m.ThreadTs is null || m.ThreadTs == m.Ts).Reverse();
        return Page(topLevel, args, "messages");
    }

    private Reply Replies(JsonObject args)
    {
        if (FindChannel(Str(args, "channel")!) is not { } channel) return Reply.Error("channel_not_found");
        if (!channel.BotIsMember) return Reply.Error("not_in_channel");
        var ts = Str(args, "ts")!;
        var parent = channel.Messages.FirstOrDefault(m => m.Ts == ts);
        if (parent is null) return Reply.Error("thread_not_found");
        // The parent first, then its replies, oldest first.
        return Page([parent, .. channel.Messages.Where(m => m.ThreadTs == ts && m.Ts != ts)], args, "messages");
    }

    /// <summary>oldest/latest (exclusive unless <c>inclusive</c>), <c>include_all_metadata</c>, and cursor pagination, as Slack pages.</summary>
    private static Reply Page(IEnumerable<Message> messages, JsonObject args, string property)
    {
        if (!TryTs(Str(args, "oldest"), 0m, out var oldest)) return Reply.Error("invalid_ts_oldest");
        if (!TryTs(Str(args, "latest"), decimal.MaxValue, out var latest)) return Reply.Error("invalid_ts_latest");
        var inclusive = Str(args, "inclusive") is "true" or "1";
        var withMetadata = Str(args, "include_all_metadata") is "true" or "1";
        var limit = int.TryParse(Str(args, "limit"), CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 999) : 100;
        var offset = 0;
        if (Str(args, "cursor") is { Length: > 0 } cursor)
        {
            try { offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture); }
            catch (FormatException) { return Reply.Error("invalid_cursor"); }
        }

        var matching = messages
            .Where(m =>
            {
                var ts = decimal.Parse(m.Ts, CultureInfo.InvariantCulture);
                return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
            })
            .ToList();
        var page = matching.Skip(offset).Take(limit).ToList();
        var hasMore = offset + page.Count < matching.Count;
        return Reply.Ok(new JsonObject
        {
            [property] = new JsonArray([.. page.Select(m => (JsonNode)MessageJson(m, withMetadata))]),
            ["has_more"] = hasMore,
            ["response_metadata"] = new JsonObject
            {
                ["next_cursor"] = hasMore ? Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + page.Count).ToString(CultureInfo.InvariantCulture))) : "",
            },
        });
    }

    private Reply OpenConversation(JsonObject args)
    {
        var users = (Str(args, "users") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (users.Length == 0 && Str(args, "channel") is null) return Reply.Error("users_list_not_supplied");
        if (users.Length > 1) return Reply.Error("not_supported_by_double");
        var user = _usersByEmail.Values.FirstOrDefault(u => u.Id == users[0]);
        if (user is null) return Reply.Error("user_not_found");
        var dmId = "D" + user.Id[1..];
        if (!_channels.ContainsKey(dmId))
            _channels[dmId] = new Channel(dmId, user.Id, BotIsMember: true, IsPrivate: true, Time.GetUtcNow().ToUnixTimeSeconds()) { IsIm = true };
        return Reply.Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = dmId } });
    }

    private Reply LookupByEmail(JsonObject args)
    {
        if (!_usersByEmail.TryGetValue(Str(args, "email")!, out var user)) return Reply.Error("users_not_found");
        return Reply.Ok(new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["id"] = user.Id, ["team_id"] = TeamId, ["name"] = user.Name, ["real_name"] = user.Name, ["deleted"] = false, ["is_bot"] = false,
                ["profile"] = new JsonObject { ["email"] = user.Email, ["real_name"] = user.Name, ["display_name"] = user.Name },
            },
        });
    }

    private Reply OpenView(JsonObject args)
    {
        var triggerId = Str(args, "trigger_id")!;
        if (!_triggers.TryGetValue(triggerId, out var trigger)) return Reply.Error("invalid_trigger_id");
        if (trigger.Exchanged) return Reply.Error("exchanged_trigger_id");
        if (Time.GetUtcNow() > trigger.ExpiresAtUtc) return Reply.Error("expired_trigger_id");

        var view = args["view"] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? TryParse(text.GetValue<string>()) as JsonObject : args["view"] as JsonObject;
        if (view is null) return Reply.Error("invalid_arguments", messages: ["[ERROR] failed to match all allowed schemas [json-pointer:/view]"]);
        var errors = BlockKitRules.CheckModal(view);
        if (errors.Count > 0) return Reply.Error("invalid_arguments", messages: errors);

        _triggers[triggerId] = trigger with { Exchanged = true };
        var opened = view.DeepClone().AsObject();
        opened["id"] = $"V{++_sequence:D10}";
        opened["team_id"] = TeamId;
        opened["state"] = new JsonObject { ["values"] = new JsonObject() };
        opened["hash"] = $"{Time.GetUtcNow().ToUnixTimeSeconds()}.{Guid.NewGuid():N}"[..20];
        _openedViews.Add(opened);
        return Reply.Ok(new JsonObject { ["view"] = opened.DeepClone() });
    }

    /// <summary>
    /// <c>types</c> (default <c>public_channel</c>), <c>exclude_archived</c>, <c>limit</c> (1 to 1,000, default 100) and cursor
    /// pages. Private channels and DMs are listed only when the bot is in them, as Slack lists only what the caller can see.
    /// </summary>
    private Reply ListConversations(JsonObject args)
    {
        var types = (Str(args, "types") is { Length: > 0 } t ? t : "public_channel").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (types.Any(type => type is not ("public_channel" or "private_channel" or "mpim" or "im"))) return Reply.Error("invalid_types");
        var excludeArchived = Str(args, "exclude_archived") is "true" or "1";
        if (!int.TryParse(Str(args, "limit") ?? "100", CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > 1000)
            return Reply.Error("invalid_limit");
        var offset = 0;
        if (Str(args, "cursor") is { Length: > 0 } cursor && !TryCursor(cursor, out offset)) return Reply.Error("invalid_cursor");

        var matching = _channels.Values
            .Where(c => c.IsIm ? types.Contains("im") : types.Contains(c.IsPrivate ? "private_channel" : "public_channel"))
            .Where(c => !c.IsPrivate || c.BotIsMember)
            .Where(c => !excludeArchived || !c.IsArchived)
            .ToList();
        var page = matching.Skip(offset).Take(limit).ToList();
        var hasMore = offset + page.Count < matching.Count;
        return Reply.Ok(new JsonObject
        {
            ["channels"] = new JsonArray([.. page.Select(c => (JsonNode)ChannelJson(c))]),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = hasMore ? Cursor(offset + page.Count) : "" },
        });
    }

    /// <summary>Slack's naming rules, checked in the order its errors are documented; names stay taken after archiving.</summary>
    private Reply CreateConversation(JsonObject args)
    {
        var name = Str(args, "name") ?? "";
        if (name.Trim().Length == 0) return Reply.Error("invalid_name_required");
        if (name.Length > 80) return Reply.Error("invalid_name_maxlength");
        if (!name.Any(char.IsAsciiLetterOrDigit)) return Reply.Error("invalid_name_punctuation");
        // Lowercase letters, digits, hyphens and underscores only: stricter than Slack is with some letters outside
        // ASCII, which Baton never sends.
        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_')) return Reply.Error("invalid_name_specials");
        if (_channels.Values.Any(c => !c.IsIm && c.Name == name)) return Reply.Error("name_taken");

        var isPrivate = Str(args, "is_private") is "true" or "1";
        var id = $"C0NEW{++_sequence:D6}";
        var channel = new Channel(id, name, BotIsMember: true, isPrivate, Time.GetUtcNow().ToUnixTimeSeconds());
        _channels[id] = channel;
        return Reply.Ok(new JsonObject { ["channel"] = ChannelJson(channel) });
    }

    /// <summary>All or nothing, as Slack invites without <c>force</c>: one refused id (or one already in) adds nobody.</summary>
    private Reply Invite(JsonObject args)
    {
        if (FindChannel(Str(args, "channel")!) is not { IsIm: false } channel) return Reply.Error("channel_not_found");
        if (channel.IsArchived) return Reply.Error("is_archived");
        if (!channel.BotIsMember) return Reply.Error("not_in_channel");
        var users = (Str(args, "users") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (users.Length == 0) return Reply.Error("no_user");
        if (users.Length > 1000) return Reply.Error("too_many_users");
        foreach (var user in users)
        {
            if (user == BotUserId) return Reply.Error("cant_invite_self");
            if (_usersByEmail.Values.All(u => u.Id != user)) return Reply.Error("user_not_found");
            if (channel.People.Contains(user)) return Reply.Error("already_in_channel");
        }
        foreach (var user in users.Distinct()) channel.People.Add(user);
        return Reply.Ok(new JsonObject { ["channel"] = ChannelJson(channel) });
    }

    private Reply Archive(JsonObject args)
    {
        if (FindChannel(Str(args, "channel")!) is not { IsIm: false } channel) return Reply.Error("channel_not_found");
        if (channel.IsArchived) return Reply.Error("already_archived");
        if (!channel.BotIsMember) return Reply.Error("not_in_channel");
        channel.IsArchived = true;
        return Reply.Ok(new JsonObject());
    }

    /// <summary>Public channels only; joining one the bot is already in is ok with a warning, as Slack answers.</summary>
    private Reply Join(JsonObject args)
    {
        if (FindChannel(Str(args, "channel")!) is not { } channel) return Reply.Error("channel_not_found");
        if (channel.IsPrivate) return Reply.Error("method_not_supported_for_channel_type");
        if (channel.IsArchived) return Reply.Error("is_archived");
        var wasMember = channel.BotIsMember;
        channel.BotIsMember = true;
        var reply = Reply.Ok(new JsonObject { ["channel"] = ChannelJson(channel) });
        if (wasMember)
        {
            reply.Body["warning"] = "already_in_channel";
            reply.Body["response_metadata"] = new JsonObject { ["warnings"] = new JsonArray("already_in_channel") };
        }
        return reply;
    }

    /// <summary>The fields of Slack's channel object (<c>samples/api/conversations.info.json</c>) that say what the channel is.</summary>
    private static JsonObject ChannelJson(Channel c) => new()
    {
        ["id"] = c.Id, ["name"] = c.IsIm ? null : c.Name, ["name_normalized"] = c.IsIm ? null : c.Name,
        ["is_channel"] = !c.IsPrivate && !c.IsIm, ["is_group"] = c.IsPrivate && !c.IsIm, ["is_im"] = c.IsIm, ["is_mpim"] = false,
        ["is_private"] = c.IsPrivate, ["is_archived"] = c.IsArchived, ["is_general"] = false, ["is_shared"] = false,
        ["is_ext_shared"] = false, ["is_org_shared"] = false, ["is_member"] = c.BotIsMember,
        ["created"] = c.CreatedUnix, ["creator"] = BotUserId, ["context_team_id"] = TeamId,
        ["num_members"] = c.People.Count + (c.BotIsMember ? 1 : 0),
    };

    private static SlackStoredChannel Snapshot(Channel c) =>
        new(c.Id, c.Name, c.IsPrivate, c.IsArchived, c.BotIsMember, c.BotIsMember ? [BotUserId, .. c.People] : [.. c.People]);

    private static string Cursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryCursor(string cursor, out int offset)
    {
        offset = 0;
        try { return int.TryParse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture, out offset) && offset >= 0; }
        catch (FormatException) { return false; }
    }

    private static (JsonArray? Blocks, Reply? Error) ReadBlocks(JsonObject args)
    {
        var raw = args["blocks"];
        if (raw is null) return (null, null);
        var blocks = raw is JsonValue v && v.GetValueKind() == JsonValueKind.String ? TryParse(v.GetValue<string>()) as JsonArray : raw as JsonArray;
        if (blocks is null) return (null, Reply.Error("invalid_blocks_format"));
        var errors = BlockKitRules.Check(blocks, BlockKitRules.Surface.Message);
        return errors.Count > 0 ? (null, Reply.Error("invalid_blocks", messages: errors)) : (blocks.DeepClone().AsArray(), null);
    }

    /// <summary>Slack says channel_not_found for a private channel the bot is not in, as for one that does not exist.</summary>
    private Channel? FindChannel(string id) =>
        _channels.GetValueOrDefault(id) is { } c && (!c.IsPrivate || c.BotIsMember) ? c : null;

    /// <summary>Unique, increasing, and from the clock: "1763800000.000100".</summary>
    private string NextTs()
    {
        var micros = Math.Max(Time.GetUtcNow().ToUnixTimeMilliseconds() * 1000, _lastTsMicros) + 100;
        _lastTsMicros = micros;
        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }

    private static JsonObject MessageJson(Message m, bool withMetadata)
    {
        var json = new JsonObject
        {
            ["type"] = "message", ["user"] = BotUserId, ["bot_id"] = BotId, ["team"] = TeamId, ["ts"] = m.Ts, ["text"] = m.Text,
        };
        if (m.ThreadTs is not null) json["thread_ts"] = m.ThreadTs;
        if (m.Blocks is not null) json["blocks"] = m.Blocks.DeepClone();
        if (withMetadata && m.Metadata is not null) json["metadata"] = m.Metadata.DeepClone();
        return json;
    }

    private static bool TryTs(string? text, decimal fallback, out decimal ts)
    {
        ts = fallback;
        return string.IsNullOrEmpty(text) || decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out ts);
    }

    private static JsonNode? TryParse(string json)
    {
        try { return JsonNode.Parse(json); }
        catch (JsonException) { return null; }
    }

    private static string? Str(JsonObject args, string name) => args[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        JsonNode n => n.ToJsonString(),
        null => null,
    };

    /// <summary>The code's rules, plus every required parameter the OpenAPI description names (except the token, which travels in the header).</summary>
    private static (Dictionary<string, HashSet<string>> Required, bool SpecLoaded) LoadRequiredArguments(bool loadSpec)
    {
        var required = Rules.ToDictionary(r => r.Key, r => new HashSet<string>(r.Value.Required));
        var path = Path.Combine(Repo.Root, "..", "shared", "specs", "slack", "web-api", "slack_web_openapi_v2.json");
        if (!loadSpec || !File.Exists(path)) return (required, false);

        using var spec = JsonDocument.Parse(File.ReadAllBytes(path));
        var paths = spec.RootElement.GetProperty("paths");
        foreach (var (method, names) in required)
        {
            if (!paths.TryGetProperty("/" + method, out var operations)) continue;
            foreach (var operation in operations.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("parameters", out var parameters)) continue;
                foreach (var parameter in parameters.EnumerateArray())
                    if (parameter.TryGetProperty("required", out var r) && r.GetBoolean() && parameter.GetProperty("name").GetString() is { } name && name != "token")
                        names.Add(name);
            }
        }
        return (required, true);
    }

    private sealed record MethodRule(bool AcceptsJson, string[] Required);

    private sealed record Channel(string Id, string Name, bool BotIsMember, bool IsPrivate, long CreatedUnix)
    {
        public bool BotIsMember { get; set; } = BotIsMember;
        public bool IsArchived { get; set; }
        public bool IsIm { get; init; }
        /// <summary>People other than the bot, in the order they came.</summary>
        public List<string> People { get; } = [];
        public List<Message> Messages { get; } = [];
    }

    private sealed record Message(string Ts, string? ThreadTs, string Text, JsonArray? Blocks, JsonObject? Metadata);

    private sealed record User(string Id, string Email, string Name);

    private sealed record Trigger(DateTimeOffset ExpiresAtUtc, bool Exchanged = false);

    private sealed record Reply(int Status, JsonObject Body, int? RetryAfterSeconds = null)
    {
        public static Reply Ok(JsonObject body)
        {
            var withOk = new JsonObject { ["ok"] = true };
            foreach (var (key, value) in body) withOk[key] = value?.DeepClone();
            return new Reply(200, withOk);
        }

        public static Reply Error(string code, int status = 200, IReadOnlyList<string>? messages = null)
        {
            var body = new JsonObject { ["ok"] = false, ["error"] = code };
            if (messages is { Count: > 0 })
                body["response_metadata"] = new JsonObject { ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)m)]) };
            return new Reply(status, body);
        }
    }
}
