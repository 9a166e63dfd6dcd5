namespace Baton.Domain.Handoffs;

/// <summary>Something that happened to a handoff: appended, never overwritten; the audit trail and the metrics' source.</summary>
public abstract record HandoffEvent(string DealId, DateTimeOffset OccurredAtUtc, string Actor);

/// <summary>The deal closed-won and the handoff opened.</summary>
public sealed record HandoffStarted(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string AeId, string Segment, string HandoffType)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>A CSM was chosen; <c>Explanation</c> says why, for the audit and for the lead.</summary>
public sealed record HandoffRouted(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string CsmId, string Pool, string Explanation)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>A lead moved the handoff to another CSM before it was accepted.</summary>
public sealed record HandoffReassigned(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string FromCsmId, string ToCsmId, string Pool, string Explanation)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>The card is in the team channel.</summary>
public sealed record HandoffPosted(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string Channel, string PostId)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>Someone opened the card; not an acknowledgment.</summary>
public sealed record HandoffViewed(string DealId, DateTimeOffset OccurredAtUtc, string Actor)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>Someone reacted to the card; not an acknowledgment.</summary>
public sealed record HandoffReacted(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string Reaction)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>The assigned CSM confirmed they read the handoff, the promised field by name.</summary>
public sealed record HandoffAcknowledged(string DealId, DateTimeOffset OccurredAtUtc, string Actor)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>The AE and the CSM held the warm call.</summary>
public sealed record HandoffWarmCallHeld(string DealId, DateTimeOffset OccurredAtUtc, string Actor)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>The CSM owns the customer from here.</summary>
public sealed record HandoffAccepted(string DealId, DateTimeOffset OccurredAtUtc, string Actor)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>Sent back to the AE; <c>JunkFieldKeys</c> feed the field-quality metrics.</summary>
public sealed record HandoffRejected(string DealId, DateTimeOffset OccurredAtUtc, string Actor, IReadOnlyList<string> Reasons, IReadOnlyList<string> JunkFieldKeys)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>The AE sent the fixed handoff back; <c>Round</c> is 2 for the first resubmission.</summary>
public sealed record HandoffResubmitted(string DealId, DateTimeOffset OccurredAtUtc, string Actor, int Round)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>The customer was contacted and the kickoff is on the calendar.</summary>
public sealed record HandoffKickoffScheduled(string DealId, DateTimeOffset OccurredAtUtc, string Actor, DateTimeOffset KickoffAtUtc)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>The kickoff moved to another time.</summary>
public sealed record HandoffKickoffRescheduled(string DealId, DateTimeOffset OccurredAtUtc, string Actor, DateTimeOffset KickoffAtUtc)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>The kickoff took place; the handoff is over.</summary>
public sealed record HandoffKickoffHeld(string DealId, DateTimeOffset OccurredAtUtc, string Actor)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>The CSM's 1-5 rating; <c>RediscoveredFieldKeys</c> are the fields they had to ask the customer about again.</summary>
public sealed record HandoffRated(string DealId, DateTimeOffset OccurredAtUtc, string Actor, int Stars, IReadOnlyList<string> RediscoveredFieldKeys)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

/// <summary>A clock run reached its deadline before its stop event and was escalated, once.</summary>
public sealed record ClockMissed(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string Clock, DateTimeOffset StartedAtUtc, string EscalatedTo)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);
