using System.Text.Json.Nodes;
using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;
using Microsoft.Extensions.Options;

namespace Baton.Tests.Integrations.Slack;

/// <summary>SlackApi against the double over real HTTP.</summary>
public sealed class SlackApiTests : IAsyncLifetime
{
    private const string Channel = SlackDouble.DefaultChannel;
    private SlackDouble _slack = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        // The client alone, posting several messages to one channel in the same instant: its pacing is the gate's
        // (SlackRateGateTests) and the outbox's business, tested there against the double's limits.
        _slack = await SlackDouble.StartAsync();
        _slack.EnforceRateLimits = false;
        _slack.AddUser(SampleHandoffs.CsmUserId, "dana.ortiz@example.com", "Dana Ortiz");
        _http = new HttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private SlackApi Api(string? token = null, int historyPageSize = 100) => new(_http, Options.Create(new SlackOptions
    {
        ApiBaseUrl = _slack.BaseUrl,
        BotToken = token ?? _slack.BotToken,
        HistoryPageSize = historyPageSize,
    }));

    private static T Ok<T>(SlackResult<T> result) =>
        Assert.IsType<SlackResult<T>.Ok>(result).Value;

    [Fact]
    public async Task PostMessageAsync_HandoffPost_SendsJsonWithBearerAndReturnsTs()
    {
        var post = SampleHandoffs.Northwind();

        var posted = Ok(await Api().PostMessageAsync(Channel, HandoffPostBlocks.FallbackText(post), HandoffPostBlocks.Build(post),
            metadata: SlackMessageMetadata.Handoff("outbox-42", post.HandoffId)));

        Assert.Equal(Channel, posted.Channel);
        Assert.Matches(@"^1763800000\.\d{6}$", posted.Ts);
        var request = Assert.Single(_slack.RequestsTo("chat.postMessage"));
        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal($"Bearer {_slack.BotToken}", request.Headers["Authorization"]);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(200, request.Status);
        Assert.Null(request.Error);
        var stored = Assert.Single(_slack.Messages(Channel));
        Assert.Equal(posted.Ts, stored.Ts);
        Assert.Equal("baton_handoff", (string?)stored.Metadata!["event_type"]);
        Assert.Equal("outbox-42", (string?)stored.Metadata["event_payload"]!["outbox_message_id"]);
    }

    [Fact]
    public async Task PostMessageAsync_HandoffPost_MentionsTheCsmInTextAndBlocks()
    {
        var post = SampleHandoffs.Northwind();

        Ok(await Api().PostMessageAsync(Channel, HandoffPostBlocks.FallbackText(post), HandoffPostBlocks.Build(post)));

        var stored = Assert.Single(_slack.Messages(Channel));
        Assert.Contains("<@U0CSMDANA1>", stored.Text);
        Assert.Contains("<@U0CSMDANA1>, this customer is now yours", JsonText.Of(stored.Blocks!));
    }

    [Fact]
    public async Task UpdateMessageAsync_AfterAcknowledge_ReplacesAcknowledgeButtonWithContextLine()
    {
        var api = Api();
        var post = SampleHandoffs.Northwind();
        var posted = Ok(await api.PostMessageAsync(Channel, HandoffPostBlocks.FallbackText(post), HandoffPostBlocks.Build(post)));
        var acknowledged = post with
        {
            StateLabel = "Acknowledged",
            Progress = new HandoffPostProgress(Acknowledged: new SlackActed(SampleHandoffs.CsmUserId, _slack.Time.GetUtcNow())),
        };

        var updated = Ok(await api.UpdateMessageAsync(posted.Channel, posted.Ts, HandoffPostBlocks.FallbackText(acknowledged), HandoffPostBlocks.Build(acknowledged)));

        Assert.Equal(posted.Ts, updated.Ts);
        var blocks = JsonText.Of(Assert.Single(_slack.Messages(Channel)).Blocks!);
        Assert.Contains("Acknowledged by <@U0CSMDANA1> at <!date^1763800000^", blocks);
        Assert.DoesNotContain(HandoffPostBlocks.AcknowledgeActionId, blocks);
        Assert.Contains(HandoffPostBlocks.AcceptActionId, blocks);
    }

