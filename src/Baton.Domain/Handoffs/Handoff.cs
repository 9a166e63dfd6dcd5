using Baton.Domain.Playbook;

namespace Baton.Domain.Handoffs;

/// <summary>Where a handoff is, from closed-won to kickoff held. The README has the state table.</summary>
public enum HandoffState
{
    /// <summary>Closed-won, waiting for routing to choose a CSM.</summary>
    ClosedWon,
    Routed,
    Posted,
    Acknowledged,
    WarmCallHeld,
    Accepted,
    /// <summary>Back with the AE, with the CSM's reasons and the fields they flagged.</summary>
    Rejected,
    KickoffScheduled,
    /// <summary>Terminal.</summary>
    KickoffHeld,
}

/// <summary>One run of a clock; (Name, StartedAtUtc) identifies it.</summary>
/// <remarks>The escalation role is captured at start so a playbook edit does not change a running clock.</remarks>
public sealed record RunningClock(string Name, DateTimeOffset StartedAtUtc, string EscalateTo);

/// <summary>A run of a clock that reached its deadline before its stop event; escalated once.</summary>
public sealed record MissedClock(string Name, DateTimeOffset StartedAtUtc, DateTimeOffset MissedAtUtc, string EscalatedTo);

/// <summary>
/// The handoff of one closed-won deal from its AE to a CSM. Immutable: <see cref="Apply"/> is pure and
/// total and returns the next handoff with the effects to carry out and the events to append.
/// </summary>
/// <remarks>
/// Invariants: a hot handoff is never accepted before its warm call; only the assigned CSM acknowledges,
/// accepts, rejects or rates; an acknowledgment confirms the promised field; a clock run escalates at most
/// once; <see cref="HandoffState.KickoffHeld"/> has no way out.
/// Every property is plain state so a mapper can store it and rebuild the handoff with an object initializer;
/// <see cref="Clocks"/> comes from the playbook, not from storage.
/// </remarks>
public sealed record Handoff
{
    public required string DealId { get; init; }
    public required string AccountName { get; init; }
    public required string AeId { get; init; }
    public required string Segment { get; init; }
    public required HandoffType Type { get; init; }
    public required DateTimeOffset ClosedWonAtUtc { get; init; }
    public required HandoffState State { get; init; }
    public required HandoffClocks Clocks { get; init; }

    public string? CsmId { get; init; }
    public string? Pool { get; init; }
    public string? Channel { get; init; }
    public string? PostId { get; init; }
    public DateTimeOffset? AcknowledgedAtUtc { get; init; }
    public DateTimeOffset? WarmCallHeldAtUtc { get; init; }
    public DateTimeOffset? AcceptedAtUtc { get; init; }
    public DateTimeOffset? KickoffAtUtc { get; init; }
    public DateTimeOffset? KickoffHeldAtUtc { get; init; }

    /// <summary>1 for the first submission, +1 per resubmission.</summary>
    public int Round { get; init; } = 1;
    public IReadOnlyList<string> LastRejectionReasons { get; init; } = [];
    public IReadOnlyList<string> LastJunkFieldKeys { get; init; } = [];

    public int? Stars { get; init; }
    public IReadOnlyList<string> RediscoveredFieldKeys { get; init; } = [];

    public IReadOnlyList<RunningClock> RunningClocks { get; init; } = [];
    public IReadOnlyList<MissedClock> MissedClocks { get; init; } = [];

    public static bool IsTerminal(HandoffState state) => state == HandoffState.KickoffHeld;

