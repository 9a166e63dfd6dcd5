using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>HubSpot's rate-limit vocabulary: headers, policy names and the search API's caps.</summary>
public static class HubSpotRateLimits
{
    public const string RemainingHeader = "X-HubSpot-RateLimit-Remaining";
    public const string MaxHeader = "X-HubSpot-RateLimit-Max";
    public const string IntervalHeader = "X-HubSpot-RateLimit-Interval-Milliseconds";
    public const string DailyRemainingHeader = "X-HubSpot-RateLimit-Daily-Remaining";

    public const string DailyPolicy = "DAILY";
    public const string TenSecondlyPolicy = "TEN_SECONDLY_ROLLING";

    /// <summary>The burst window when a response does not say: HubSpot counts requests per rolling 10 seconds.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    /// <summary>The search API's window: 5 requests a second per account, and no headers to say so.</summary>
    public static readonly TimeSpan SearchWindow = TimeSpan.FromSeconds(1);

    /// <summary>How long a 429 asks to wait: the search window for a search, else the burst window the response names.</summary>
    public static TimeSpan WaitAfter429(HttpRequestMessage? request, HttpResponseMessage response) =>
        request is not null && IsSearch(request) ? SearchWindow : Interval(response) ?? DefaultWindow;

    /// <summary>A search query returns at most this many results; asking for a page past it is a 400.</summary>
    public const int SearchResultCap = 10_000;

    /// <summary>The largest search page HubSpot serves.</summary>
    public const int SearchPageSize = 200;

    public static TimeSpan? Interval(HttpResponseMessage response) =>
        Number(response, IntervalHeader) is { } ms and > 0 ? TimeSpan.FromMilliseconds(ms) : null;

    public static long? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    internal static bool IsSearch(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/search", StringComparison.Ordinal) == true;
}

/// <summary>What <see cref="HubSpotApi"/> tells the HTTP pipeline about a request, and what the pipeline learns back.</summary>
internal static class HubSpotRequestOptions
{
    /// <summary>False for creates: repeating one HubSpot may have processed makes a second record.</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("baton.hubspot.idempotent");

    /// <summary>The <c>policyName</c> of a 429, set by <see cref="HubSpotRateLimitHandler"/> so the retry can tell DAILY apart.</summary>
    public static readonly HttpRequestOptionsKey<string> RateLimitPolicy = new("baton.hubspot.policy");

    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request is null || !request.Options.TryGetValue(Idempotent, out var idempotent) || idempotent;

    public static string? PolicyOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(RateLimitPolicy, out var policy) && policy.Length > 0 ? policy : null;
}

/// <summary>
/// The process's share of the account's limits: search requests paced to <see cref="HubSpotOptions.SearchRequestsPerSecond"/>,
/// and everything else held back when HubSpot says the 10-second window is nearly used up or was exceeded.
/// </summary>
/// <remarks>One per process (a singleton) because the limits are per account, not per handler instance.</remarks>
public sealed class HubSpotRateGate : IDisposable
{
    private readonly TimeProvider _time;
    private readonly int _slowDownBelow;
    private readonly RateLimiter _search;
    private readonly Lock _lock = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public HubSpotRateGate(IOptions<HubSpotOptions> options, TimeProvider time)
    {
        _time = time;
        _slowDownBelow = options.Value.SlowDownBelowRemaining;
        var perSecond = Math.Max(1, options.Value.SearchRequestsPerSecond);
        // A sliding window, not a token bucket: HubSpot counts the last second, so a burst after a quiet second is still 4.
        _search = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = perSecond,
            Window = TimeSpan.FromSeconds(1),
            SegmentsPerWindow = Math.Min(perSecond, 10),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>Waits until this request may go: past any pause, and for a search, a permit.</summary>
    public async ValueTask WaitForTurnAsync(bool search, CancellationToken cancellationToken)
    {
        var wait = PauseLeft();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken);
        if (!search) return;
        using var lease = await _search.AcquireAsync(1, cancellationToken);
    }

