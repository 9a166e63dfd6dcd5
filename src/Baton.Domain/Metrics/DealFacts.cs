namespace Baton.Domain.Metrics;

/// <summary>
/// One entry of a deal's history as the dashboard reads it: the adapter turns stored events into these, in the order
/// they happened, and <see cref="HandoffFigures.Project"/> reduces them to one deal's figures.
/// </summary>
public abstract record DealFact(DateTimeOffset AtUtc);

/// <summary>A handoff field got a value; an empty value clears it.</summary>
public sealed record FieldChanged(DateTimeOffset AtUtc, string Key, string Value) : DealFact(AtUtc);

/// <summary>The deal moved into a pipeline stage.</summary>
public sealed record StageEntered(DateTimeOffset AtUtc, string Stage) : DealFact(AtUtc);

/// <summary>The gate refused a move into a stage.</summary>
public sealed record StageRefused(DateTimeOffset AtUtc, string Stage) : DealFact(AtUtc);

public sealed record HandoffOpened(DateTimeOffset AtUtc, string AeId, string Segment, string HandoffType) : DealFact(AtUtc);

/// <summary>Routed or reassigned: from here on this CSM owns the handoff.</summary>
public sealed record CsmChosen(DateTimeOffset AtUtc, string CsmId) : DealFact(AtUtc);

public sealed record Acknowledged(DateTimeOffset AtUtc) : DealFact(AtUtc);

public sealed record WarmCallHeld(DateTimeOffset AtUtc) : DealFact(AtUtc);

public sealed record Accepted(DateTimeOffset AtUtc) : DealFact(AtUtc);

public sealed record Rejected(DateTimeOffset AtUtc, IReadOnlyList<string> Reasons, IReadOnlyList<string> JunkFieldKeys) : DealFact(AtUtc);

public sealed record Resubmitted(DateTimeOffset AtUtc) : DealFact(AtUtc);

/// <summary>The kickoff went on the calendar: the moment the customer was first contacted.</summary>
public sealed record KickoffScheduled(DateTimeOffset AtUtc) : DealFact(AtUtc);

public sealed record KickoffHeld(DateTimeOffset AtUtc) : DealFact(AtUtc);

public sealed record Rated(DateTimeOffset AtUtc, int Stars, IReadOnlyList<string> RediscoveredFieldKeys) : DealFact(AtUtc);

/// <summary>A clock ran out and someone was told.</summary>
public sealed record ClockRanOut(DateTimeOffset AtUtc, string Clock, string EscalatedTo) : DealFact(AtUtc);

public sealed record ContractSent(DateTimeOffset AtUtc) : DealFact(AtUtc);

public sealed record ContractSigned(DateTimeOffset AtUtc) : DealFact(AtUtc);

/// <summary>The customer entered a CS pipeline stage (by a handoff event or by hand).</summary>
public sealed record CsStageEntered(DateTimeOffset AtUtc, string Stage) : DealFact(AtUtc);