    /// <summary>Opens the handoff for a closed-won deal and starts the clocks that run from the close.</summary>
    /// <remarks>Returns the transition, not only the handoff, because the close already has effects (clocks) and an event.</remarks>
    public static Transition.Moved Start(DealClosedWon won, HandoffClocks clocks, DateTimeOffset nowUtc)
    {
        var handoff = new Handoff
        {
            DealId = won.DealId,
            AccountName = won.AccountName,
            AeId = won.AeId,
            Segment = won.Segment.Name,
            Type = won.Segment.Handoff,
            ClosedWonAtUtc = nowUtc,
            State = HandoffState.ClosedWon,
            Clocks = clocks,
        };
        var (started, effects) = handoff.StartClocks(ClockMoment.ClosedWon, nowUtc);
        return new Transition.Moved(
            started,
            effects,
            [new HandoffStarted(won.DealId, nowUtc, won.Actor, won.AeId, won.Segment.Name, won.Segment.Handoff.ToString())]);
    }

    /// <summary>Applies one fact. Never throws for a business reason: refusals and ignores are values.</summary>
    public Transition Apply(HandoffTrigger trigger, DateTimeOffset nowUtc) => (State, trigger) switch
    {
        // Recorded for the audit trail; a view or a reaction does not count as an acknowledgment.
        (_, Viewed v) => new Transition.Stayed(this, [], [new HandoffViewed(DealId, nowUtc, v.Actor)]),
        (_, Reacted r) => new Transition.Stayed(this, [], [new HandoffReacted(DealId, nowUtc, r.Actor, r.Reaction)]),

        // Clocks are delivered at least once and may race their stop event; only a running run counts.
        (_, ClockElapsed c) => Elapse(c, nowUtc),

        (HandoffState.ClosedWon, CsmAssigned a) => Route(a, nowUtc),
        (HandoffState.Routed or HandoffState.Posted or HandoffState.Acknowledged or HandoffState.WarmCallHeld, CsmAssigned a) when a.CsmId == CsmId =>
            Refuse(a, $"{a.CsmId} is already assigned"),
        (HandoffState.Routed, CsmAssigned a) => new Transition.Stayed(
            this with { CsmId = a.CsmId, Pool = a.Pool },
            [],
            [new HandoffReassigned(DealId, nowUtc, a.Actor, CsmId!, a.CsmId, a.Pool, a.Explanation)]),
        (HandoffState.Posted or HandoffState.Acknowledged or HandoffState.WarmCallHeld, CsmAssigned a) => Reassign(a, nowUtc),
        (HandoffState.Routed, PostedToChannel p) => Post(p, nowUtc),

        (HandoffState.Posted, Acknowledged a) when a.CsmId != CsmId => NotAssigned(a),
        (HandoffState.Posted, Acknowledged { ConfirmedPromised: false } a) =>
            Refuse(a, "the CSM must confirm they read what was promised in the deal"),
        (HandoffState.Posted, Acknowledged a) => Acknowledge(a, nowUtc),

        (HandoffState.Acknowledged, WarmCallHeld w) => HoldWarmCall(w, nowUtc),

        (HandoffState.Acknowledged or HandoffState.WarmCallHeld, Accepted a) when a.CsmId != CsmId => NotAssigned(a),
        (HandoffState.Acknowledged, Accepted a) when Type == HandoffType.Hot && WarmCallHeldAtUtc is null =>
            Refuse(a, "a hot handoff needs its warm call first"),
        (HandoffState.Acknowledged or HandoffState.WarmCallHeld, Accepted a) => Accept(a, nowUtc),

        (HandoffState.Posted or HandoffState.Acknowledged or HandoffState.WarmCallHeld, Rejected r) when r.CsmId != CsmId => NotAssigned(r),
        (HandoffState.Posted or HandoffState.Acknowledged or HandoffState.WarmCallHeld, Rejected r) when r.Reasons.Count == 0 =>
            Refuse(r, "a rejection needs at least one reason for the AE"),
        (HandoffState.Posted or HandoffState.Acknowledged or HandoffState.WarmCallHeld, Rejected r) => Reject(r, nowUtc),

        (HandoffState.Rejected, Resubmitted s) => Resubmit(s, nowUtc),

        (HandoffState.Accepted or HandoffState.KickoffScheduled, KickoffScheduled k) when k.AtUtc <= nowUtc =>
            Refuse(k, $"the kickoff time {k.AtUtc:u} is not in the future"),
        (HandoffState.Accepted, KickoffScheduled k) => ScheduleKickoff(k, nowUtc),
        (HandoffState.KickoffScheduled, KickoffScheduled k) => new Transition.Stayed(
            this with { KickoffAtUtc = k.AtUtc },
            [new ScheduleInvite(InviteKind.Kickoff, k.AtUtc)],
            [new HandoffKickoffRescheduled(DealId, nowUtc, k.Actor, k.AtUtc)]),

        // Held before its time would stop the kickoff clock as on time for a meeting that has not happened.
        (HandoffState.KickoffScheduled, KickoffHeld h) when KickoffAtUtc > nowUtc =>
            Refuse(h, $"the kickoff is scheduled for {KickoffAtUtc:u}; it can be marked held once that time has come (reschedule it if it was held earlier)"),
        (HandoffState.KickoffScheduled, KickoffHeld h) => HoldKickoff(h, nowUtc),

        (HandoffState.Accepted or HandoffState.KickoffScheduled or HandoffState.KickoffHeld, Rated r) when r.CsmId != CsmId => NotAssigned(r),
        (HandoffState.Accepted or HandoffState.KickoffScheduled or HandoffState.KickoffHeld, Rated { Stars: < 1 or > 5 } r) =>
            Refuse(r, $"a rating is 1 to 5, not {r.Stars}"),
        (HandoffState.Accepted or HandoffState.KickoffScheduled or HandoffState.KickoffHeld, Rated r) when Stars is not null =>
            Refuse(r, $"it was already rated {Stars}"),
        (HandoffState.Accepted or HandoffState.KickoffScheduled or HandoffState.KickoffHeld, Rated r) => new Transition.Stayed(
            this with { Stars = r.Stars, RediscoveredFieldKeys = r.RediscoveredFieldKeys },
            [],
            [new HandoffRated(DealId, nowUtc, r.Actor, r.Stars, r.RediscoveredFieldKeys)]),

        _ => new Transition.Refused($"{trigger.Name} is not allowed while {State}"),
    };

