using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Tests.Integrations.Slack;

public sealed class SlackServiceCollectionExtensionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSlack(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public async Task AddSlack_ConfiguredBaseUrlAndToken_ResolvedClientsTalkToThem()
    {
        await using var slack = await SlackDouble.StartAsync();
        slack.AddUser("U0CSMDANA1", "dana.ortiz@example.com", "Dana Ortiz");
        await using var services = Services(new()
        {
            ["Slack:ApiBaseUrl"] = slack.BaseUrl.ToString(), ["Slack:BotToken"] = slack.BotToken,
        });

        var posted = await services.GetRequiredService<SlackApi>().PostMessageAsync(SlackDouble.DefaultChannel, "hello");
        var userId = await services.GetRequiredService<SlackUserIdCache>().FindUserIdAsync("dana.ortiz@example.com");
        var channelId = await services.GetRequiredService<SlackChannelDirectory>().ResolveAsync("#handoffs");

        Assert.IsType<SlackResult<PostedMessage>.Ok>(posted);
        Assert.Equal("U0CSMDANA1", Assert.IsType<SlackResult<string>.Ok>(userId).Value);
        Assert.Equal(SlackDouble.DefaultChannel, Assert.IsType<SlackResult<string>.Ok>(channelId).Value);
    }

    [Fact]
    public async Task AddSlack_NothingConfigured_DefaultsToSlackDotCom()
    {
        await using var services = Services([]);

        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;

        Assert.Equal(new Uri("https://slack.com/api/"), options.ApiBaseUrl);
        Assert.Equal(TimeSpan.FromMinutes(5), options.SignatureTolerance);
        Assert.Equal(TimeSpan.FromHours(1), options.UserIdCacheTtl);
        Assert.Equal(TimeSpan.FromMinutes(1), options.ChannelDirectoryRefreshInterval);
        Assert.Equal("cust-", options.CustomerChannelPrefix);
    }

    [Fact]
    public async Task AddSlack_RelativeBaseUrl_FailsValidation()
    {
        await using var services = Services(new() { ["Slack:ApiBaseUrl"] = "/api/" });

        Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<SlackOptions>>().Value);
    }
}
