using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;
using Microsoft.Extensions.Options;

namespace Baton.Tests.Integrations.Slack;

/// <summary>SlackApi's channel methods (conversations.list, create, invite, archive, join) against the double over real HTTP.</summary>
public sealed class SlackChannelApiTests : IAsyncLifetime
{
    private const string Dana = "U0CSMDANA1";
    private const string Omar = "U0AEOMAR01";
    private SlackDouble _slack = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackDouble.StartAsync();
        _slack.AddUser(Dana, "dana.ortiz@example.com", "Dana Ortiz");
        _slack.AddUser(Omar, "omar.haddad@example.com", "Omar Haddad");
        _http = new HttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private SlackApi Api(int channelListPageSize = 200) => new(_http, Options.Create(new SlackOptions
    {
        ApiBaseUrl = _slack.BaseUrl, BotToken = _slack.BotToken, ChannelListPageSize = channelListPageSize,
    }));

    private static T Ok<T>(SlackResult<T> result) => Assert.IsType<SlackResult<T>.Ok>(result).Value;

    private static string Refusal<T>(SlackResult<T> result) => Assert.IsType<SlackResult<T>.Failed>(result).Error.Code;

    [Fact]
    public async Task ListChannelsAsync_MorePagesThanOne_ReadsEveryPageAndLeavesOutArchivedAndUnseenPrivate()
    {
        _slack.AddChannel("C0SALES0001", "sales");
        _slack.AddChannel("C0OLDDEALS1", "old-deals", isArchived: true);
        _slack.AddChannel("G0CSLEADS01", "cs-leads", isPrivate: true);
        _slack.AddChannel("G0BOARD0001", "board", botIsMember: false, isPrivate: true);
        _slack.AddChannel("C0RANDOM001", "random", botIsMember: false);

        var channels = Ok(await Api(channelListPageSize: 2).ListChannelsAsync());

        Assert.Equal(["handoffs", "sales", "cs-leads", "random"], channels.Select(c => c.Name));
        Assert.Equal(new SlackChannel("G0CSLEADS01", "cs-leads", IsPrivate: true, IsArchived: false, IsMember: true), channels[2]);
        Assert.False(channels[3].IsMember);
        var requests = _slack.RequestsTo("conversations.list");
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("GET", r.HttpMethod);
            Assert.Equal("public_channel,private_channel", (string?)r.Args["types"]);
            Assert.Equal("true", (string?)r.Args["exclude_archived"]);
            Assert.Equal("2", (string?)r.Args["limit"]);
        });
        Assert.Null(requests[0].Args["cursor"]);
        Assert.NotNull(requests[1].Args["cursor"]);
    }

    [Fact]
    public async Task ListChannelsAsync_RateLimited_SurfacesRetryAfter()
    {
        _slack.FailNext(1, new SlackFailure.RateLimited(20), "conversations.list");

        var result = await Api().ListChannelsAsync();

        Assert.Equal(TimeSpan.FromSeconds(20), result.RetryAfter);
    }

    [Fact]
    public async Task CreateChannelAsync_PrivateCustomerChannel_CreatedWithTheBotInIt()
    {
        var name = CustomerChannelName.For("Northwind Traders, Inc.", "1042");

        var created = Ok(await Api().CreateChannelAsync(name, isPrivate: true));

        Assert.Equal("cust-northwind-traders-inc", created.Name);
        Assert.True(created.IsPrivate);
        Assert.True(created.IsMember);
        var stored = _slack.StoredChannel(created.Id)!;
        Assert.Equal([SlackDouble.BotUserId], stored.Members);
        var request = Assert.Single(_slack.RequestsTo("conversations.create"));
        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("true", request.Args["is_private"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateChannelAsync_NameOfAnArchivedChannel_NameTaken()
    {
        _slack.AddChannel("C0NORTHWND1", "cust-northwind", isArchived: true);

        var result = await Api().CreateChannelAsync("cust-northwind", isPrivate: false);

        Assert.Equal("name_taken", Refusal(result));
        Assert.False(result.IsRetryable);
    }

    [Theory]
    [InlineData("", "invalid_name_required")]
    [InlineData("   ", "invalid_name_required")]
    [InlineData("cust-northwind-traders-incorporated-and-associated-companies-of-the-pacific-rim-x", "invalid_name_maxlength")]
    [InlineData("---", "invalid_name_punctuation")]
    [InlineData("Cust-Northwind", "invalid_name_specials")]
    [InlineData("cust northwind", "invalid_name_specials")]
    [InlineData("cust.northwind", "invalid_name_specials")]
    public async Task CreateChannelAsync_NameAgainstSlackRules_Refused(string name, string code)
    {
        var result = await Api().CreateChannelAsync(name, isPrivate: false);

        Assert.Equal(code, Refusal(result));
        Assert.Single(_slack.Channels);
    }

    [Fact]
    public async Task InviteToChannelAsync_TwoPeople_OneCallWithCommaSeparatedIds()
    {
        var api = Api();
        var channel = Ok(await api.CreateChannelAsync("cust-northwind", isPrivate: true));

        var invited = Ok(await api.InviteToChannelAsync(channel.Id, [Dana, Omar]));

        Assert.Equal(channel.Id, invited);
        Assert.Equal([SlackDouble.BotUserId, Dana, Omar], _slack.Members(channel.Id));
        Assert.Equal($"{Dana},{Omar}", (string?)Assert.Single(_slack.RequestsTo("conversations.invite")).Args["users"]);
    }

    [Fact]
    public async Task InviteToChannelAsync_OneAlreadyIn_TheOtherIsInvitedAndTheResultIsOk()
    {
        var api = Api();
        var channel = Ok(await api.CreateChannelAsync("cust-northwind", isPrivate: false));
        Ok(await api.InviteToChannelAsync(channel.Id, [Dana]));

        Ok(await api.InviteToChannelAsync(channel.Id, [Dana, Omar]));

        Assert.Equal([SlackDouble.BotUserId, Dana, Omar], _slack.Members(channel.Id));
        // The pair is refused as a whole, then each is invited alone.
        Assert.Equal([null, "already_in_channel", "already_in_channel", null], _slack.RequestsTo("conversations.invite").Select(r => r.Error));
    }

    [Theory]
    [InlineData("U0NOBODY001", "user_not_found")]
    [InlineData(SlackDouble.BotUserId, "cant_invite_self")]
    public async Task InviteToChannelAsync_OneIdRefused_NobodyIsAdded(string refused, string code)
    {
        var api = Api();
        var channel = Ok(await api.CreateChannelAsync("cust-northwind", isPrivate: false));

        var result = await api.InviteToChannelAsync(channel.Id, [Dana, refused]);

        Assert.Equal(code, Refusal(result));
        Assert.Equal([SlackDouble.BotUserId], _slack.Members(channel.Id));
    }

    [Fact]
    public async Task InviteToChannelAsync_PrivateChannelTheBotIsNotIn_ChannelNotFound()
    {
        _slack.AddChannel("G0BOARD0001", "board", botIsMember: false, isPrivate: true);

        var result = await Api().InviteToChannelAsync("G0BOARD0001", [Dana]);

        Assert.Equal("channel_not_found", Refusal(result));
    }

    [Fact]
    public async Task ArchiveChannelAsync_Twice_BothOkAndPostingIsRefusedAfter()
    {
        var api = Api();
        var channel = Ok(await api.CreateChannelAsync("cust-northwind", isPrivate: false));

        var first = await api.ArchiveChannelAsync(channel.Id);
        var second = await api.ArchiveChannelAsync(channel.Id);
        var post = await api.PostMessageAsync(channel.Id, "hello");

        Assert.Equal(channel.Id, Ok(first));
        Assert.Equal(channel.Id, Ok(second));
        Assert.Equal("already_archived", _slack.RequestsTo("conversations.archive")[1].Error);
        Assert.True(_slack.StoredChannel(channel.Id)!.IsArchived);
        Assert.Equal("is_archived", Refusal(post));
        Assert.DoesNotContain(Ok(await api.ListChannelsAsync()), c => c.Id == channel.Id);
    }

    [Fact]
    public async Task ArchiveChannelAsync_UnknownChannel_ChannelNotFound()
    {
        var result = await Api().ArchiveChannelAsync("C0NOWHERE01");

        Assert.Equal("channel_not_found", Refusal(result));
    }

    [Fact]
    public async Task JoinChannelAsync_PublicChannelTheBotIsNotIn_JoinsAndCanPost()
    {
        _slack.AddChannel("C0CSTEAM001", "cs-team", botIsMember: false);
        var api = Api();
        var before = await api.PostMessageAsync("C0CSTEAM001", "hello");

        var joined = Ok(await api.JoinChannelAsync("C0CSTEAM001"));
        var again = Ok(await api.JoinChannelAsync("C0CSTEAM001"));
        var after = await api.PostMessageAsync("C0CSTEAM001", "hello");

        Assert.Equal("not_in_channel", Refusal(before));
        Assert.True(joined.IsMember);
        Assert.Equal("cs-team", again.Name);
        Assert.IsType<SlackResult<PostedMessage>.Ok>(after);
        Assert.Equal("hello", Assert.Single(_slack.Messages("C0CSTEAM001")).Text);
    }

    [Fact]
    public async Task JoinChannelAsync_PrivateChannel_RefusedAsSlackDoes()
    {
        _slack.AddChannel("G0BOARD0001", "board", botIsMember: false, isPrivate: true);
        _slack.AddChannel("G0CSLEADS01", "cs-leads", isPrivate: true);

        var unseen = await Api().JoinChannelAsync("G0BOARD0001");
        var member = await Api().JoinChannelAsync("G0CSLEADS01");

        Assert.Equal("channel_not_found", Refusal(unseen));
        Assert.Equal("method_not_supported_for_channel_type", Refusal(member));
    }

    [Fact]
    public async Task JoinChannelAsync_ArchivedChannel_IsArchived()
    {
        _slack.AddChannel("C0OLDDEALS1", "old-deals", botIsMember: false, isArchived: true);

        Assert.Equal("is_archived", Refusal(await Api().JoinChannelAsync("C0OLDDEALS1")));
    }
}