    private Transition Route(CsmAssigned a, DateTimeOffset nowUtc) => new Transition.Moved(
        this with { State = HandoffState.Routed, CsmId = a.CsmId, Pool = a.Pool },
        [new PostToChannel(MessageKind.HandoffCard)],
        [new HandoffRouted(DealId, nowUtc, a.Actor, a.CsmId, a.Pool, a.Explanation)]);

    private Transition Reassign(CsmAssigned a, DateTimeOffset nowUtc)
    {
        // The new CSM has read nothing and met no one: they acknowledge, and hold the warm call, themselves.
        var (stopped, stops) = StopClocks(HandoffClocks.Rules.Where(c => c.StartsOn == ClockMoment.Posted).Select(c => c.Name));
        var (posted, starts) = (stopped with
            {
                State = HandoffState.Posted,
                CsmId = a.CsmId,
                Pool = a.Pool,
                AcknowledgedAtUtc = null,
                WarmCallHeldAtUtc = null,
            })
            .StartClocks(ClockMoment.Posted, nowUtc);
        Effect[] effects = [.. stops, new UpdatePost(MessageKind.Reassigned), new DirectMessage(CsmId!, MessageKind.Reassigned), new DirectMessage(a.CsmId, MessageKind.NewHandoff), .. starts];
        HandoffEvent[] events = [new HandoffReassigned(DealId, nowUtc, a.Actor, CsmId!, a.CsmId, a.Pool, a.Explanation)];
        return State == HandoffState.Posted
            ? new Transition.Stayed(posted, effects, events)
            : new Transition.Moved(posted, effects, events);
    }

