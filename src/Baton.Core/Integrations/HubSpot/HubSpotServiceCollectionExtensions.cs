using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Baton.Core.Integrations.HubSpot;

public static partial class HubSpotServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="HubSpotOptions"/> from <c>HubSpot:*</c> (validated at start) and registers the typed
    /// <see cref="HubSpotApi"/> behind a retry pipeline and the account's rate gate, the owner cache, the provisioner
    /// and the drift check.
    /// </summary>
    /// <remarks>
    /// The access token is not required at start: a team may run Baton before connecting HubSpot. Each call without
    /// one is refused with <c>INVALID_AUTHENTICATION</c>, and the admin commands say which setting to fill.
    /// </remarks>
    public static IServiceCollection AddHubSpot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubSpotOptions>()
            .Bind(configuration.GetSection(HubSpotOptions.SectionName))
            .Validate(o => o.ApiBaseUrl.IsAbsoluteUri, "HubSpot:ApiBaseUrl must be an absolute URL")
            .Validate(o => PropertyName().IsMatch(o.PropertyGroup), "HubSpot:PropertyGroup must be a HubSpot internal name: lowercase letters, digits and _")
            .Validate(o => PropertyName().IsMatch(o.CsmProperty), "HubSpot:CsmProperty must be a HubSpot internal name: lowercase letters, digits and _")
            .Validate(o => !string.IsNullOrWhiteSpace(o.CsPipelineLabel), "HubSpot:CsPipelineLabel must not be empty")
            .Validate(o => o.SignatureTolerance > TimeSpan.Zero, "HubSpot:SignatureTolerance must be positive")
            .Validate(o => o.DriftCheckInterval > TimeSpan.Zero, "HubSpot:DriftCheckInterval must be positive")
            .Validate(o => o.SearchRequestsPerSecond is > 0 and <= 5, "HubSpot:SearchRequestsPerSecond must be between 1 and 5, HubSpot's limit per account")
            .Validate(o => o.MaxRetries is >= 0 and <= 10, "HubSpot:MaxRetries must be between 0 and 10")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero, "HubSpot:AttemptTimeout must be positive")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HubSpotRateGate>();
        services.TryAddSingleton<HubSpotOwnerCache>();
        services.TryAddTransient<HubSpotRateLimitHandler>();

        // The owner cache and the rate gate are process-wide; the handler chain may be recycled freely. The pipeline's
        // total timeout replaces HttpClient's 100 s, which would otherwise cut a request waiting out a 429.
        var http = services.AddHttpClient<HubSpotApi>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        // Handlers run in the order added: the retry pipeline outside, the rate gate inside it, so each attempt waits its turn.
        http.AddResilienceHandler("hubspot", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<HubSpotOptions>>().Value;
                var log = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Baton.Core.Integrations.HubSpot.HubSpotApi");
                pipeline
                    .AddTimeout(TotalTimeout(options))
                    .AddRetry(Retry(options, log))
                    .AddTimeout(options.AttemptTimeout);
            });
        http.AddHttpMessageHandler<HubSpotRateLimitHandler>();

        services.TryAddTransient<HubSpotProvisioner>();
        services.TryAddTransient<HubSpotDriftCheck>();
        return services;
    }

    /// <summary>Every attempt at its timeout, and every wait for a 10-second window, with room to spare.</summary>
    private static TimeSpan TotalTimeout(HubSpotOptions options) =>
        options.AttemptTimeout * (options.MaxRetries + 1) + (HubSpotRateLimits.DefaultWindow + TimeSpan.FromSeconds(2)) * options.MaxRetries;

    private static RetryStrategyOptions<HttpResponseMessage> Retry(HubSpotOptions options, ILogger log) => new()
    {
        MaxRetryAttempts = Math.Max(1, options.MaxRetries),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromSeconds(1),
        ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && ShouldRetry(args.Outcome, args.Context)),
        // A 429 says nothing about when to come back (no Retry-After): wait for the rolling window (10 s; 1 s for search) to pass the burst,
        // plus jitter so parallel callers do not return together. Everything else backs off exponentially.
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
            args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
                ? HubSpotRateLimits.WaitAfter429(args.Context.GetRequestMessage(), args.Outcome.Result) + TimeSpan.FromMilliseconds(Random.Shared.Next(100, 1000))
                : null),
        OnRetry = args =>
        {
            var request = args.Context.GetRequestMessage();
            var reason = args.Outcome.Exception is { } e ? e.GetType().Name : $"HTTP {(int)args.Outcome.Result!.StatusCode}";
            HubSpotLog.Retrying(log, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath ?? "?", args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, reason);
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>
    /// What is worth another attempt. A 429 always (HubSpot refused it unprocessed), except a spent daily quota, which
    /// no wait of ours outlasts. 5xx, 408 and timeouts only for idempotent requests: a create that timed out or failed
    /// with a 5xx may exist in HubSpot already, and repeating it would make a duplicate note, task or deal. Connection
    /// failures (no connection, DNS, TLS) happen before the request leaves, so even a create is safe to repeat then.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        var idempotent = HubSpotRequestOptions.IsIdempotent(request);
        return outcome switch
        {
            { Result.StatusCode: HttpStatusCode.TooManyRequests } => HubSpotRequestOptions.PolicyOf(request) != HubSpotRateLimits.DailyPolicy,
            { Result: { } r } when (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout => idempotent,
            { Exception: HttpRequestException e } => idempotent || e.HttpRequestError is HttpRequestError.ConnectionError
                or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
            { Exception: TimeoutRejectedException } => idempotent,
            _ => false,
        };
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex PropertyName();
}
