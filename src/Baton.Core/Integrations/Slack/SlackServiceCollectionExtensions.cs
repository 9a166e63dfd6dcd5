using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Core.Integrations.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>Binds <see cref="SlackOptions"/> from <c>Slack:*</c> and registers the typed <see cref="SlackApi"/>, the <see cref="SlackUserIdCache"/> and the <see cref="SlackChannelDirectory"/>.</summary>
    /// <remarks>No resilience handler on purpose: retries belong to the outbox, which reads each <see cref="SlackResult{T}"/>.</remarks>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>()
            .Bind(configuration.GetSection(SlackOptions.SectionName))
            .Validate(o => o.ApiBaseUrl.IsAbsoluteUri, "Slack:ApiBaseUrl must be an absolute URL")
            .Validate(o => o.HistoryPageSize is > 0 and <= 1000, "Slack:HistoryPageSize must be between 1 and 1000")
            .Validate(o => o.ChannelListPageSize is > 0 and <= 1000, "Slack:ChannelListPageSize must be between 1 and 1000")
            .Validate(o => o.ChannelDirectoryRefreshInterval > TimeSpan.Zero, "Slack:ChannelDirectoryRefreshInterval must be positive")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // The singleton cache holds a SlackApi for the life of the app, so the handler must never be recycled
        // by the factory; the pooled-connection lifetime picks up DNS changes instead.
        services.AddHttpClient<SlackApi>(http => http.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<SlackRateGate>();
        services.AddSingleton<SlackUserIdCache>();
        services.AddSingleton<SlackChannelDirectory>();
        return services;
    }
}