    [Fact]
    public async Task UpdateMessageAsync_UnknownTs_FailsWithMessageNotFound()
    {
        var result = await Api().UpdateMessageAsync(Channel, "1763700000.000100", "text");

        Assert.Equal("message_not_found", Assert.IsType<SlackResult<PostedMessage>.Failed>(result).Error.Code);
    }

    [Fact]
    public async Task PostMessageAsync_ThreadReply_IsKeptInTheThreadAndOutOfHistory()
    {
        var api = Api();
        var parent = Ok(await api.PostMessageAsync(Channel, "parent"));

        var reply = Ok(await api.PostMessageAsync(Channel, "<@U0CSMDANA1> acknowledged", threadTs: parent.Ts));

        Assert.NotEqual(parent.Ts, reply.Ts);
        Assert.Equal(parent.Ts, _slack.Messages(Channel)[1].ThreadTs);
        Assert.Equal(parent.Ts, (string?)_slack.RequestsTo("chat.postMessage")[1].Args["thread_ts"]);
    }

    [Fact]
    public async Task PostMessageAsync_RateLimited_SurfacesRetryAfterSeconds()
    {
        _slack.FailNext(1, new SlackFailure.RateLimited(17), "chat.postMessage");

        var result = await Api().PostMessageAsync(Channel, "hello");

        var limited = Assert.IsType<SlackResult<PostedMessage>.RateLimited>(result);
        Assert.Equal(TimeSpan.FromSeconds(17), limited.Wait);
        Assert.True(result.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(17), result.RetryAfter);
        Assert.Empty(_slack.Messages(Channel));
    }

    [Fact]
    public async Task PostMessageAsync_AfterScriptedFailuresRunOut_Succeeds()
    {
        _slack.FailNext(2, new SlackFailure.ServerError(503));
        var api = Api();

        var first = await api.PostMessageAsync(Channel, "hello");
        var second = await api.PostMessageAsync(Channel, "hello");
        var third = await api.PostMessageAsync(Channel, "hello");

        Assert.Equal(503, Assert.IsType<SlackResult<PostedMessage>.Transient>(first).HttpStatus);
        Assert.IsType<SlackResult<PostedMessage>.Transient>(second);
        Assert.IsType<SlackResult<PostedMessage>.Ok>(third);
    }

    [Fact]
    public async Task PostMessageAsync_ServerError_IsTransientAndRetryable()
    {
        _slack.FailNext(1, new SlackFailure.ServerError(500));

        var result = await Api().PostMessageAsync(Channel, "hello");

        var transient = Assert.IsType<SlackResult<PostedMessage>.Transient>(result);
        Assert.Equal(500, transient.HttpStatus);
        Assert.True(result.IsRetryable);
    }

    [Fact]
    public async Task PostMessageAsync_NobodyListening_IsTransientWithoutStatus()
    {
        var closed = new SlackApi(_http, Options.Create(new SlackOptions { ApiBaseUrl = new Uri("http://127.0.0.1:1/api/"), BotToken = "x" }));

        var result = await closed.PostMessageAsync(Channel, "hello");

        Assert.Null(Assert.IsType<SlackResult<PostedMessage>.Transient>(result).HttpStatus);
    }

    [Theory]
    [InlineData("is_archived", false)]
    [InlineData("internal_error", true)]
    [InlineData("fatal_error", true)]
    public async Task PostMessageAsync_OkFalse_IsFailedWithRetryabilityByCode(string code, bool retryable)
    {
        _slack.FailNext(1, new SlackFailure.Error(code));

        var result = await Api().PostMessageAsync(Channel, "hello");

        Assert.Equal(code, Assert.IsType<SlackResult<PostedMessage>.Failed>(result).Error.Code);
        Assert.Equal(retryable, result.IsRetryable);
    }

    [Fact]
    public async Task PostMessageAsync_InvalidToken_FailsWithInvalidAuth()
    {
        var result = await Api(token: "xoxb-revoked").PostMessageAsync(Channel, "hello");

        var failed = Assert.IsType<SlackResult<PostedMessage>.Failed>(result);
        Assert.Equal("invalid_auth", failed.Error.Code);
        Assert.False(result.IsRetryable);
    }

