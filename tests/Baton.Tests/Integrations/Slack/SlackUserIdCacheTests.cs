using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Integrations.Slack;

public sealed class SlackUserIdCacheTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1763800000));
    private SlackDouble _slack = null!;
    private HttpClient _http = null!;
    private SlackUserIdCache _cache = null!;

    public async ValueTask InitializeAsync()
    {
        _slack = await SlackDouble.StartAsync();
        _slack.AddUser("U0CSMDANA1", "dana.ortiz@example.com", "Dana Ortiz");
        _http = new HttpClient();
        var options = Options.Create(new SlackOptions
        {
            ApiBaseUrl = _slack.BaseUrl, BotToken = _slack.BotToken, UserIdCacheTtl = TimeSpan.FromMinutes(30),
        });
        _cache = new SlackUserIdCache(new SlackApi(_http, options), _time, options);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task FindUserIdAsync_SameEmailInOtherCase_AnsweredWithoutSecondRequest()
    {
        var first = await _cache.FindUserIdAsync("dana.ortiz@example.com");
        var second = await _cache.FindUserIdAsync("  Dana.Ortiz@EXAMPLE.com ");

        Assert.Equal("U0CSMDANA1", Assert.IsType<SlackResult<string>.Ok>(first).Value);
        Assert.Equal("U0CSMDANA1", Assert.IsType<SlackResult<string>.Ok>(second).Value);
        Assert.Single(_slack.RequestsTo("users.lookupByEmail"));
    }

    [Fact]
    public async Task FindUserIdAsync_AfterTtl_LooksUpAgain()
    {
        await _cache.FindUserIdAsync("dana.ortiz@example.com");
        _time.Advance(TimeSpan.FromMinutes(31));

        await _cache.FindUserIdAsync("dana.ortiz@example.com");

        Assert.Equal(2, _slack.RequestsTo("users.lookupByEmail").Count);
    }

    [Fact]
    public async Task FindUserIdAsync_NotFound_IsNotRemembered()
    {
        var first = await _cache.FindUserIdAsync("new.csm@example.com");
        _slack.AddUser("U0NEWCSM01", "new.csm@example.com", "New CSM");
        var second = await _cache.FindUserIdAsync("new.csm@example.com");

        Assert.Equal("users_not_found", Assert.IsType<SlackResult<string>.Failed>(first).Error.Code);
        Assert.Equal("U0NEWCSM01", Assert.IsType<SlackResult<string>.Ok>(second).Value);
    }

    [Fact]
    public async Task FindUserIdAsync_RateLimited_PassesRetryAfterThrough()
    {
        _slack.FailNext(1, new SlackFailure.RateLimited(30));

        var result = await _cache.FindUserIdAsync("dana.ortiz@example.com");

        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
    }

    [Fact]
    public async Task Forget_CachedEmail_NextCallLooksUpAgain()
    {
        await _cache.FindUserIdAsync("dana.ortiz@example.com");

        _cache.Forget("DANA.ORTIZ@example.com");
        await _cache.FindUserIdAsync("dana.ortiz@example.com");

        Assert.Equal(2, _slack.RequestsTo("users.lookupByEmail").Count);
    }
}
