using System.Text.Json;
using Baton.Core.Data;
using Baton.Domain.Metrics;

namespace Baton.Core.Dashboard;

/// <summary>Stored history entries as the dashboard's <see cref="DealFact"/>s; entries it does not count are skipped.</summary>
public static class DashboardFacts
{
    /// <summary>The event types the read model is built from; any other entry leaves the figures unchanged.</summary>
    /// <remarks>An array, so EF turns <c>Contains</c> into SQL <c>IN</c>.</remarks>
    public static readonly string[] Counted =
    [
        "FieldSet", "DealImported", "StageChanged", "StageRefused", "HandoffStarted", "HandoffRouted", "HandoffReassigned",
        "HandoffAcknowledged", "HandoffWarmCallHeld", "HandoffAccepted", "HandoffRejected", "HandoffResubmitted",
        "HandoffKickoffScheduled", "HandoffKickoffHeld", "HandoffRated", "ClockMissed", "ContractSent", "ContractSigned",
        "ContractClockMissed", "CsStageChanged",
    ];

    private static readonly HashSet<string> CountedSet = new(Counted, StringComparer.Ordinal);

    public static IEnumerable<DealFact> From(EventRow e)
    {
        if (!CountedSet.Contains(e.Type)) yield break;
        var at = new DateTimeOffset(DateTime.SpecifyKind(e.OccurredAtUtc, DateTimeKind.Utc));
        using var doc = JsonDocument.Parse(e.Data);
        var d = doc.RootElement;
        switch (e.Type)
        {
            case "FieldSet":
                yield return new FieldChanged(at, S(d, "field"), S(d, "value"));
                break;
            case "DealImported":
                if (d.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Object)
                    foreach (var p in fields.EnumerateObject()) yield return new FieldChanged(at, p.Name, p.Value.GetString() ?? "");
                if (d.TryGetProperty("to", out var to)) yield return new StageEntered(at, to.GetString() ?? "");
                break;
            case "StageChanged": yield return new StageEntered(at, S(d, "to")); break;
            case "StageRefused": yield return new StageRefused(at, S(d, "stage")); break;
            case "HandoffStarted": yield return new HandoffOpened(at, S(d, "aeId"), S(d, "segment"), S(d, "handoffType")); break;
            case "HandoffRouted": yield return new CsmChosen(at, S(d, "csmId")); break;
            case "HandoffReassigned": yield return new CsmChosen(at, S(d, "toCsmId")); break;
            case "HandoffAcknowledged": yield return new Acknowledged(at); break;
            case "HandoffWarmCallHeld": yield return new WarmCallHeld(at); break;
            case "HandoffAccepted": yield return new Accepted(at); break;
            case "HandoffRejected": yield return new Rejected(at, List(d, "reasons"), List(d, "junkFieldKeys")); break;
            case "HandoffResubmitted": yield return new Resubmitted(at); break;
            case "HandoffKickoffScheduled":
                yield return new KickoffScheduled(at);
                yield return new CsStageEntered(at, "KickoffScheduled");
                break;
            case "HandoffKickoffHeld":
                yield return new KickoffHeld(at);
                yield return new CsStageEntered(at, "OnboardingActive");
                break;
            case "HandoffRated": yield return new Rated(at, d.TryGetProperty("stars", out var s) ? s.GetInt32() : 0, List(d, "rediscoveredFieldKeys")); break;
            case "ClockMissed" or "ContractClockMissed": yield return new ClockRanOut(at, S(d, "clock"), S(d, "escalatedTo")); break;
            case "ContractSent": yield return new Domain.Metrics.ContractSent(at); break;
            case "ContractSigned": yield return new Domain.Metrics.ContractSigned(at); break;
            case "CsStageChanged": yield return new CsStageEntered(at, S(d, "to")); break;
        }
    }

    private static string S(JsonElement d, string name) => d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static string[] List(JsonElement d, string name) =>
        d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : [];
}
