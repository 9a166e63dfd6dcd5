namespace Baton.Core.Handoffs;

/// <summary>What happened when a trigger reached a handoff (or a contract).</summary>
public sealed record HandoffOutcome(HandoffOutcomeKind Kind, string? Reason = null)
{
    public static readonly HandoffOutcome Applied = new(HandoffOutcomeKind.Applied);

    public static HandoffOutcome Conflict(string reason) => new(HandoffOutcomeKind.Conflict, reason);
}

public enum HandoffOutcomeKind { Applied, Ignored, Refused, NotFound, Conflict }
