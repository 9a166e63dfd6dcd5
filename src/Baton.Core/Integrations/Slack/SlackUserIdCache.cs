using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Baton.Core.Integrations.Slack;

/// <summary>
/// E-mail → Slack user id, remembered for <see cref="SlackOptions.UserIdCacheTtl"/>. Routing names a CSM by
/// e-mail and every post mentions them; <c>users.lookupByEmail</c> is Tier 3, so a burst of closed deals
/// must not spend it on the same handful of people.
/// </summary>
/// <remarks>E-mails compare case-insensitively and trimmed. Only successes are kept: a CSM invited to Slack a minute ago is found on the next try.</remarks>
public sealed class SlackUserIdCache(SlackApi slack, TimeProvider time, IOptions<SlackOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _ttl = options.Value.UserIdCacheTtl;

    public async Task<SlackResult<string>> FindUserIdAsync(string email, CancellationToken cancellationToken = default)
    {
        var key = email.Trim();
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && hit.ExpiresAtUtc > now)
            return new SlackResult<string>.Ok(hit.UserId);

        var reply = await slack.LookupUserByEmailAsync(key, cancellationToken);
        if (reply is not SlackResult<SlackUser>.Ok ok) return reply.Cast<string>();
        _entries[key] = new Entry(ok.Value.Id, now + _ttl);
        return new SlackResult<string>.Ok(ok.Value.Id);
    }

    /// <summary>Drops one address, e.g. after a post to that user failed with <c>user_not_found</c>.</summary>
    public void Forget(string email) => _entries.TryRemove(email.Trim(), out _);

    private readonly record struct Entry(string UserId, DateTimeOffset ExpiresAtUtc);
}
