using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Baton.Core.Inbox;

/// <summary>
/// Every webhook request or event an edge refused (bad signature, stale timestamp, another portal, not the sender's
/// shape), counted by source and reason: as the <c>baton.webhooks.refused</c> metric and in a tally the API shows.
/// </summary>
public sealed class WebhookRefusals : IDisposable
{
    private readonly Meter _meter = new("Baton.Webhooks");
    private readonly Counter<long> _refused;
    private readonly ConcurrentDictionary<(string Source, string Reason), long> _tally = new();

    public WebhookRefusals() => _refused = _meter.CreateCounter<long>("baton.webhooks.refused", description: "Webhook requests and events refused, by source and reason");

    public void Refused(string source, string reason, long count = 1)
    {
        if (count <= 0) return;
        _tally.AddOrUpdate((source, reason), count, (_, n) => n + count);
        _refused.Add(count, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("reason", reason));
    }

    public long Count(string source, string? reason = null) =>
        _tally.Where(t => t.Key.Source == source && (reason is null || t.Key.Reason == reason)).Sum(t => t.Value);

    /// <summary>Source → reason → count, since the process started.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Snapshot() =>
        _tally.GroupBy(t => t.Key.Source).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, long>)g.ToDictionary(t => t.Key.Reason, t => t.Value));

    public void Dispose() => _meter.Dispose();
}
