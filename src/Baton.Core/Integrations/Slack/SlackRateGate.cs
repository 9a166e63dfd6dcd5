using Microsoft.Extensions.Options;

namespace Baton.Core.Integrations.Slack;

/// <summary>
/// The process's share of Slack's Web API limits, checked before a call is sent: each method within its tier's calls a
/// minute, <c>chat.postMessage</c> at one message a second per channel, and a method Slack answered with 429 held back
/// for its <c>Retry-After</c>. A call that would go over is not sent; the caller is told how long to wait.
/// </summary>
/// <remarks>
/// Slack counts per method, per workspace, per app; one gate per process (a singleton) is that count for one instance.
/// The tiers are the floors Slack publishes (Tier 2 20/min, Tier 3 50/min, Tier 4 100/min): going slower than Slack would
/// allow costs seconds, going faster costs 429s. Waiting is the caller's business (the outbox reschedules the row), so
/// nothing here sleeps and a burst never ties up the pump.
/// </remarks>
public sealed class SlackRateGate(TimeProvider time, IOptions<SlackOptions>? options = null)
{
    private readonly bool _pace = options?.Value.PaceCalls ?? true;

    /// <summary>Slack's per-channel limit for <c>chat.postMessage</c>: about one message a second.</summary>
    public static readonly TimeSpan PerChannelInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Calls a minute by method, from Slack's method reference. A method not named here is taken as Tier 3.</summary>
    private static readonly Dictionary<string, int> PerMinute = new(StringComparer.Ordinal)
    {
        ["conversations.list"] = 20, ["conversations.create"] = 20, ["conversations.archive"] = 20,
        ["chat.update"] = 50, ["conversations.history"] = 50, ["conversations.replies"] = 50, ["conversations.open"] = 50,
        ["conversations.invite"] = 50, ["conversations.join"] = 50, ["conversations.info"] = 50, ["users.lookupByEmail"] = 50,
        ["views.open"] = 100, ["chat.getPermalink"] = 100,
    };

    private const int DefaultPerMinute = 50;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastPostByChannel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);

    /// <summary>Takes a slot for one call now, or says how long to wait for one (and takes nothing).</summary>
    /// <param name="channel">For <c>chat.postMessage</c>: the channel posted to, paced on its own.</param>
    public TimeSpan? TryTake(string method, string? channel)
    {
        if (!_pace) return null;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_blockedUntil.TryGetValue(method, out var until) && until > now) return until - now;

            if (method == "chat.postMessage")
            {
                // The per-channel limit is the one that matters for a burst of cards to the team channel; Slack's
                // workspace-wide limit for posting is far above what one team sends.
                if (channel is null) return null;
                if (_lastPostByChannel.TryGetValue(channel, out var last) && now - last < PerChannelInterval) return last + PerChannelInterval - now;
                if (_lastPostByChannel.Count > 10_000) Forget(now);
                _lastPostByChannel[channel] = now;
                return null;
            }

            if (!_calls.TryGetValue(method, out var calls)) _calls[method] = calls = new Queue<DateTimeOffset>();
            while (calls.Count > 0 && now - calls.Peek() >= Window) calls.Dequeue();
            if (calls.Count >= PerMinute.GetValueOrDefault(method, DefaultPerMinute)) return calls.Peek() + Window - now;
            calls.Enqueue(now);
            return null;
        }
    }

    /// <summary>Slack answered 429: nothing more goes to <paramref name="method"/> until <paramref name="retryAfter"/> has passed, as Slack asks.</summary>
    public void Blocked(string method, TimeSpan retryAfter)
    {
        var until = time.GetUtcNow() + retryAfter;
        lock (_lock)
            if (!_blockedUntil.TryGetValue(method, out var current) || until > current) _blockedUntil[method] = until;
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (channel, last) in _lastPostByChannel.ToList())
            if (now - last >= PerChannelInterval) _lastPostByChannel.Remove(channel);
    }
}
