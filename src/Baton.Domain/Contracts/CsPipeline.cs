using Baton.Domain.Handoffs;

namespace Baton.Domain.Contracts;

/// <summary>The CSM's stages after the handoff, in order.</summary>
public enum CsStage { HandoffReceived, KickoffScheduled, OnboardingActive, OnboardingComplete, OngoingSuccess }

/// <summary>The answer to a stage move.</summary>
public abstract record CsMove(string Reason)
{
    public sealed record Moved(CsStage From, CsStage To, string Reason) : CsMove(Reason);

    /// <summary>Already there: handoff events arrive at least once.</summary>
    public sealed record Ignored(string Reason) : CsMove(Reason);

    public sealed record Refused(string Reason) : CsMove(Reason);
}

/// <summary>The CS pipeline moves forward only; skipping ahead is allowed, going back is not.</summary>
public static class CsPipeline
{
    public static CsMove Advance(CsStage current, CsStage target, string why) =>
        target.CompareTo(current) switch
        {
            > 0 => new CsMove.Moved(current, target, why),
            0 => new CsMove.Ignored($"already at {current}"),
            _ => new CsMove.Refused($"moving from {current} back to {target} is not allowed: the CS pipeline moves forward only"),
        };

    /// <summary>The stage a handoff event puts the customer in; null for events that do not move the CS pipeline.</summary>
    public static CsStage? StageFor(HandoffEvent e) => e switch
    {
        HandoffKickoffScheduled => CsStage.KickoffScheduled,
        HandoffKickoffHeld => CsStage.OnboardingActive,
        _ => null,
    };

    /// <summary>Moves the customer for a handoff event, with the event as the reason.</summary>
    public static CsMove Follow(CsStage current, HandoffEvent e) =>
        StageFor(e) is { } target
            ? Advance(current, target, $"{e.GetType().Name} at {e.OccurredAtUtc:u} by {e.Actor}")
            : new CsMove.Ignored($"{e.GetType().Name} does not move the CS pipeline");
}