    public TimeSpan PauseLeft()
    {
        lock (_lock) return _pausedUntil - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Reads the window headers of a response; returns the pause it started, if any.</summary>
    public TimeSpan? Observe(HttpResponseMessage response)
    {
        if (HubSpotRateLimits.Number(response, HubSpotRateLimits.RemainingHeader) is not { } remaining || remaining >= _slowDownBelow)
            return null;
        return Pause(HubSpotRateLimits.Interval(response) ?? HubSpotRateLimits.DefaultWindow);
    }

    /// <summary>Holds every request back for <paramref name="window"/>: by then the rolling window has moved past the burst.</summary>
    public TimeSpan Pause(TimeSpan window)
    {
        lock (_lock)
        {
            var until = _time.GetUtcNow() + window;
            if (until > _pausedUntil) _pausedUntil = until;
            return window;
        }
    }

    public void Dispose() => _search.Dispose();
}

/// <summary>
/// Sits inside the retry pipeline, so every attempt (the first and each retry) waits its turn at the <see cref="HubSpotRateGate"/>
/// and reports what HubSpot said about the limits.
/// </summary>
internal sealed class HubSpotRateLimitHandler(HubSpotRateGate gate, ILogger<HubSpotRateLimitHandler> log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var search = HubSpotRateLimits.IsSearch(request);
        await gate.WaitForTurnAsync(search, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var policy = await PolicyAsync(response, cancellationToken);
            request.Options.Set(HubSpotRequestOptions.RateLimitPolicy, policy ?? "");
            if (policy == HubSpotRateLimits.DailyPolicy)
            {
                HubSpotLog.DailyQuotaSpent(log, request.Method.Method, Path(request));
            }
            else if (!search)
            {
                var pause = gate.Pause(HubSpotRateLimits.Interval(response) ?? HubSpotRateLimits.DefaultWindow);
                HubSpotLog.RateLimited(log, request.Method.Method, Path(request), policy ?? "none", pause.TotalMilliseconds);
            }
            else
            {
                // The search limit is per second and has its own pacing; holding every other call back 10 s would not help it.
                HubSpotLog.RateLimited(log, request.Method.Method, Path(request), policy ?? "none", HubSpotRateLimits.SearchWindow.TotalMilliseconds);
            }
        }
        else if (!search && gate.Observe(response) is { } pause)
        {
            HubSpotLog.SlowingDown(log, HubSpotRateLimits.Number(response, HubSpotRateLimits.RemainingHeader) ?? 0, pause.TotalMilliseconds);
        }
        return response;
    }

    /// <summary>The 429's <c>policyName</c>; a spent daily quota also shows as <c>Daily-Remaining: 0</c>.</summary>
    private static async Task<string?> PolicyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (HubSpotRateLimits.Number(response, HubSpotRateLimits.DailyRemainingHeader) == 0) return HubSpotRateLimits.DailyPolicy;
        try
        {
            // Buffers the body, so the caller can still read it.
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return (JsonNode.Parse(text) as JsonObject)?["policyName"]?.GetValue<string>();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The path alone: queries can carry e-mail addresses, and headers carry the token, so neither is logged.</summary>
    internal static string Path(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "";
}

internal static partial class HubSpotLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot rate limit ({Policy}) on {Method} {Path}: holding requests back {PauseMs} ms")]
    public static partial void RateLimited(ILogger logger, string method, string path, string policy, double pauseMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "HubSpot's daily API quota is spent ({Method} {Path}): not retrying until it renews")]
    public static partial void DailyQuotaSpent(ILogger logger, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "HubSpot window nearly used ({Remaining} left): pausing {PauseMs} ms")]
    public static partial void SlowingDown(ILogger logger, long remaining, double pauseMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot {Method} {Path}: retry {Attempt} in {DelayMs} ms after {Reason}")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, double delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot refused {Method} {Path}: HTTP {Status} {Category}: {Message}")]
    public static partial void Refused(ILogger logger, string method, string path, int status, string? category, string? message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot {Method} {Path} failed: {Reason}")]
    public static partial void Unreachable(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal search reached HubSpot's {Cap} results per query: querying again from {FromUtc:o}")]
    public static partial void SearchRestarted(ILogger logger, int cap, DateTimeOffset fromUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "More than {Cap} deals share the modification instant {AtUtc:o}: the search moves past it and may miss some of them")]
    public static partial void SearchStuck(ILogger logger, int cap, DateTimeOffset atUtc);
}
