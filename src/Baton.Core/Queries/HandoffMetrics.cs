using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Playbook;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Queries;

public sealed record ClockRate(string Clock, int OnTime, int Missed, int Running, double? OnTimeRate);

public sealed record FieldRate(string Field, int Count, double Rate);

public sealed record AeRejections(string AeId, int Rejections, int Handoffs);

/// <param name="CompletenessAtClose">Share of handoffs a CSM has judged (accepted or rejected) that were accepted without any rejection.</param>
/// <param name="MedianHoursToAcknowledge">Business hours from each post (or resubmission, or reassignment) to the acknowledgment that followed it.</param>
/// <param name="RediscoveryRate">Per field: share of ratings in which the CSM named it as something they had to ask the customer again.</param>
public sealed record HandoffMetricsView(
    int Handoffs, int Judged, int AcceptedFirstTry, double? CompletenessAtClose,
    IReadOnlyList<ClockRate> OnTime, double? MedianHoursToAcknowledge, int Acknowledgments,
    double? AverageRating, int Ratings, IReadOnlyList<FieldRate> RediscoveryRate, IReadOnlyList<AeRejections> RejectionsPerAe);

/// <summary>The handoff metrics, derived from the event log and the clock table (nothing is stored pre-aggregated).</summary>
public sealed class HandoffMetrics(BatonDb db, PlaybookContext context)
{
    private static readonly string[] MetricEvents =
        ["HandoffStarted", "HandoffPosted", "HandoffResubmitted", "HandoffReassigned", "HandoffAcknowledged", "HandoffAccepted", "HandoffRejected", "HandoffRated"];

    public async Task<HandoffMetricsView> ComputeAsync(CancellationToken ct)
    {
        var events = await db.Events.AsNoTracking()
            .Where(e => MetricEvents.Contains(e.Type))
            .OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.Id)
            .Select(e => new { e.DealId, e.Type, e.OccurredAtUtc, e.Data })
            .ToListAsync(ct);
        var byDeal = events.GroupBy(e => e.DealId).ToList();

        var handoffs = byDeal.Count(g => g.Any(e => e.Type == "HandoffStarted"));
        var rejectedDeals = byDeal.Where(g => g.Any(e => e.Type == "HandoffRejected")).Select(g => g.Key).ToHashSet();
        var acceptedFirstTry = byDeal.Count(g => g.Any(e => e.Type == "HandoffAccepted") && !rejectedDeals.Contains(g.Key));
        var judged = acceptedFirstTry + rejectedDeals.Count;

        var hoursToAck = new List<double>();
        foreach (var deal in byDeal)
        {
            DateTime? waitingSince = null;
            foreach (var e in deal)
            {
                if (e.Type is "HandoffPosted" or "HandoffResubmitted" or "HandoffReassigned") waitingSince = e.OccurredAtUtc;
                else if (e.Type == "HandoffAcknowledged" && waitingSince is { } since)
                {
                    hoursToAck.Add(context.Calendar.BusinessTimeBetween(Utc(since), Utc(e.OccurredAtUtc)).TotalHours);
                    waitingSince = null;
                }
            }
        }

        var ratings = events.Where(e => e.Type == "HandoffRated").Select(e => JsonSerializer.Deserialize<RatedJson>(e.Data, Web)!).ToList();
        var rediscovered = ratings.SelectMany(r => r.RediscoveredFieldKeys ?? []).GroupBy(k => k)
            .Select(g => new FieldRate(g.Key, g.Count(), Math.Round((double)g.Count() / ratings.Count, 3)))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Field).ToList();

        var aeByDeal = await db.Handoffs.AsNoTracking().Select(h => new { h.DealId, h.AeId }).ToListAsync(ct);
        var rejectionsByDeal = events.Where(e => e.Type == "HandoffRejected").GroupBy(e => e.DealId).ToDictionary(g => g.Key, g => g.Count());
        var perAe = aeByDeal.GroupBy(h => h.AeId)
            .Select(g => new AeRejections(g.Key, g.Sum(h => rejectionsByDeal.GetValueOrDefault(h.DealId)), g.Count()))
            .OrderByDescending(a => a.Rejections).ThenBy(a => a.AeId).ToList();

        var clocks = await db.Clocks.AsNoTracking()
            .Select(c => new { c.Name, c.Status, c.DueAtUtc, c.StoppedAtUtc })
            .ToListAsync(ct);
        var onTime = clocks.GroupBy(c => c.Name).OrderBy(g => g.Key).Select(g =>
        {
            var ok = g.Count(c => c.Status == ClockStatus.Stopped && c.StoppedAtUtc <= c.DueAtUtc);
            // Stopped after the deadline but before the sweeper got to it is still a miss.
            var missed = g.Count(c => c.Status == ClockStatus.Fired || (c.Status == ClockStatus.Stopped && c.StoppedAtUtc > c.DueAtUtc));
            var running = g.Count(c => c.Status == ClockStatus.Running);
            return new ClockRate(g.Key, ok, missed, running, ok + missed == 0 ? null : Math.Round((double)ok / (ok + missed), 3));
        }).ToList();

        return new HandoffMetricsView(
            handoffs, judged, acceptedFirstTry, judged == 0 ? null : Math.Round((double)acceptedFirstTry / judged, 3),
            onTime, Median(hoursToAck), hoursToAck.Count,
            ratings.Count == 0 ? null : Math.Round(ratings.Average(r => r.Stars), 2), ratings.Count, rediscovered, perAe);
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var mid = values.Count / 2;
        var median = values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        return Math.Round(median, 2);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record RatedJson(int Stars, List<string>? RediscoveredFieldKeys);
}