    [Fact]
    public async Task PostMessageAsync_EmptyToken_FailsWithNotAuthed()
    {
        var result = await Api(token: "").PostMessageAsync(Channel, "hello");

        Assert.Equal("not_authed", Assert.IsType<SlackResult<PostedMessage>.Failed>(result).Error.Code);
    }

    [Fact]
    public async Task PostMessageAsync_UnknownChannel_FailsWithChannelNotFound()
    {
        var result = await Api().PostMessageAsync("C0NOSUCH", "hello");

        Assert.Equal("channel_not_found", Assert.IsType<SlackResult<PostedMessage>.Failed>(result).Error.Code);
    }

    [Fact]
    public async Task PostMessageAsync_BotNotInChannel_FailsWithNotInChannel()
    {
        _slack.AddChannel("C0PRIVATE1", "cs-leads", botIsMember: false);

        var result = await Api().PostMessageAsync("C0PRIVATE1", "hello");

        Assert.Equal("not_in_channel", Assert.IsType<SlackResult<PostedMessage>.Failed>(result).Error.Code);
    }

    [Fact]
    public async Task PostMessageAsync_SectionOverBlockKitLimit_RejectedAsInvalidBlocks()
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = new string('x', 3001) } },
        };

        var result = await Api().PostMessageAsync(Channel, "hello", blocks);

        var error = Assert.IsType<SlackResult<PostedMessage>.Failed>(result).Error;
        Assert.Equal("invalid_blocks", error.Code);
        Assert.Contains(error.Messages, m => m.Contains("/blocks/0/text/text", StringComparison.Ordinal));
        Assert.False(result.IsRetryable);
    }

    [Fact]
    public async Task PostMessageAsync_TenThousandCharacterPromise_AcceptedTruncatedWithLinkToBaton()
    {
        var post = SampleHandoffs.Northwind() with { PromisedMrkdwn = string.Concat(Enumerable.Repeat("Custom SSO & SCIM. ", 527)) };
        Assert.True(post.PromisedMrkdwn.Length >= 10_000);

        var result = await Api().PostMessageAsync(Channel, HandoffPostBlocks.FallbackText(post), HandoffPostBlocks.Build(post));

        Assert.IsType<SlackResult<PostedMessage>.Ok>(result);
        var promised = Assert.Single(_slack.Messages(Channel)).Blocks!
            .Select(b => (string?)b!["text"]?["text"])
            .Single(t => t?.StartsWith("*What was promised*", StringComparison.Ordinal) == true)!;
        Assert.True(promised.Length <= 3000);
        Assert.Contains("…\n<https://baton.example.com/handoffs/h-0001|Read the rest in Baton>", promised);
    }

    [Fact]
    public async Task PostMessageAsync_NoTextAndNoBlocks_FailsWithNoText()
    {
        var result = await Api().PostMessageAsync(Channel, "");

        Assert.Equal("no_text", Assert.IsType<SlackResult<PostedMessage>.Failed>(result).Error.Code);
    }

    [Fact]
    public async Task LookupUserByEmailAsync_KnownEmail_UsesGetWithQueryAndNoBody()
    {
        var user = Ok(await Api().LookupUserByEmailAsync("dana.ortiz@example.com"));

        Assert.Equal(SampleHandoffs.CsmUserId, user.Id);
        var request = Assert.Single(_slack.RequestsTo("users.lookupByEmail"));
        Assert.Equal("GET", request.HttpMethod);
        Assert.Equal("", request.Body);
        Assert.Equal("dana.ortiz@example.com", (string?)request.Args["email"]);
    }

    [Fact]
    public async Task LookupUserByEmailAsync_UnknownEmail_FailsWithUsersNotFound()
    {
        var result = await Api().LookupUserByEmailAsync("nobody@example.com");

        Assert.Equal("users_not_found", Assert.IsType<SlackResult<SlackUser>.Failed>(result).Error.Code);
        Assert.False(result.IsRetryable);
    }

    [Fact]
    public async Task OpenDirectMessageAsync_KnownUser_ReturnsDmChannelThatTakesPosts()
    {
        var api = Api();

        var dm = Ok(await api.OpenDirectMessageAsync(SampleHandoffs.CsmUserId));
        var again = Ok(await api.OpenDirectMessageAsync(SampleHandoffs.CsmUserId));

        Assert.StartsWith("D", dm);
        Assert.Equal(dm, again);
        Assert.IsType<SlackResult<PostedMessage>.Ok>(await api.PostMessageAsync(dm, "Your handoff was sent back: SSO was never promised."));
    }

    [Fact]
    public async Task OpenDirectMessageAsync_UnknownUser_FailsWithUserNotFound()
    {
        var result = await Api().OpenDirectMessageAsync("U0NOBODY");

        Assert.Equal("user_not_found", Assert.IsType<SlackResult<string>.Failed>(result).Error.Code);
    }

    [Fact]
    public async Task OpenViewAsync_FreshTrigger_OpensRejectModal()
    {
        var modal = HandoffPostBlocks.RejectModal("h-0001", "Northwind Traders", [new("why_now", "Why now"), new("success_metric", "Success metric")]);

        var viewId = Ok(await Api().OpenViewAsync(_slack.IssueTrigger(), modal));

        Assert.StartsWith("V", viewId);
        var opened = Assert.Single(_slack.OpenedViews);
        Assert.Equal("baton.reject", (string?)opened["callback_id"]);
        Assert.Equal("h-0001", (string?)opened["private_metadata"]);
    }

    [Fact]
    public async Task OpenViewAsync_TriggerOlderThanThreeSeconds_FailsWithExpiredTriggerId()
    {
        var trigger = _slack.IssueTrigger();
        _slack.Time.Advance(TimeSpan.FromSeconds(4));

        var result = await Api().OpenViewAsync(trigger, HandoffPostBlocks.RejectModal("h-0001", "Northwind", []));

        Assert.Equal("expired_trigger_id", Assert.IsType<SlackResult<string>.Failed>(result).Error.Code);
    }

    [Fact]
    public async Task OpenViewAsync_TriggerUsedTwice_FailsWithExchangedTriggerId()
    {
        var api = Api();
        var trigger = _slack.IssueTrigger();
        var modal = HandoffPostBlocks.RejectModal("h-0001", "Northwind", []);
        Ok(await api.OpenViewAsync(trigger, modal));

        var result = await api.OpenViewAsync(trigger, modal);

        Assert.Equal("exchanged_trigger_id", Assert.IsType<SlackResult<string>.Failed>(result).Error.Code);
    }

    [Fact]
    public async Task OpenViewAsync_UnknownTrigger_FailsWithInvalidTriggerId()
    {
        var result = await Api().OpenViewAsync("123.456.nope", HandoffPostBlocks.RejectModal("h-0001", "Northwind", []));

        Assert.Equal("invalid_trigger_id", Assert.IsType<SlackResult<string>.Failed>(result).Error.Code);
    }

    [Fact]
    public async Task GetPermalinkAsync_PostedMessage_ReturnsArchiveLink()
    {
        var api = Api();
        var posted = Ok(await api.PostMessageAsync(Channel, "hello"));

        var link = Ok(await api.GetPermalinkAsync(posted.Channel, posted.Ts));

        Assert.Equal($"{SlackDouble.WorkspaceUrl}/archives/{Channel}/p{posted.Ts.Replace(".", "")}", link.ToString());
        Assert.Equal("GET", Assert.Single(_slack.RequestsTo("chat.getPermalink")).HttpMethod);
    }

    [Fact]
    public async Task FindPostedAsync_AfterPost_FindsItByOutboxMessageId()
    {
        var api = Api();
        var firstAttemptAt = _slack.Time.GetUtcNow();
        Ok(await api.PostMessageAsync(Channel, "other", metadata: SlackMessageMetadata.Handoff("outbox-41", "h-0000")));
        var posted = Ok(await api.PostMessageAsync(Channel, "mine", metadata: SlackMessageMetadata.Handoff("outbox-42", "h-0001")));
        Ok(await api.PostMessageAsync(Channel, "unrelated, no metadata"));

        var found = Ok(await api.FindPostedAsync(Channel, "outbox-42", firstAttemptAt.AddMinutes(-1)));

        Assert.Equal(posted, found);
        var history = Assert.Single(_slack.RequestsTo("conversations.history"));
        Assert.Equal("GET", history.HttpMethod);
        Assert.Equal("true", (string?)history.Args["include_all_metadata"]);
    }

    [Fact]
    public async Task FindPostedAsync_NeverPosted_ReturnsNull()
    {
        var api = Api();
        Ok(await api.PostMessageAsync(Channel, "other", metadata: SlackMessageMetadata.Handoff("outbox-41", "h-0000")));

        var found = Ok(await api.FindPostedAsync(Channel, "outbox-42", _slack.Time.GetUtcNow().AddMinutes(-1)));

        Assert.Null(found);
    }

    [Fact]
    public async Task FindPostedAsync_PostBeforeOldest_IsNotFound()
    {
        var api = Api();
        Ok(await api.PostMessageAsync(Channel, "mine", metadata: SlackMessageMetadata.Handoff("outbox-42", "h-0001")));
        _slack.Time.Advance(TimeSpan.FromMinutes(10));

        var found = Ok(await api.FindPostedAsync(Channel, "outbox-42", _slack.Time.GetUtcNow().AddMinutes(-1)));

        Assert.Null(found);
    }

    [Fact]
    public async Task FindPostedAsync_PostBehindSeveralPages_FollowsCursor()
    {
        var api = Api(historyPageSize: 2);
        var posted = Ok(await api.PostMessageAsync(Channel, "mine", metadata: SlackMessageMetadata.Handoff("outbox-42", "h-0001")));
        for (var i = 0; i < 5; i++) Ok(await api.PostMessageAsync(Channel, $"later {i}"));

        var found = Ok(await api.FindPostedAsync(Channel, "outbox-42", _slack.Time.GetUtcNow().AddMinutes(-1)));

        Assert.Equal(posted, found);
        Assert.Equal(3, _slack.RequestsTo("conversations.history").Count);
    }

    [Fact]
    public async Task FindPostedAsync_RateLimited_ReturnsRateLimitedNotNull()
    {
        _slack.FailNext(1, new SlackFailure.RateLimited(60), "conversations.history");

        var result = await Api().FindPostedAsync(Channel, "outbox-42", _slack.Time.GetUtcNow());

        Assert.Equal(TimeSpan.FromSeconds(60), Assert.IsType<SlackResult<PostedMessage?>.RateLimited>(result).Wait);
    }

    [Fact]
    public async Task FindPostedAsync_ThreadReply_FoundThroughReplies()
    {
        var api = Api();
        var since = _slack.Time.GetUtcNow().AddMinutes(-1);
        var parent = Ok(await api.PostMessageAsync(Channel, "handoff", metadata: SlackMessageMetadata.Handoff("outbox-42", "h-0001")));
        var reply = Ok(await api.PostMessageAsync(Channel, "acknowledged", threadTs: parent.Ts, metadata: SlackMessageMetadata.Handoff("outbox-43", "h-0001")));

        var inHistory = Ok(await api.FindPostedAsync(Channel, "outbox-43", since));
        var inThread = Ok(await api.FindPostedAsync(Channel, "outbox-43", since, threadTs: parent.Ts));

        Assert.Null(inHistory);
        Assert.Equal(reply, inThread);
        Assert.Equal("GET", Assert.Single(_slack.RequestsTo("conversations.replies")).HttpMethod);
    }

    [Fact]
    public async Task FindPostedAsync_BotNotInChannel_FailsWithNotInChannel()
    {
        _slack.AddChannel("C0PRIVATE1", "cs-leads", botIsMember: false);

        var result = await Api().FindPostedAsync("C0PRIVATE1", "outbox-42", _slack.Time.GetUtcNow());

        Assert.Equal("not_in_channel", Assert.IsType<SlackResult<PostedMessage?>.Failed>(result).Error.Code);
        Assert.False(result.IsRetryable);
    }

    [Fact]
    public async Task FindPostedAsync_UnknownThread_FailsWithThreadNotFound()
    {
        var result = await Api().FindPostedAsync(Channel, "outbox-42", _slack.Time.GetUtcNow(), threadTs: "1763000000.000100");

        Assert.Equal("thread_not_found", Assert.IsType<SlackResult<PostedMessage?>.Failed>(result).Error.Code);
    }
}
