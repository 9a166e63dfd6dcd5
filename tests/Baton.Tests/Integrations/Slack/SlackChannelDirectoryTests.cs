using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Integrations.Slack;

public sealed class SlackChannelDirectoryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1763800000));
    private SlackDouble _slack = null!;
    private HttpClient _http = null!;
    private SlackChannelDirectory _directory = null!;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackDouble.StartAsync();
        _slack.AddChannel("C0CSHANDOF1", "cs-handoffs");
        _slack.AddChannel("G0CSLEADS01", "cs-leads", isPrivate: true);
        _http = new HttpClient();
        var options = Options.Create(new SlackOptions
        {
            ApiBaseUrl = _slack.BaseUrl, BotToken = _slack.BotToken, ChannelDirectoryRefreshInterval = TimeSpan.FromMinutes(1),
        });
        _directory = new SlackChannelDirectory(new SlackApi(_http, options), _time, options);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private static string Ok(SlackResult<string> result) => Assert.IsType<SlackResult<string>.Ok>(result).Value;

    [Theory]
    [InlineData("C0CSHANDOF1")]
    [InlineData("G0CSLEADS01")]
    [InlineData("C0NOTLISTED")]
    public async Task ResolveAsync_ChannelId_PassesThroughWithoutAsking(string id)
    {
        Assert.Equal(id, Ok(await _directory.ResolveAsync(id)));
        Assert.Empty(_slack.RequestsTo("conversations.list"));
    }

    [Theory]
    [InlineData("#cs-handoffs", "C0CSHANDOF1")]
    [InlineData("cs-handoffs", "C0CSHANDOF1")]
    [InlineData(" #CS-Handoffs ", "C0CSHANDOF1")]
    [InlineData("#cs-leads", "G0CSLEADS01")]
    public async Task ResolveAsync_Name_ResolvedToItsId(string name, string id)
    {
        Assert.Equal(id, Ok(await _directory.ResolveAsync(name)));
    }

    [Fact]
    public async Task ResolveAsync_KnownNames_OneListForAll()
    {
        Ok(await _directory.ResolveAsync("#cs-handoffs"));
        Ok(await _directory.ResolveAsync("cs-leads"));
        _time.Advance(TimeSpan.FromHours(3));
        Ok(await _directory.ResolveAsync("#cs-handoffs"));

        Assert.Single(_slack.RequestsTo("conversations.list"));
    }

    [Fact]
    public async Task ResolveAsync_UnknownName_AsksAgainAtMostOnceAMinute()
    {
        var first = await _directory.ResolveAsync("#cs-handofs");
        var second = await _directory.ResolveAsync("#cs-handofs");
        _time.Advance(TimeSpan.FromSeconds(59));
        var third = await _directory.ResolveAsync("#cs-handofs");

        Assert.Equal("channel_not_found", Assert.IsType<SlackResult<string>.Failed>(first).Error.Code);
        Assert.Equal("channel_not_found", Assert.IsType<SlackResult<string>.Failed>(second).Error.Code);
        Assert.Equal("channel_not_found", Assert.IsType<SlackResult<string>.Failed>(third).Error.Code);
        Assert.Single(_slack.RequestsTo("conversations.list"));

        _time.Advance(TimeSpan.FromSeconds(1));
        await _directory.ResolveAsync("#cs-handofs");
        Assert.Equal(2, _slack.RequestsTo("conversations.list").Count);
    }

    [Fact]
    public async Task ResolveAsync_ChannelCreatedAfterTheFirstRead_FoundOnceTheMinuteIsOver()
    {
        Ok(await _directory.ResolveAsync("#cs-handoffs"));
        _slack.AddChannel("C0CSEMEA001", "cs-emea");

        var soon = await _directory.ResolveAsync("#cs-emea");
        _time.Advance(TimeSpan.FromMinutes(1));
        var later = await _directory.ResolveAsync("#cs-emea");

        Assert.IsType<SlackResult<string>.Failed>(soon);
        Assert.Equal("C0CSEMEA001", Ok(later));
    }

    [Fact]
    public async Task ResolveAsync_ListRateLimited_StaysRetryableWithoutAskingAgainWithinTheMinute()
    {
        _slack.FailNext(1, new SlackFailure.RateLimited(20), "conversations.list");

        var first = await _directory.ResolveAsync("#cs-handoffs");
        var second = await _directory.ResolveAsync("#cs-handoffs");
        _time.Advance(TimeSpan.FromMinutes(1));
        var third = await _directory.ResolveAsync("#cs-handoffs");

        Assert.Equal(TimeSpan.FromSeconds(20), first.RetryAfter);
        Assert.True(second.IsRetryable);
        Assert.Equal("C0CSHANDOF1", Ok(third));
        Assert.Equal(2, _slack.RequestsTo("conversations.list").Count);
    }

    [Fact]
    public async Task ResolveAsync_FailedReadAfterAGoodOne_KnownNamesStillResolve()
    {
        Ok(await _directory.ResolveAsync("#cs-handoffs"));
        _time.Advance(TimeSpan.FromMinutes(2));
        _slack.FailNext(1, new SlackFailure.ServerError(503), "conversations.list");

        var miss = await _directory.ResolveAsync("#cs-emea");
        var hit = await _directory.ResolveAsync("#cs-handoffs");

        Assert.IsType<SlackResult<string>.Transient>(miss);
        Assert.Equal("C0CSHANDOF1", Ok(hit));
    }

    [Fact]
    public async Task ResolveAsync_ManyCallersAtOnce_OneList()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _directory.ResolveAsync("#cs-handoffs")));

        Assert.All(results, r => Assert.Equal("C0CSHANDOF1", Ok(r)));
        Assert.Single(_slack.RequestsTo("conversations.list"));
    }
}
