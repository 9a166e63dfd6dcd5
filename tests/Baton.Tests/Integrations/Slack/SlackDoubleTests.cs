using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Tests.Doubles.Slack;

namespace Baton.Tests.Integrations.Slack;

/// <summary>The double refuses what Slack refuses, so a passing Baton test means Baton speaks the real protocol.</summary>
public sealed class SlackDoubleTests : IAsyncLifetime
{
    private SlackDouble _slack = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackDouble.StartAsync();
        _http = new HttpClient { BaseAddress = _slack.BaseUrl };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpMethod verb, string path, HttpContent? content, bool bearer = true)
    {
        using var request = new HttpRequestMessage(verb, path) { Content = content };
        if (bearer) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _slack.BotToken);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static StringContent Json(string json, string mediaType = "application/json; charset=utf-8")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    [Fact]
    public async Task PostMessage_NoTokenAnywhere_NotAuthed()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0HANDOFFS1","text":"hi"}"""), bearer: false);

        Assert.Equal("not_authed", (string?)body["error"]);
    }

    [Fact]
    public async Task PostMessage_TokenInsideJsonBody_NotAuthed()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage",
            Json($$"""{"token":"{{SlackDouble.DefaultBotToken}}","channel":"C0HANDOFFS1","text":"hi"}"""), bearer: false);

        Assert.Equal("not_authed", (string?)body["error"]);
    }

    [Fact]
    public async Task PostMessage_FormWithTokenField_Accepted()
    {
        var form = new FormUrlEncodedContent([new("token", SlackDouble.DefaultBotToken), new("channel", "C0HANDOFFS1"), new("text", "hi there")]);

        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", form, bearer: false);

        Assert.True((bool)body["ok"]!);
        Assert.Equal("hi there", Assert.Single(_slack.Messages("C0HANDOFFS1")).Text);
    }

    [Fact]
    public async Task PostMessage_UnsupportedContentType_InvalidPostType()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("<xml/>", "application/xml"));

        Assert.Equal("invalid_post_type", (string?)body["error"]);
    }

    [Fact]
    public async Task PostMessage_NoContentType_MissingPostType()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"channel":"C0HANDOFFS1","text":"hi"}"""));

        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", content);

        Assert.Equal("missing_post_type", (string?)body["error"]);
    }

    [Fact]
    public async Task PostMessage_JsonWithoutCharset_AcceptedWithWarning()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0HANDOFFS1","text":"hi"}""", "application/json"));

        Assert.True((bool)body["ok"]!);
        Assert.Equal("missing_charset", (string?)body["warning"]);
    }

    [Fact]
    public async Task PostMessage_BrokenJson_InvalidJson()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"""));

        Assert.Equal("invalid_json", (string?)body["error"]);
    }

    [Fact]
    public async Task PostMessage_MissingChannel_InvalidArgumentsNamingIt()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"text":"hi"}"""));

        Assert.Equal("invalid_arguments", (string?)body["error"]);
        Assert.Equal("[ERROR] missing required field: channel", (string?)body["response_metadata"]!["messages"]![0]);
    }

    [Fact]
    public async Task PostMessage_BlocksAsFormString_Validated()
    {
        var tooMany = new JsonArray([.. Enumerable.Range(0, 51).Select(_ => (JsonNode)new JsonObject { ["type"] = "divider" })]);
        var form = new FormUrlEncodedContent([new("channel", "C0HANDOFFS1"), new("text", "hi"), new("blocks", tooMany.ToJsonString())]);

        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", form);

        Assert.Equal("invalid_blocks", (string?)body["error"]);
    }

    [Fact]
    public async Task PostMessage_ButtonTextOver75_InvalidBlocks()
    {
        var button = new JsonObject { ["type"] = "button", ["action_id"] = "a", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('b', 76) } };
        var args = new JsonObject
        {
            ["channel"] = "C0HANDOFFS1", ["text"] = "hi",
            ["blocks"] = new JsonArray { new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray { button } } },
        };

        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json(args.ToJsonString()));

        Assert.Equal("invalid_blocks", (string?)body["error"]);
        Assert.Contains("/blocks/0/elements/0/text/text", (string?)body["response_metadata"]!["messages"]![0]);
    }

    [Fact]
    public async Task PostMessage_MetadataWithoutEventType_InvalidMetadataFormat()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage",
            Json("""{"channel":"C0HANDOFFS1","text":"hi","metadata":{"event_payload":{}}}"""));

        Assert.Equal("invalid_metadata_format", (string?)body["error"]);
    }

    [Fact]
    public async Task LookupByEmail_GetWithBody_Forbidden()
    {
        var (status, _) = await SendAsync(HttpMethod.Get, "users.lookupByEmail?email=a%40b.c", Json("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task LookupByEmail_EmailInJsonBody_IgnoredSoEmailIsMissing()
    {
        _slack.AddUser("U0CSMDANA1", "dana.ortiz@example.com", "Dana Ortiz");

        var (_, body) = await SendAsync(HttpMethod.Post, "users.lookupByEmail", Json("""{"email":"dana.ortiz@example.com"}"""));

        Assert.Equal("invalid_arguments", (string?)body["error"]);
    }

    [Fact]
    public async Task UnknownMethod_NotFound()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "chat.scheduleMessage", Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("unknown_method", (string?)body["error"]);
    }

    [Fact]
    public async Task RateLimitScript_Answers429WithRetryAfterHeader()
    {
        _slack.FailNext(1, new SlackFailure.RateLimited(12));
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat.postMessage") { Content = Json("""{"channel":"C0HANDOFFS1","text":"hi"}""") };

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(12), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public void Start_SpecPresent_LoadsRequiredArgumentsFromIt()
    {
        SlackSpecs.Load("web-api/slack_web_openapi_v2.json");

        Assert.True(_slack.SpecLoaded);
    }

    [Fact]
    public async Task Start_WithoutSpec_StillRefusesMissingRequiredArguments()
    {
        await using var bare = await SlackDouble.StartAsync(loadSpec: false);
        using var http = new HttpClient { BaseAddress = bare.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat.update") { Content = Json("""{"channel":"C0HANDOFFS1","text":"hi"}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bare.BotToken);

        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.False(bare.SpecLoaded);
        Assert.Equal("invalid_arguments", (string?)body["error"]);
        Assert.Equal("[ERROR] missing required field: ts", (string?)body["response_metadata"]!["messages"]![0]);
    }

    [Fact]
    public async Task ConversationsList_UnknownType_InvalidTypes()
    {
        var (_, body) = await SendAsync(HttpMethod.Get, "conversations.list?types=public_channel,channels", null);

        Assert.Equal("invalid_types", (string?)body["error"]);
    }

    [Fact]
    public async Task ConversationsList_NoTypes_PublicChannelsOnlyInSlacksChannelShape()
    {
        _slack.AddChannel("G0CSLEADS01", "cs-leads", isPrivate: true);

        var (_, body) = await SendAsync(HttpMethod.Get, "conversations.list", null);

        var channel = Assert.Single(body["channels"]!.AsArray())!;
        Assert.Equal("C0HANDOFFS1", (string?)channel["id"]);
        Assert.True((bool)channel["is_channel"]!);
        Assert.False((bool)channel["is_private"]!);
        Assert.Equal("", (string?)body["response_metadata"]!["next_cursor"]);
    }

    [Fact]
    public async Task ConversationsList_BrokenCursor_InvalidCursor()
    {
        var (_, body) = await SendAsync(HttpMethod.Get, "conversations.list?cursor=not-a-cursor", null);

        Assert.Equal("invalid_cursor", (string?)body["error"]);
    }

    [Fact]
    public async Task ConversationsCreate_FormWithoutName_InvalidNameRequired()
    {
        var form = new FormUrlEncodedContent([new("is_private", "true")]);

        var (_, body) = await SendAsync(HttpMethod.Post, "conversations.create", form);

        Assert.Equal("invalid_name_required", (string?)body["error"]);
    }

    [Fact]
    public async Task ConversationsCreate_SameNameTwice_SecondNameTaken()
    {
        var first = await SendAsync(HttpMethod.Post, "conversations.create", Json("""{"name":"cust-northwind"}"""));
        var second = await SendAsync(HttpMethod.Post, "conversations.create", Json("""{"name":"cust-northwind","is_private":true}"""));

        Assert.True((bool)first.Body["ok"]!);
        Assert.Equal("name_taken", (string?)second.Body["error"]);
    }

    [Fact]
    public async Task ConversationsInvite_WithoutUsers_NoUser()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, "conversations.invite", Json("""{"channel":"C0HANDOFFS1"}"""));

        Assert.Equal("no_user", (string?)body["error"]);
    }

    [Fact]
    public async Task ConversationsInvite_WithoutChannel_InvalidArguments()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, "conversations.invite", Json("""{"users":"U0CSMDANA1"}"""));

        Assert.Equal("invalid_arguments", (string?)body["error"]);
    }

    [Fact]
    public async Task ConversationsJoin_AlreadyMember_OkWithWarning()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, "conversations.join", Json("""{"channel":"C0HANDOFFS1"}"""));

        Assert.True((bool)body["ok"]!);
        Assert.Equal("already_in_channel", (string?)body["warning"]);
        Assert.True((bool)body["channel"]!["is_member"]!);
    }

    [Fact]
    public void ScopesNeededBy_MethodTheDoubleDoesNotServe_Throws()
    {
        Assert.Throws<ArgumentException>(() => SlackDouble.ScopesNeededBy("admin.users.list"));
    }
}
