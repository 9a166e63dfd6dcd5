namespace Baton.Domain.Handoffs;

/// <summary>Something that happened to a handoff: appended, never overwritten; the audit trail and the metrics' source.</summary>
public abstract record HandoffEvent(string DealId, DateTimeOffset OccurredAtUtc, string Actor);

public sealed record HandoffStarted(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string AeId, string Segment, string HandoffType)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffRouted(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string CsmId, string Pool, string Explanation)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffReassigned(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string FromCsmId, string ToCsmId, string Pool, string Explanation)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffPosted(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string Channel, string PostId)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffViewed(string DealId, DateTimeOffset OccurredAtUtc, string Actor)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffReacted(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string Reaction)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffAcknowledged(string DealId, DateTimeOffset OccurredAtUtc, string Actor)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffWarmCallHeld(string DealId, DateTimeOffset OccurredAtUtc, string Actor)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffAccepted(string DealId, DateTimeOffset OccurredAtUtc, string Actor)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffRejected(string DealId, DateTimeOffset OccurredAtUtc, string Actor, IReadOnlyList<string> Reasons, IReadOnlyList<string> JunkFieldKeys)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffResubmitted(string DealId, DateTimeOffset OccurredAtUtc, string Actor, int Round)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffKickoffScheduled(string DealId, DateTimeOffset OccurredAtUtc, string Actor, DateTimeOffset KickoffAtUtc)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffKickoffRescheduled(string DealId, DateTimeOffset OccurredAtUtc, string Actor, DateTimeOffset KickoffAtUtc)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffKickoffHeld(string DealId, DateTimeOffset OccurredAtUtc, string Actor)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record HandoffRated(string DealId, DateTimeOffset OccurredAtUtc, string Actor, int Stars, IReadOnlyList<string> RediscoveredFieldKeys)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);

public sealed record ClockMissed(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string Clock, DateTimeOffset StartedAtUtc, string EscalatedTo)
    : HandoffEvent(DealId, OccurredAtUtc, Actor);
