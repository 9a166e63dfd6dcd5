using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Baton.Core.Integrations.Slack;

/// <summary>
/// Channel name → channel id, for playbooks that say <c>#cs-handoffs</c>. Most Web API methods accept a name, but
/// <c>conversations.history</c> and <c>replies</c> take ids only, so without this Baton cannot check whether a post
/// was already made before it posts again after a crash.
/// </summary>
/// <remarks>
/// Ids (<c>C…</c>, <c>G…</c>, <c>D…</c>: uppercase, which a name never is) pass through without a call. Names compare
/// without the leading <c>#</c> and case-insensitively. The whole list is read at the first name and kept; a name it
/// does not hold sends it back to <c>conversations.list</c> at most once per
/// <see cref="SlackOptions.ChannelDirectoryRefreshInterval"/>, whether that read worked or not, so a typo in the
/// playbook cannot spend the Tier 2 budget. Within the interval a miss answers <c>channel_not_found</c>, or the
/// failure of the last read, which keeps a rate limit retryable.
/// </remarks>
public sealed partial class SlackChannelDirectory(SlackApi slack, TimeProvider time, IOptions<SlackOptions> options)
{
    private readonly TimeSpan _interval = options.Value.ChannelDirectoryRefreshInterval;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot _snapshot = Snapshot.Empty;

    public async Task<SlackResult<string>> ResolveAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        var key = nameOrId.Trim();
        if (ChannelId().IsMatch(key)) return new SlackResult<string>.Ok(key);
        var name = key.TrimStart('#');
        if (name.Length == 0) return new SlackResult<string>.Failed(new SlackError("channel_not_found", ["an empty channel name"]));

        if (_snapshot.Ids.TryGetValue(name, out var id)) return new SlackResult<string>.Ok(id);

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have read the list while this one waited.
            var current = _snapshot;
            if (current.ReadAtUtc is not { } readAt || time.GetUtcNow() - readAt >= _interval)
                _snapshot = current = await ReadAsync(cancellationToken);
            if (current.Ids.TryGetValue(name, out id)) return new SlackResult<string>.Ok(id);
            return current.Failure?.Cast<string>()
                ?? new SlackResult<string>.Failed(new SlackError("channel_not_found", [$"no channel named #{name} that Baton can see"]));
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var readAt = time.GetUtcNow();
        var listed = await slack.ListChannelsAsync(cancellationToken);
        if (listed is not SlackResult<IReadOnlyList<SlackChannel>>.Ok ok)
            // Keep the names already known: one failed read should not forget every channel.
            return _snapshot with { ReadAtUtc = readAt, Failure = listed };
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var channel in ok.Value) ids[channel.Name] = channel.Id;
        return new Snapshot(ids, readAt, null);
    }

    [GeneratedRegex("^[CGD][A-Z0-9]{6,}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelId();

    private sealed record Snapshot(IReadOnlyDictionary<string, string> Ids, DateTimeOffset? ReadAtUtc, SlackResult<IReadOnlyList<SlackChannel>>? Failure)
    {
        public static readonly Snapshot Empty = new(new Dictionary<string, string>(), null, null);
    }
}
