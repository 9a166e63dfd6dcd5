using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Inbox;
using Baton.Core.Integrations.Slack;
using Baton.Core.Playbook;
using Baton.Tests.Audit;
using Baton.Tests.Doubles.Slack;
using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Delivery;

/// <summary>
/// Baton and the Slack double side by side: the team's people exist in Slack under known ids, the playbook posts to
/// the double's channel (by id, as history lookups need), and interactions are signed like Slack signs them.
/// </summary>
internal sealed class SlackHarness : IAsyncDisposable
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    private readonly ScratchDir _playbook;

    private SlackHarness(BatonApp app, SlackDouble? slack, ScratchDir playbook)
    {
        App = app;
        _slack = slack;
        _playbook = playbook;
    }

    private readonly SlackDouble? _slack;

    public BatonApp App { get; }
    public SlackDouble Slack => _slack ?? throw new InvalidOperationException("started without Slack");

    /// <param name="withBotToken">False: Slack:BotToken is unset and messages go to the feed.</param>
    /// <param name="teamChannel">What the playbook names as the team channel: the double's channel by id unless told otherwise.</param>
    public static async Task<SlackHarness> StartAsync(bool withBotToken = true, IDictionary<string, string?>? settings = null, string teamChannel = SlackDouble.DefaultChannel)
    {
        var playbook = new ScratchDir();
        var dir = playbook.CopyOfDefaultPlaybook();
        var yaml = Path.Combine(dir, "playbook.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("channel: \"#cs-handoffs\"", $"channel: \"{teamChannel}\"", StringComparison.Ordinal));

        SlackDouble? slack = null;
        var config = new Dictionary<string, string?> { ["Slack:SigningSecret"] = SigningSecret };
        // One clock for both: message ts values line up with Baton's "since", and Slack's rate limits run out as Baton's time moves.
        var time = new FakeTimeProvider(BatonApp.DefaultStart);
        if (withBotToken)
        {
            slack = await SlackDouble.StartAsync(time: time);
            foreach (var person in PlaybookContext.Load(dir).Playbook.Team) slack.AddUser(UserId(person.Id), person.Email, person.Name);
            config["Slack:ApiBaseUrl"] = slack.BaseUrl.ToString();
            config["Slack:BotToken"] = slack.BotToken;
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        return new SlackHarness(await BatonApp.StartAsync(config, dir, time: time), slack, playbook);
    }

    /// <summary>The Slack user id the double gives a team member: "U" + the letters of their id, upper case.</summary>
    public static string UserId(string personId) => "U" + new string([.. personId.Where(char.IsLetter)]).ToUpperInvariant();

    /// <summary>Creates a deal with good handoff fields and moves it to Closed Won, which starts its handoff.</summary>
    /// <param name="fields">Field values that replace the good ones, e.g. what was promised.</param>
    public async Task<HandoffRow> CloseDealAsync(string id = "deal-1", decimal amount = 48000m, string company = "Northwind Analytics",
        IReadOnlyDictionary<string, string>? fields = null)
    {
        var values = ExportBuilder.GoodDeal().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        foreach (var (key, value) in fields ?? new Dictionary<string, string>()) values[key] = value;
        var created = await App.App.Services.DealAsync<CreateDeal>(d => d.RunAsync(
            new NewDeal(id, $"{company} renewal", company, "Proposal", "rachel.goldberg", amount, null, null, values),
            "rachel.goldberg", "api", CancellationToken.None));
        Assert.IsType<DealResult.Ok>(created);
        var moved = await App.App.Services.DealAsync<MoveDealStage>(d => d.RunAsync(id, "Closed Won", "rachel.goldberg", CancellationToken.None));
        Assert.IsType<DealResult.Ok>(moved);
        return await HandoffAsync(id);
    }

    public Task<HandoffRow> HandoffAsync(string dealId) => App.Db(db => db.Handoffs.AsNoTracking().SingleAsync(h => h.DealId == dealId));

    public Task<List<OutboxRow>> OutboxAsync(string dealId) =>
        App.Db(db => db.Outbox.AsNoTracking().Where(o => o.DealId == dealId).OrderBy(o => o.Id).ToListAsync());

    public Task<int> RunInboxAsync() => App.App.Services.GetRequiredService<InboxPump>().RunOnceAsync(CancellationToken.None);

    /// <summary>Posts a signed interaction the way Slack does: a form body with one <c>payload</c> field.</summary>
    public async Task<HttpResponseMessage> SendInteractionAsync(JsonObject payload, string? secret = null, DateTimeOffset? at = null)
    {
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        return await SendSignedAsync("/webhooks/slack/interactions", body, "application/x-www-form-urlencoded", secret, at);
    }

    public async Task<HttpResponseMessage> SendSignedAsync(string path, string body, string contentType, string? secret = null, DateTimeOffset? at = null)
    {
        var when = at ?? App.Time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add(SlackSignature.TimestampHeader, when.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Sign(secret ?? SigningSecret, when, body));
        return await App.Http.SendAsync(request);
    }

    /// <summary>A button press on the handoff post, as Slack's block_actions payload carries it.</summary>
    public static JsonObject ButtonPayload(string actionId, string dealId, string userId, string triggerId, string actionTs = "1764514800.000100") => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = userId, ["team_id"] = SlackDouble.TeamId },
        ["trigger_id"] = triggerId,
        ["channel"] = new JsonObject { ["id"] = SlackDouble.DefaultChannel },
        ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = SlackDouble.DefaultChannel, ["message_ts"] = "1764514800.000100" },
        ["response_url"] = "https://hooks.slack.com/actions/T0/1/abc",
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = actionId, ["block_id"] = HandoffPostBlocks.ActionsBlockIdPrefix + dealId, ["value"] = dealId, ["action_ts"] = actionTs,
        }),
    };

    /// <summary>An Events API delivery, signed, as Slack posts it.</summary>
    public Task<HttpResponseMessage> SendEventAsync(JsonObject envelope) =>
        SendSignedAsync("/webhooks/slack/events", envelope.ToJsonString(), "application/json");

    /// <summary>
    /// The <c>event_callback</c> envelope around one event, as in Slack's samples (<c>samples/events/MessagePayload.json</c>):
    /// the installing bot named in <c>authorizations</c>.
    /// </summary>
    public static JsonObject Envelope(string eventId, JsonObject e) => new()
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = SlackDouble.TeamId,
        ["api_app_id"] = "A0BATON0001",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1764514800,
        ["authorizations"] = new JsonArray(new JsonObject
        {
            ["enterprise_id"] = null, ["team_id"] = SlackDouble.TeamId, ["user_id"] = SlackDouble.BotUserId, ["is_bot"] = true, ["is_enterprise_install"] = false,
        }),
        ["is_ext_shared_channel"] = false,
        ["event_context"] = "4-eyJldCI6Im1lc3NhZ2UifQ",
        ["event"] = e,
    };

    /// <summary>A person's message: a thread reply when <paramref name="threadTs"/> is given.</summary>
    public static JsonObject Message(string channel, string user, string text, string ts, string? threadTs)
    {
        var e = new JsonObject
        {
            ["client_msg_id"] = Guid.NewGuid().ToString(), ["type"] = "message", ["team"] = SlackDouble.TeamId, ["channel"] = channel,
            ["user"] = user, ["text"] = text, ["ts"] = ts, ["event_ts"] = ts, ["channel_type"] = "channel",
        };
        if (threadTs is not null)
        {
            e["thread_ts"] = threadTs;
            e["parent_user_id"] = SlackDouble.BotUserId;
        }
        return e;
    }

    /// <summary>The reject modal submitted with a reason and the fields the CSM called filler.</summary>
    public static JsonObject RejectSubmission(string dealId, string userId, string reason, params string[] junk) => new()
    {
        ["type"] = "view_submission",
        ["user"] = new JsonObject { ["id"] = userId },
        ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0",
        ["view"] = new JsonObject
        {
            ["id"] = "V0REJECT001",
            ["callback_id"] = HandoffPostBlocks.RejectCallbackId,
            ["private_metadata"] = dealId,
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    [HandoffPostBlocks.ReasonBlockId] = new JsonObject
                    {
                        [HandoffPostBlocks.ReasonActionId] = new JsonObject { ["type"] = "plain_text_input", ["value"] = reason },
                    },
                    [HandoffPostBlocks.JunkBlockId] = new JsonObject
                    {
                        [HandoffPostBlocks.JunkActionId] = new JsonObject
                        {
                            ["type"] = "checkboxes",
                            ["selected_options"] = new JsonArray([.. junk.Select(k => (JsonNode)new JsonObject { ["value"] = k })]),
                        },
                    },
                },
            },
        },
    };

    /// <summary>JSON as a reader sees it: mentions stay <c>&lt;@U…&gt;</c> rather than <c>\u003C@U…\u003E</c>.</summary>
    public static string Text(JsonNode node) =>
        node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_slack is not null) await _slack.DisposeAsync();
        _playbook.Dispose();
    }
}