    private Transition Post(PostedToChannel p, DateTimeOffset nowUtc)
    {
        var (posted, clockEffects) = (this with { State = HandoffState.Posted, Channel = p.Channel, PostId = p.PostId })
            .StartClocks(ClockMoment.Posted, nowUtc);
        return new Transition.Moved(
            posted,
            [new DirectMessage(CsmId!, MessageKind.NewHandoff), .. clockEffects],
            [new HandoffPosted(DealId, nowUtc, p.Actor, p.Channel, p.PostId)]);
    }

    private Transition Acknowledge(Acknowledged a, DateTimeOffset nowUtc)
    {
        var (acknowledged, stops) = (this with { State = HandoffState.Acknowledged, AcknowledgedAtUtc = nowUtc })
            .StopClocks(HandoffClocks.StoppingOn(ClockMoment.Acknowledged));
        // The warm call is booked once the CSM has read the document, so the call starts from it.
        Effect[] invite = Type == HandoffType.Hot && WarmCallHeldAtUtc is null ? [new ScheduleInvite(InviteKind.WarmCall, null)] : [];
        // The thread says who took the customer on and what they confirmed, where the AE and the lead look.
        return new Transition.Moved(
            acknowledged,
            [.. stops, new UpdatePost(MessageKind.Acknowledged), new ReplyInThread(MessageKind.Acknowledged), .. invite],
            [new HandoffAcknowledged(DealId, nowUtc, a.Actor)]);
    }

    private Transition HoldWarmCall(WarmCallHeld w, DateTimeOffset nowUtc)
    {
        var (held, stops) = (this with { State = HandoffState.WarmCallHeld, WarmCallHeldAtUtc = nowUtc })
            .StopClocks(HandoffClocks.StoppingOn(ClockMoment.WarmCallHeld));
        return new Transition.Moved(
            held,
            [.. stops, new UpdatePost(MessageKind.WarmCallHeld)],
            [new HandoffWarmCallHeld(DealId, nowUtc, w.Actor)]);
    }

    private Transition Accept(Accepted a, DateTimeOffset nowUtc) => new Transition.Moved(
        this with { State = HandoffState.Accepted, AcceptedAtUtc = nowUtc },
        [new UpdatePost(MessageKind.Accepted), new DirectMessage(AeId, MessageKind.Accepted)],
        [new HandoffAccepted(DealId, nowUtc, a.Actor)]);

    private Transition Reject(Rejected r, DateTimeOffset nowUtc)
    {
        // The CSM's clocks stop while the AE has the handoff; the customer's clocks (first contact, kickoff) keep running.
        var (rejected, stops) = (this with
            {
                State = HandoffState.Rejected,
                LastRejectionReasons = r.Reasons,
                LastJunkFieldKeys = r.JunkFieldKeys,
            })
            .StopClocks(HandoffClocks.Rules.Where(c => c.StartsOn == ClockMoment.Posted).Select(c => c.Name));
        return new Transition.Moved(
            rejected,
            [.. stops, new UpdatePost(MessageKind.Rejected), new DirectMessage(AeId, MessageKind.Rejected)],
            [new HandoffRejected(DealId, nowUtc, r.Actor, r.Reasons, r.JunkFieldKeys)]);
    }

    private Transition Resubmit(Resubmitted s, DateTimeOffset nowUtc)
    {
        // A warm call already held is not held again; the CSM does acknowledge the fixed document again.
        var (posted, starts) = (this with { State = HandoffState.Posted, Round = Round + 1, AcknowledgedAtUtc = null })
            .StartClocks(ClockMoment.Posted, nowUtc, except: WarmCallHeldAtUtc is null ? null : HandoffClocks.WarmCall);
        return new Transition.Moved(
            posted,
            [new UpdatePost(MessageKind.Resubmitted), new ReplyInThread(MessageKind.Resubmitted), new DirectMessage(CsmId!, MessageKind.Resubmitted), .. starts],
            [new HandoffResubmitted(DealId, nowUtc, s.Actor, Round + 1)]);
    }

