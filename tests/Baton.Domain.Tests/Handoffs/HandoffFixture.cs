using Baton.Domain.Calendar;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;

namespace Baton.Domain.Tests.Handoffs;

/// <summary>A deal, the default playbook's clocks, and a way to reach any state through the real machine.</summary>
internal static class HandoffFixture
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 16, 15, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset KickoffAt = T0.AddDays(7);

    public const string Ae = "ae-1";
    public const string Csm = "dana";
    public const string OtherCsm = "sam";

    /// <summary>The clocks of playbooks/default/playbook.yaml.</summary>
    public static readonly IReadOnlyList<ClockSpec> DefaultClocks =
    [
        new("acknowledge", new BusinessDuration(1, DurationUnit.BusinessDays), "cs_lead"),
        new("warm_call", new BusinessDuration(3, DurationUnit.BusinessDays), "cs_lead"),
        new("first_contact", new BusinessDuration(48, DurationUnit.BusinessHours), "cs_lead"),
        new("kickoff", new BusinessDuration(7, DurationUnit.BusinessDays), "cs_lead"),
        new("contract_drafted", new BusinessDuration(24, DurationUnit.Hours), "contracts_manager"),
    ];

    public static readonly HandoffClocks Clocks = HandoffClocks.From(DefaultClocks);

    public static Segment SegmentOf(HandoffType type) =>
        type == HandoffType.Hot ? new Segment("Enterprise", 100_000m, null, HandoffType.Hot) : new Segment("SMB", null, 25_000m, HandoffType.Cold);

    public static DealClosedWon Won(HandoffType type) => new("D-1", "Acme Corp", Ae, SegmentOf(type), type == HandoffType.Hot ? 180_000m : 12_000m);

    /// <summary>Named triggers so theory rows stay readable and serializable.</summary>
    public static HandoffTrigger Trigger(string name) => name switch
    {
        "closed-won" => Won(HandoffType.Hot),
        "assign" => new CsmAssigned(Csm, "enterprise", "rule 1 (Enterprise) → pool enterprise, least loaded: dana (0 open)"),
        "reassign" => new CsmAssigned(OtherCsm, "enterprise", "reassigned: dana is out", By: "lead-1"),
        "post" => new PostedToChannel("#handoffs", "1700000000.000100"),
        "view" => new Viewed(Csm),
        "react" => new Reacted(Csm, "eyes"),
        "acknowledge" => new Acknowledged(Csm, ConfirmedPromised: true),
        "acknowledge-unconfirmed" => new Acknowledged(Csm, ConfirmedPromised: false),
        "acknowledge-by-other" => new Acknowledged(OtherCsm, ConfirmedPromised: true),
        "warm-call" => new WarmCallHeld(Ae),
        "accept" => new Accepted(Csm),
        "accept-by-other" => new Accepted(OtherCsm),
        "reject" => new Rejected(Csm, ["the promised go-live date is missing"], ["promised", "success_metric"]),
        "reject-without-reason" => new Rejected(Csm, [], ["promised"]),
        "reject-by-other" => new Rejected(OtherCsm, ["not mine"], []),
        "resubmit" => new Resubmitted(Ae),
        "schedule-kickoff" => new KickoffScheduled(Csm, KickoffAt),
        "schedule-kickoff-in-past" => new KickoffScheduled(Csm, T0.AddHours(-1)),
        "hold-kickoff" => new KickoffHeld(Csm),
        "rate" => new Rated(Csm, 4, ["technical_environment"]),
        "rate-0" => new Rated(Csm, 0, []),
        "rate-6" => new Rated(Csm, 6, []),
        "rate-by-other" => new Rated(OtherCsm, 5, []),
        "acknowledge-clock" => new ClockElapsed(HandoffClocks.Acknowledge, T0),
        "warm-call-clock" => new ClockElapsed(HandoffClocks.WarmCall, T0),
        "first-contact-clock" => new ClockElapsed(HandoffClocks.FirstContact, T0),
        "kickoff-clock" => new ClockElapsed(HandoffClocks.Kickoff, T0),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such trigger in the fixture"),
    };

    public static readonly IReadOnlyList<string> TriggerNames =
    [
        "closed-won", "assign", "reassign", "post", "view", "react", "acknowledge", "acknowledge-unconfirmed", "acknowledge-by-other",
        "warm-call", "accept", "accept-by-other", "reject", "reject-without-reason", "reject-by-other", "resubmit",
        "schedule-kickoff", "schedule-kickoff-in-past", "hold-kickoff", "rate", "rate-0", "rate-6", "rate-by-other",
        "acknowledge-clock", "warm-call-clock", "first-contact-clock", "kickoff-clock",
    ];

    /// <summary>The shortest path to each state; every step happens at <see cref="T0"/> so every clock run starts then.</summary>
    private static IReadOnlyList<string> PathTo(HandoffState state, HandoffType type) => state switch
    {
        HandoffState.ClosedWon => [],
        HandoffState.Routed => ["assign"],
        HandoffState.Posted => ["assign", "post"],
        HandoffState.Acknowledged => ["assign", "post", "acknowledge"],
        HandoffState.WarmCallHeld => ["assign", "post", "acknowledge", "warm-call"],
        HandoffState.Accepted => type == HandoffType.Hot
            ? ["assign", "post", "acknowledge", "warm-call", "accept"]
            : ["assign", "post", "acknowledge", "accept"],
        HandoffState.Rejected => ["assign", "post", "reject"],
        HandoffState.KickoffScheduled => [.. PathTo(HandoffState.Accepted, type), "schedule-kickoff"],
        HandoffState.KickoffHeld => [.. PathTo(HandoffState.KickoffScheduled, type), "hold-kickoff"],
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static Handoff At(HandoffState state, HandoffType type = HandoffType.Hot)
    {
        var handoff = Handoff.Start(Won(type), Clocks, T0).Handoff;
        foreach (var step in PathTo(state, type))
        {
            // A kickoff is held once its time has come: the fixture's scheduled kickoff is due at T0.
            if (step == "hold-kickoff") handoff = handoff with { KickoffAtUtc = T0 };
            handoff = handoff.Apply(Trigger(step), T0).Next
                ?? throw new InvalidOperationException($"fixture step {step} did not apply in {handoff.State}");
        }
        if (state == HandoffState.KickoffScheduled) handoff = handoff with { KickoffAtUtc = T0 };
        Assert.Equal(state, handoff.State);
        return handoff;
    }
}
