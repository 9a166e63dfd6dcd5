using Baton.Domain.Calendar;
using Baton.Domain.Fields;

namespace Baton.Domain.Playbook;

/// <summary>What entering a stage means for the deal.</summary>
public enum StageOutcome { Open, Won, Lost }

/// <summary>A sales pipeline stage, with the ids each CRM uses for it.</summary>
public sealed record Stage(string Name, int Order, StageOutcome Outcome, string? HubSpotId, string? SalesforceName);

/// <summary>How the CSM receives the customer: the document alone, or a live call with the AE.</summary>
public enum HandoffType { Cold, Hot }

/// <summary>A customer segment, defined by an ARR band [ArrFrom, ArrBelow).</summary>
public sealed record Segment(string Name, decimal? ArrFrom, decimal? ArrBelow, HandoffType Handoff)
{
    public bool Contains(decimal arr) => (ArrFrom is null || arr >= ArrFrom) && (ArrBelow is null || arr < ArrBelow);
}

/// <summary>A service-level deadline in the team's business time, escalated to a role when it runs out.</summary>
public sealed record ClockSpec(string Name, BusinessDuration Duration, string EscalateTo);

/// <summary>The team's configuration: pipeline, segments, calendar, clocks and the field manifest.</summary>
public sealed class Playbook
{
    public required string Name { get; init; }
    public required IReadOnlyList<Stage> Stages { get; init; }
    public required IReadOnlyList<Segment> Segments { get; init; }
    public required CalendarSpec Calendar { get; init; }
    public required IReadOnlyList<ClockSpec> Clocks { get; init; }
    public required FieldManifest Fields { get; init; }

    public Stage WonStage => Stages.First(s => s.Outcome == StageOutcome.Won);

    public Stage? FindStage(string name) =>
        Stages.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public Segment? SegmentFor(decimal arr) => Segments.FirstOrDefault(s => s.Contains(arr));

    public Segment? FindSegment(string name) =>
        Segments.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
