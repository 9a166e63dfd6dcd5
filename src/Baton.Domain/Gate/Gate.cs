using Baton.Domain.Fields;
using Baton.Domain.Playbook;
using Baton.Domain.Quality;

namespace Baton.Domain.Gate;

/// <summary>One field's answer at the gate: its verdict and whether that verdict blocks the move.</summary>
public readonly record struct FieldCheck(FieldDefinition Field, Verdict Verdict)
{
    /// <summary>A hard field that is not Ok blocks the stage move; anything else is at most a warning.</summary>
    public bool Blocks => !Verdict.IsOk && Field.Requirement == Requirement.Hard;
    public bool Warns => !Verdict.IsOk && Field.Requirement != Requirement.Hard;
}

/// <summary>The gate's answer for one deal and one target stage.</summary>
public sealed record GateResult(Stage Stage, string? Segment, IReadOnlyList<FieldCheck> Checks)
{
    public bool Passed => !Checks.Any(c => c.Blocks);
    public IEnumerable<FieldCheck> Blocking => Checks.Where(c => c.Blocks);
    public IEnumerable<FieldCheck> Warnings => Checks.Where(c => c.Warns);
}

/// <summary>
/// The fields a gate checks for one target stage and segment, worked out once and reused per deal.
/// </summary>
/// <remarks>
/// Fractional capture: a field is checked when it applies to the segment and is required at or before
/// the target stage. Optional fields are judged only when they hold a value. Entering a lost stage checks nothing.
/// </remarks>
public sealed class GatePlan
{
    private readonly FieldDefinition[] _fields;

    private GatePlan(Stage stage, string? segment, FieldManifest manifest, FieldDefinition[] fields)
    {
        Stage = stage;
        Segment = segment;
        Manifest = manifest;
        Fields = _fields = fields;
    }

    public Stage Stage { get; }
    public string? Segment { get; }
    public FieldManifest Manifest { get; }
    /// <summary>The fields this gate judges, in manifest order.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; }
    /// <summary><see cref="Fields"/> as a span, for per-deal loops that should not pay an interface call per field.</summary>
    public ReadOnlySpan<FieldDefinition> FieldSpan => _fields;

    public static GatePlan For(Playbook.Playbook playbook, Stage target, string? segment)
    {
        if (target.Outcome == StageOutcome.Lost)
            return new GatePlan(target, segment, playbook.Fields, []);
        var fields = playbook.Fields.Fields
            .Where(f => f.AppliesTo(segment) && playbook.FindStage(f.RequiredFrom) is { } from && from.Order <= target.Order)
            .ToArray();
        return new GatePlan(target, segment, playbook.Fields, fields);
    }

    /// <summary>Judges every planned field into <paramref name="verdicts"/> (same order as <see cref="Fields"/>); true when nothing blocks.</summary>
    /// <param name="cache">For a caller judging many deals on one thread (the audit); see <see cref="VerdictCache"/>.</param>
    public bool Evaluate(IFieldValues values, Span<Verdict> verdicts, VerdictCache? cache = null)
    {
        var passed = true;
        var fields = _fields;
        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            var raw = values.Get(f.Ordinal);
            if (f.Requirement == Requirement.Optional && raw.IsWhiteSpace())
            {
                verdicts[i] = Verdict.Good;
                continue;
            }
            var v = FieldQuality.Check(f, raw, values, Manifest, cache);
            verdicts[i] = v;
            if (!v.IsOk && f.Requirement == Requirement.Hard) passed = false;
        }
        return passed;
    }

    public GateResult Evaluate(IFieldValues values)
    {
        var verdicts = new Verdict[Fields.Count];
        Evaluate(values, verdicts);
        return new GateResult(Stage, Segment, Fields.Select((f, i) => new FieldCheck(f, verdicts[i])).ToArray());
    }
}

/// <summary>The check that runs when a deal tries to enter a stage.</summary>
public static class Gate
{
    public static GateResult Evaluate(Playbook.Playbook playbook, Stage target, string? segment, IFieldValues values) =>
        GatePlan.For(playbook, target, segment).Evaluate(values);
}