    private Transition ScheduleKickoff(KickoffScheduled k, DateTimeOffset nowUtc)
    {
        var (scheduled, stops) = (this with { State = HandoffState.KickoffScheduled, KickoffAtUtc = k.AtUtc })
            .StopClocks(HandoffClocks.StoppingOn(ClockMoment.KickoffScheduled));
        return new Transition.Moved(
            scheduled,
            [.. stops, new ScheduleInvite(InviteKind.Kickoff, k.AtUtc), new SendEmail(EmailKind.KickoffConfirmation), new UpdatePost(MessageKind.KickoffScheduled)],
            [new HandoffKickoffScheduled(DealId, nowUtc, k.Actor, k.AtUtc)]);
    }

    private Transition HoldKickoff(KickoffHeld h, DateTimeOffset nowUtc)
    {
        var (held, stops) = (this with { State = HandoffState.KickoffHeld, KickoffHeldAtUtc = nowUtc })
            .StopClocks(HandoffClocks.StoppingOn(ClockMoment.KickoffHeld));
        return new Transition.Moved(
            held,
            [.. stops, new UpdatePost(MessageKind.KickoffHeld)],
            [new HandoffKickoffHeld(DealId, nowUtc, h.Actor)]);
    }

    private Transition Elapse(ClockElapsed c, DateTimeOffset nowUtc)
    {
        var run = RunningClocks.FirstOrDefault(r => r.Name == c.Clock && r.StartedAtUtc == c.StartedAtUtc);
        if (run is null)
        {
            var missed = MissedClocks.Any(m => m.Name == c.Clock && m.StartedAtUtc == c.StartedAtUtc);
            return new Transition.Ignored(missed
                ? $"{c.Name} for {c.Clock} started {c.StartedAtUtc:u} is a repeat: that run was already escalated"
                : $"{c.Name} for {c.Clock} started {c.StartedAtUtc:u} is stale: that run is not running while {State}");
        }
        Effect[] reply = PostId is null ? [] : [new ReplyInThread(MessageKind.ClockMissed)];
        return new Transition.Stayed(
            this with
            {
                RunningClocks = [.. RunningClocks.Where(r => r != run)],
                MissedClocks = [.. MissedClocks, new MissedClock(run.Name, run.StartedAtUtc, nowUtc, run.EscalateTo)],
            },
            [new Escalate(run.EscalateTo, run.Name), .. reply],
            [new ClockMissed(DealId, nowUtc, c.Actor, run.Name, run.StartedAtUtc, run.EscalateTo)]);
    }

    private (Handoff, IReadOnlyList<Effect>) StartClocks(ClockMoment moment, DateTimeOffset nowUtc, string? except = null)
    {
        var specs = Clocks.StartingOn(moment, Type).Where(s => s.Name != except).ToList();
        var names = specs.Select(s => s.Name).ToHashSet();
        return (
            this with
            {
                RunningClocks = [.. RunningClocks.Where(r => !names.Contains(r.Name)), .. specs.Select(s => new RunningClock(s.Name, nowUtc, s.EscalateTo))],
            },
            [.. specs.Select(s => new StartClock(s.Name, s.Duration, nowUtc))]);
    }

    private (Handoff, IReadOnlyList<Effect>) StopClocks(IEnumerable<string> clocks)
    {
        var stopping = clocks.Where(c => RunningClocks.Any(r => r.Name == c)).ToHashSet();
        return (
            this with { RunningClocks = [.. RunningClocks.Where(r => !stopping.Contains(r.Name))] },
            [.. RunningClocks.Where(r => stopping.Contains(r.Name)).Select(r => new StopClock(r.Name))]);
    }

    private Transition.Refused Refuse(HandoffTrigger trigger, string why) =>
        new($"{trigger.Name} is not allowed while {State}: {why}");

    private Transition.Refused NotAssigned(HandoffTrigger trigger) =>
        Refuse(trigger, $"{trigger.Actor} is not the assigned CSM ({CsmId})");
}
