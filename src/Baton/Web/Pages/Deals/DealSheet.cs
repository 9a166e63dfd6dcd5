using System.Globalization;
using Baton.Core.Data;
using Baton.Domain.Fields;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;
using Baton.Domain.Quality;
using PlaybookModel = Baton.Domain.Playbook.Playbook;

namespace Baton.Web.Pages.Deals;

/// <summary>How many of the fields a deal needs by its next stage are filled and judged good.</summary>
public readonly record struct Completeness(int Good, int Required)
{
    public bool Complete => Good == Required;
    public string Text => $"{Good}/{Required} good";
    public string Badge => Complete ? "good" : Good * 2 >= Required ? "warn" : "bad";
}

/// <summary>
/// What the deal pages work out from the playbook for one deal: its segment, the stage it moves to next, the fields
/// asked so far (fractional capture) and the gate's answers. The same plans and verdicts the gate uses.
/// </summary>
public static class DealSheet
{
    /// <summary>The next open or won stage after the deal's own; null for a won or lost deal.</summary>
    public static Stage? NextStage(PlaybookModel playbook, Stage? current) =>
        current is { Outcome: StageOutcome.Open }
            ? playbook.Stages.Where(s => s.Order > current.Order && s.Outcome != StageOutcome.Lost).OrderBy(s => s.Order).FirstOrDefault()
            : null;

    /// <summary>The stage whose fields the deal is asked for now: the next one, or for a closed deal the won stage.</summary>
    public static Stage AskedUpTo(PlaybookModel playbook, Stage? current) =>
        NextStage(playbook, current) ?? (current is { Outcome: StageOutcome.Won } ? current : playbook.WonStage);

    /// <summary>Whether a field is asked by <paramref name="upTo"/>: its required_from stage is at or before it.</summary>
    public static bool AskedBy(PlaybookModel playbook, FieldDefinition field, Stage upTo) =>
        playbook.FindStage(field.RequiredFrom) is { } from && from.Order <= upTo.Order;

    /// <summary>Required (hard or soft) fields of the gate that are filled and pass.</summary>
    public static Completeness CompletenessOf(GateResult gate)
    {
        var required = gate.Checks.Where(c => c.Field.Requirement != Requirement.Optional).ToList();
        return new Completeness(required.Count(c => c.Verdict.IsOk), required.Count);
    }

    /// <summary>The judgement the gate gives one value, in the context of the deal's other values.</summary>
    public static Verdict Judge(PlaybookModel playbook, FieldDefinition field, string? value, IReadOnlyDictionary<string, string?> others)
    {
        if (field.Requirement == Requirement.Optional && string.IsNullOrWhiteSpace(value)) return Verdict.Good;
        var all = new Dictionary<string, string?>(others, StringComparer.OrdinalIgnoreCase) { [field.Key] = value };
        return FieldQuality.Check(field, value.AsSpan(), FieldValues.From(playbook.Fields, all), playbook.Fields);
    }

    public static string VerdictWord(Verdict verdict) => verdict.Kind switch
    {
        VerdictKind.Ok => "good",
        VerdictKind.Missing => "missing",
        VerdictKind.Filler => "filler",
        VerdictKind.Vague => "vague",
        VerdictKind.Invalid => "invalid",
        _ => verdict.Kind.ToString().ToLowerInvariant(),
    };

    public static string RequirementText(Requirement requirement) =>
        $"{requirement.ToString().ToLowerInvariant()}: {RequirementEffect(requirement)}";

    public static string RequirementEffect(Requirement requirement) => requirement switch
    {
        Requirement.Hard => "blocks the stage move",
        Requirement.Soft => "flagged, does not block",
        _ => "never required",
    };

    public static string SegmentsText(FieldDefinition field) =>
        field.Segments.Count == 0 ? "every segment" : string.Join(", ", field.Segments);

    public static string Money(decimal amount) => amount.ToString("#,0", CultureInfo.InvariantCulture);

    public static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string PersonName(PlaybookModel playbook, string? id) =>
        id is null ? "" : playbook.FindPerson(id)?.Name ?? id;

    /// <summary>Field values of a loaded deal by key.</summary>
    public static Dictionary<string, string?> Values(DealRow deal) =>
        deal.Fields.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.OrdinalIgnoreCase);
}
