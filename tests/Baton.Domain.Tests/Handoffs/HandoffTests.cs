using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using static Baton.Domain.Tests.Handoffs.HandoffFixture;

namespace Baton.Domain.Tests.Handoffs;

public enum Outcome { Moved, Stayed, Ignored, Refused }

public sealed class HandoffTests
{
    /// <summary>The state table: one row per transition, allowed and refused. The README shows the allowed rows.</summary>
    [Theory]
    // allowed moves
    [InlineData(HandoffState.ClosedWon, HandoffType.Hot, "assign", Outcome.Moved, HandoffState.Routed)]
    [InlineData(HandoffState.Routed, HandoffType.Hot, "post", Outcome.Moved, HandoffState.Posted)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "acknowledge", Outcome.Moved, HandoffState.Acknowledged)]
    [InlineData(HandoffState.Posted, HandoffType.Cold, "acknowledge", Outcome.Moved, HandoffState.Acknowledged)]
    [InlineData(HandoffState.Acknowledged, HandoffType.Hot, "warm-call", Outcome.Moved, HandoffState.WarmCallHeld)]
    [InlineData(HandoffState.Acknowledged, HandoffType.Cold, "warm-call", Outcome.Moved, HandoffState.WarmCallHeld)]
    [InlineData(HandoffState.Acknowledged, HandoffType.Cold, "accept", Outcome.Moved, HandoffState.Accepted)]
    [InlineData(HandoffState.WarmCallHeld, HandoffType.Hot, "accept", Outcome.Moved, HandoffState.Accepted)]
    [InlineData(HandoffState.WarmCallHeld, HandoffType.Cold, "accept", Outcome.Moved, HandoffState.Accepted)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "reject", Outcome.Moved, HandoffState.Rejected)]
    [InlineData(HandoffState.Acknowledged, HandoffType.Hot, "reject", Outcome.Moved, HandoffState.Rejected)]
    [InlineData(HandoffState.WarmCallHeld, HandoffType.Hot, "reject", Outcome.Moved, HandoffState.Rejected)]
    [InlineData(HandoffState.Rejected, HandoffType.Hot, "resubmit", Outcome.Moved, HandoffState.Posted)]
    [InlineData(HandoffState.Acknowledged, HandoffType.Hot, "reassign", Outcome.Moved, HandoffState.Posted)]
    [InlineData(HandoffState.WarmCallHeld, HandoffType.Hot, "reassign", Outcome.Moved, HandoffState.Posted)]
    [InlineData(HandoffState.Accepted, HandoffType.Hot, "schedule-kickoff", Outcome.Moved, HandoffState.KickoffScheduled)]
    [InlineData(HandoffState.KickoffScheduled, HandoffType.Hot, "hold-kickoff", Outcome.Moved, HandoffState.KickoffHeld)]
    // recorded, state unchanged
    [InlineData(HandoffState.Posted, HandoffType.Hot, "view", Outcome.Stayed, HandoffState.Posted)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "react", Outcome.Stayed, HandoffState.Posted)]
    [InlineData(HandoffState.ClosedWon, HandoffType.Hot, "react", Outcome.Stayed, HandoffState.ClosedWon)]
    [InlineData(HandoffState.KickoffHeld, HandoffType.Hot, "view", Outcome.Stayed, HandoffState.KickoffHeld)]
    [InlineData(HandoffState.KickoffScheduled, HandoffType.Hot, "schedule-kickoff", Outcome.Stayed, HandoffState.KickoffScheduled)]
    [InlineData(HandoffState.Accepted, HandoffType.Hot, "rate", Outcome.Stayed, HandoffState.Accepted)]
    [InlineData(HandoffState.KickoffScheduled, HandoffType.Hot, "rate", Outcome.Stayed, HandoffState.KickoffScheduled)]
    [InlineData(HandoffState.KickoffHeld, HandoffType.Cold, "rate", Outcome.Stayed, HandoffState.KickoffHeld)]
    [InlineData(HandoffState.Routed, HandoffType.Hot, "reassign", Outcome.Stayed, HandoffState.Routed)]
    [InlineData(HandoffState.Posted, HandoffType.Cold, "reassign", Outcome.Stayed, HandoffState.Posted)]
    // running clocks run out: escalate and stay
    [InlineData(HandoffState.ClosedWon, HandoffType.Hot, "first-contact-clock", Outcome.Stayed, HandoffState.ClosedWon)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "acknowledge-clock", Outcome.Stayed, HandoffState.Posted)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "warm-call-clock", Outcome.Stayed, HandoffState.Posted)]
    [InlineData(HandoffState.Acknowledged, HandoffType.Hot, "warm-call-clock", Outcome.Stayed, HandoffState.Acknowledged)]
    [InlineData(HandoffState.Rejected, HandoffType.Hot, "first-contact-clock", Outcome.Stayed, HandoffState.Rejected)]
    [InlineData(HandoffState.Accepted, HandoffType.Hot, "first-contact-clock", Outcome.Stayed, HandoffState.Accepted)]
    [InlineData(HandoffState.KickoffScheduled, HandoffType.Hot, "kickoff-clock", Outcome.Stayed, HandoffState.KickoffScheduled)]
    // stopped or never started clocks: ignored
    [InlineData(HandoffState.Acknowledged, HandoffType.Hot, "acknowledge-clock", Outcome.Ignored, null)]
    [InlineData(HandoffState.Posted, HandoffType.Cold, "warm-call-clock", Outcome.Ignored, null)]
    [InlineData(HandoffState.WarmCallHeld, HandoffType.Hot, "warm-call-clock", Outcome.Ignored, null)]
    [InlineData(HandoffState.Rejected, HandoffType.Hot, "acknowledge-clock", Outcome.Ignored, null)]
    [InlineData(HandoffState.KickoffScheduled, HandoffType.Hot, "first-contact-clock", Outcome.Ignored, null)]
    [InlineData(HandoffState.KickoffHeld, HandoffType.Hot, "kickoff-clock", Outcome.Ignored, null)]
    // refused
    [InlineData(HandoffState.Posted, HandoffType.Hot, "closed-won", Outcome.Refused, null)]
    [InlineData(HandoffState.Routed, HandoffType.Hot, "assign", Outcome.Refused, null)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "assign", Outcome.Refused, null)]
    [InlineData(HandoffState.ClosedWon, HandoffType.Hot, "reassign", Outcome.Moved, HandoffState.Routed)]
    [InlineData(HandoffState.Rejected, HandoffType.Hot, "reassign", Outcome.Refused, null)]
    [InlineData(HandoffState.Accepted, HandoffType.Hot, "reassign", Outcome.Refused, null)]
    [InlineData(HandoffState.ClosedWon, HandoffType.Hot, "post", Outcome.Refused, null)]
    [InlineData(HandoffState.Routed, HandoffType.Hot, "acknowledge", Outcome.Refused, null)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "acknowledge-unconfirmed", Outcome.Refused, null)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "acknowledge-by-other", Outcome.Refused, null)]
    [InlineData(HandoffState.Acknowledged, HandoffType.Hot, "acknowledge", Outcome.Refused, null)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "warm-call", Outcome.Refused, null)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "accept", Outcome.Refused, null)]
    [InlineData(HandoffState.Posted, HandoffType.Cold, "accept", Outcome.Refused, null)]
    [InlineData(HandoffState.Acknowledged, HandoffType.Hot, "accept", Outcome.Refused, null)]
    [InlineData(HandoffState.WarmCallHeld, HandoffType.Hot, "accept-by-other", Outcome.Refused, null)]
    [InlineData(HandoffState.Rejected, HandoffType.Hot, "accept", Outcome.Refused, null)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "reject-without-reason", Outcome.Refused, null)]
    [InlineData(HandoffState.Acknowledged, HandoffType.Hot, "reject-by-other", Outcome.Refused, null)]
    [InlineData(HandoffState.Accepted, HandoffType.Hot, "reject", Outcome.Refused, null)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "resubmit", Outcome.Refused, null)]
    [InlineData(HandoffState.Acknowledged, HandoffType.Hot, "schedule-kickoff", Outcome.Refused, null)]
    [InlineData(HandoffState.Accepted, HandoffType.Hot, "schedule-kickoff-in-past", Outcome.Refused, null)]
    [InlineData(HandoffState.Accepted, HandoffType.Hot, "hold-kickoff", Outcome.Refused, null)]
    [InlineData(HandoffState.Posted, HandoffType.Hot, "rate", Outcome.Refused, null)]
    [InlineData(HandoffState.Accepted, HandoffType.Hot, "rate-0", Outcome.Refused, null)]
    [InlineData(HandoffState.Accepted, HandoffType.Hot, "rate-6", Outcome.Refused, null)]
    [InlineData(HandoffState.Accepted, HandoffType.Hot, "rate-by-other", Outcome.Refused, null)]
    [InlineData(HandoffState.KickoffHeld, HandoffType.Hot, "reject", Outcome.Refused, null)]
    [InlineData(HandoffState.KickoffHeld, HandoffType.Hot, "resubmit", Outcome.Refused, null)]
    [InlineData(HandoffState.KickoffHeld, HandoffType.Hot, "schedule-kickoff", Outcome.Refused, null)]
    [InlineData(HandoffState.KickoffHeld, HandoffType.Hot, "hold-kickoff", Outcome.Refused, null)]
    public void Apply_TriggerInState_FollowsTheStateTable(HandoffState from, HandoffType type, string trigger, Outcome outcome, HandoffState? to)
    {
        var applied = Trigger(trigger);

        var t = At(from, type).Apply(applied, T0);

        switch (outcome)
        {
            case Outcome.Moved:
                Assert.Equal(to, Assert.IsType<Transition.Moved>(t).Handoff.State);
                Assert.NotEmpty(t.Events);
                break;
            case Outcome.Stayed:
                Assert.Equal(to, Assert.IsType<Transition.Stayed>(t).Handoff.State);
                Assert.NotEmpty(t.Events);
                break;
            case Outcome.Ignored:
                Assert.Contains(applied.Name, Assert.IsType<Transition.Ignored>(t).Reason);
                break;
            case Outcome.Refused:
                Assert.StartsWith($"{applied.Name} is not allowed while {from}", Assert.IsType<Transition.Refused>(t).Reason);
                Assert.Empty(t.Effects);
                Assert.Empty(t.Events);
                break;
        }
        Assert.All(t.Events, e => Assert.Equal(T0, e.OccurredAtUtc));
        Assert.All(t.Events, e => Assert.Equal(applied.Actor, e.Actor));
    }

    [Fact]
    public void Apply_AnyTriggerInAnyState_NeverThrowsAndRefusalsNameTriggerAndState()
    {
        foreach (var type in Enum.GetValues<HandoffType>())
        foreach (var state in Enum.GetValues<HandoffState>())
        foreach (var name in TriggerNames)
        {
            var trigger = Trigger(name);
            var t = At(state, type).Apply(trigger, T0);
            if (t is Transition.Refused r)
                Assert.StartsWith($"{trigger.Name} is not allowed while {state}", r.Reason);
        }
    }

    [Fact]
    public void Start_ClosedWon_StartsFirstContactAndKickoffClocks()
    {
        var t = Handoff.Start(Won(HandoffType.Hot), Clocks, T0);

        Assert.Equal(HandoffState.ClosedWon, t.Handoff.State);
        Assert.Equal(
            [new StartClock("first_contact", DefaultClocks[2].Duration, T0), new StartClock("kickoff", DefaultClocks[3].Duration, T0)],
            t.Effects);
        Assert.Equal(["first_contact", "kickoff"], t.Handoff.RunningClocks.Select(c => c.Name));
        var started = Assert.IsType<HandoffStarted>(Assert.Single(t.Events));
        Assert.Equal(("crm", "Enterprise", "Hot"), (started.Actor, started.Segment, started.HandoffType));
    }

    [Fact]
    public void Apply_CsmAssignedWhileClosedWon_PostsTheCard()
    {
        var t = At(HandoffState.ClosedWon).Apply(Trigger("assign"), T0);

        Assert.Equal([new PostToChannel(MessageKind.HandoffCard)], t.Effects);
        Assert.Equal(Csm, t.Next!.CsmId);
        Assert.Contains("least loaded", Assert.IsType<HandoffRouted>(Assert.Single(t.Events)).Explanation);
    }

    [Fact]
    public void Apply_ReassignedWhileAcknowledgedHot_NewCsmAcknowledgesAndHoldsTheWarmCallThemselves()
    {
        var later = T0.AddDays(2);

        var t = At(HandoffState.WarmCallHeld, HandoffType.Hot).Apply(Trigger("reassign"), later);

        Assert.Equal(
            [
                new UpdatePost(MessageKind.Reassigned), new DirectMessage(Csm, MessageKind.Reassigned), new DirectMessage(OtherCsm, MessageKind.NewHandoff),
                new StartClock("acknowledge", DefaultClocks[0].Duration, later), new StartClock("warm_call", DefaultClocks[1].Duration, later),
            ],
            t.Effects);
        var reassigned = Assert.IsType<HandoffReassigned>(Assert.Single(t.Events));
        Assert.Equal((Csm, OtherCsm, "lead-1"), (reassigned.FromCsmId, reassigned.ToCsmId, reassigned.Actor));
        Assert.Equal((OtherCsm, (DateTimeOffset?)null), (t.Next!.CsmId, t.Next.WarmCallHeldAtUtc));
        Assert.IsType<Transition.Refused>(t.Next.Apply(new Acknowledged(Csm, true), later));
        Assert.Equal(HandoffState.Acknowledged, t.Next.Apply(new Acknowledged(OtherCsm, true), later).Next!.State);
    }

    [Fact]
    public void Apply_ReassignedWhilePosted_RestartsTheAcknowledgeClockForTheNewCsm()
    {
        var later = T0.AddHours(5);

        var t = At(HandoffState.Posted, HandoffType.Cold).Apply(Trigger("reassign"), later);

        Assert.Equal([new StopClock("acknowledge")], t.Effects.OfType<StopClock>());
        Assert.Equal([new StartClock("acknowledge", DefaultClocks[0].Duration, later)], t.Effects.OfType<StartClock>());
        Assert.IsType<Transition.Ignored>(t.Next!.Apply(new ClockElapsed("acknowledge", T0), later.AddDays(1)));
    }

    [Fact]
    public void Apply_PostedToChannelHot_StartsAcknowledgeAndWarmCallClocks()
    {
        var t = At(HandoffState.Routed, HandoffType.Hot).Apply(Trigger("post"), T0);

        Assert.Equal(["acknowledge", "warm_call"], t.Effects.OfType<StartClock>().Select(s => s.Name));
        Assert.Contains(new DirectMessage(Csm, MessageKind.NewHandoff), t.Effects);
    }

    [Fact]
    public void Apply_PostedToChannelCold_StartsOnlyAcknowledgeClock()
    {
        var t = At(HandoffState.Routed, HandoffType.Cold).Apply(Trigger("post"), T0);

        Assert.Equal(["acknowledge"], t.Effects.OfType<StartClock>().Select(s => s.Name));
    }

    [Fact]
    public void Apply_AcknowledgedWhilePostedHot_StopsAcknowledgeClockRepliesInThreadAndInvitesToWarmCall()
    {
        var t = At(HandoffState.Posted).Apply(Trigger("acknowledge"), T0);

        Assert.Equal(
            [new StopClock("acknowledge"), new UpdatePost(MessageKind.Acknowledged), new ReplyInThread(MessageKind.Acknowledged), new ScheduleInvite(InviteKind.WarmCall, null)],
            t.Effects);
        Assert.DoesNotContain(t.Next!.RunningClocks, c => c.Name == "acknowledge");
    }

    [Fact]
    public void Apply_AcknowledgedWithoutConfirmingPromised_IsRefused()
    {
        var t = At(HandoffState.Posted).Apply(Trigger("acknowledge-unconfirmed"), T0);

        Assert.Contains("promised", Assert.IsType<Transition.Refused>(t).Reason);
    }

    [Theory]
    [InlineData("view")]
    [InlineData("react")]
    public void Apply_ViewedOrReactedWhilePosted_RecordsWithoutAcknowledging(string trigger)
    {
        var posted = At(HandoffState.Posted);

        var t = posted.Apply(Trigger(trigger), T0);

        var stayed = Assert.IsType<Transition.Stayed>(t);
        Assert.Equal(posted, stayed.Handoff);
        Assert.Empty(t.Effects);
        Assert.Contains(stayed.Handoff.RunningClocks, c => c.Name == "acknowledge");
        Assert.Null(stayed.Handoff.AcknowledgedAtUtc);
    }

    [Fact]
    public void Apply_AcknowledgeClockElapsedWhilePosted_EscalatesOnce()
    {
        var posted = At(HandoffState.Posted);
        var later = T0.AddDays(1);

        var first = posted.Apply(Trigger("acknowledge-clock"), later);
        var second = first.Next!.Apply(Trigger("acknowledge-clock"), later.AddMinutes(1));

        Assert.Equal([new Escalate("cs_lead", "acknowledge"), new ReplyInThread(MessageKind.ClockMissed)], first.Effects);
        var missed = Assert.IsType<ClockMissed>(Assert.Single(first.Events));
        Assert.Equal(("acknowledge", T0, later, "cs_lead"), (missed.Clock, missed.StartedAtUtc, missed.OccurredAtUtc, missed.EscalatedTo));
        Assert.Equal([new MissedClock("acknowledge", T0, later, "cs_lead")], first.Next.MissedClocks);
        Assert.Contains("already escalated", Assert.IsType<Transition.Ignored>(second).Reason);
    }

    [Fact]
    public void Apply_ClockElapsedForAnEarlierRun_IsIgnored()
    {
        var t = At(HandoffState.Posted).Apply(new ClockElapsed(HandoffClocks.Acknowledge, T0.AddDays(-3)), T0);

        Assert.Contains("stale", Assert.IsType<Transition.Ignored>(t).Reason);
    }

    [Fact]
    public void Apply_AcknowledgedAfterItsClockWasMissed_StillMovesWithoutStoppingAClock()
    {
        var missed = At(HandoffState.Posted).Apply(Trigger("acknowledge-clock"), T0).Next!;

        var t = missed.Apply(Trigger("acknowledge"), T0);

        Assert.Equal(HandoffState.Acknowledged, t.Next!.State);
        Assert.DoesNotContain(t.Effects, e => e is StopClock);
    }

    [Fact]
    public void Apply_ClockElapsed_EscalatesToThePlaybooksRole()
    {
        var clocks = HandoffClocks.From(DefaultClocks.Select(c => c.Name == "kickoff" ? c with { EscalateTo = "vp_cs" } : c));
        var handoff = Handoff.Start(Won(HandoffType.Cold), clocks, T0).Handoff;

        var t = handoff.Apply(Trigger("kickoff-clock"), T0.AddDays(9));

        Assert.Contains(new Escalate("vp_cs", "kickoff"), t.Effects);
    }

    [Fact]
    public void Apply_AcceptedHotWithoutWarmCall_IsRefusedWithTheReason()
    {
        var t = At(HandoffState.Acknowledged, HandoffType.Hot).Apply(Trigger("accept"), T0);

        Assert.Equal("Accepted is not allowed while Acknowledged: a hot handoff needs its warm call first", Assert.IsType<Transition.Refused>(t).Reason);
    }

    [Fact]
    public void Apply_AcceptedWhilePosted_IsRefusedNamingTriggerAndState()
    {
        var t = At(HandoffState.Posted).Apply(Trigger("accept"), T0);

        Assert.Equal("Accepted is not allowed while Posted", Assert.IsType<Transition.Refused>(t).Reason);
    }

    [Fact]
    public void Apply_RejectedWhilePostedHot_StopsCsmClocksAndKeepsCustomerClocks()
    {
        var t = At(HandoffState.Posted, HandoffType.Hot).Apply(Trigger("reject"), T0);

        Assert.Equal([new StopClock("acknowledge"), new StopClock("warm_call")], t.Effects.OfType<StopClock>());
        Assert.Contains(new DirectMessage(Ae, MessageKind.Rejected), t.Effects);
        Assert.Equal(["first_contact", "kickoff"], t.Next!.RunningClocks.Select(c => c.Name));
        Assert.Equal(["promised", "success_metric"], t.Next.LastJunkFieldKeys);
        var rejected = Assert.IsType<HandoffRejected>(Assert.Single(t.Events));
        Assert.Equal(["the promised go-live date is missing"], rejected.Reasons);
    }

    [Fact]
    public void Apply_ResubmittedBeforeWarmCall_RestartsAcknowledgeAndWarmCallClocks()
    {
        var later = T0.AddDays(1);

        var t = At(HandoffState.Rejected, HandoffType.Hot).Apply(Trigger("resubmit"), later);

        Assert.Equal(["acknowledge", "warm_call"], t.Effects.OfType<StartClock>().Select(s => s.Name));
        Assert.All(t.Effects.OfType<StartClock>(), s => Assert.Equal(later, s.StartedAtUtc));
        Assert.Equal(2, t.Next!.Round);
        Assert.Equal(2, Assert.IsType<HandoffResubmitted>(Assert.Single(t.Events)).Round);
    }

    [Fact]
    public void Apply_ResubmittedAfterWarmCall_KeepsTheWarmCallAndAllowsAcceptOnAcknowledge()
    {
        var rejected = At(HandoffState.WarmCallHeld, HandoffType.Hot).Apply(Trigger("reject"), T0).Next!;

        var resubmitted = rejected.Apply(Trigger("resubmit"), T0);
        var acknowledged = resubmitted.Next!.Apply(Trigger("acknowledge"), T0);
        var accepted = acknowledged.Next!.Apply(Trigger("accept"), T0);

        Assert.Equal(["acknowledge"], resubmitted.Effects.OfType<StartClock>().Select(s => s.Name));
        Assert.DoesNotContain(acknowledged.Effects, e => e is ScheduleInvite);
        Assert.Equal(HandoffState.Accepted, accepted.Next!.State);
    }

    [Fact]
    public void Apply_KickoffScheduled_StopsFirstContactClockAndInvitesTheCustomer()
    {
        var t = At(HandoffState.Accepted).Apply(Trigger("schedule-kickoff"), T0);

        Assert.Equal(
            [new StopClock("first_contact"), new ScheduleInvite(InviteKind.Kickoff, KickoffAt), new SendEmail(EmailKind.KickoffConfirmation), new UpdatePost(MessageKind.KickoffScheduled)],
            t.Effects);
        Assert.Equal(KickoffAt, t.Next!.KickoffAtUtc);
    }

    [Fact]
    public void Apply_KickoffRescheduled_MovesTheInviteAndKeepsTheState()
    {
        var newTime = KickoffAt.AddDays(1);

        var t = At(HandoffState.KickoffScheduled).Apply(new KickoffScheduled(Csm, newTime), T0);

        Assert.Equal([new ScheduleInvite(InviteKind.Kickoff, newTime)], t.Effects);
        Assert.IsType<HandoffKickoffRescheduled>(Assert.Single(t.Events));
        Assert.Equal(newTime, t.Next!.KickoffAtUtc);
    }

    [Fact]
    public void Apply_KickoffHeldBeforeItsScheduledTime_RefusedSayingWhenItIs()
    {
        var scheduled = At(HandoffState.Accepted).Apply(new KickoffScheduled(Csm, KickoffAt), T0).Next!;

        var early = scheduled.Apply(Trigger("hold-kickoff"), KickoffAt.AddMinutes(-1));
        var onTime = scheduled.Apply(Trigger("hold-kickoff"), KickoffAt);

        var refused = Assert.IsType<Transition.Refused>(early);
        Assert.Contains($"scheduled for {KickoffAt:u}", refused.Reason);
        Assert.Empty(early.Effects);
        Assert.Equal(HandoffState.KickoffHeld, Assert.IsType<Transition.Moved>(onTime).Handoff.State);
    }

    [Fact]
    public void Apply_KickoffHeld_StopsKickoffClockAndLeavesNoClockRunning()
    {
        var t = At(HandoffState.KickoffScheduled).Apply(Trigger("hold-kickoff"), T0);

        Assert.Contains(new StopClock("kickoff"), t.Effects);
        Assert.Empty(t.Next!.RunningClocks);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Apply_RatedWithinOneToFive_RecordsStarsAndRediscoveredFields(int stars)
    {
        var t = At(HandoffState.KickoffHeld).Apply(new Rated(Csm, stars, ["technical_environment"]), T0);

        Assert.Equal(stars, t.Next!.Stars);
        Assert.Equal(["technical_environment"], t.Next.RediscoveredFieldKeys);
        Assert.Equal(["technical_environment"], Assert.IsType<HandoffRated>(Assert.Single(t.Events)).RediscoveredFieldKeys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Apply_RatedOutsideOneToFive_IsRefusedWithTheReason(int stars)
    {
        var t = At(HandoffState.KickoffHeld).Apply(new Rated(Csm, stars, []), T0);

        Assert.Contains("1 to 5", Assert.IsType<Transition.Refused>(t).Reason);
    }

    [Fact]
    public void Apply_RatedTwice_IsRefused()
    {
        var rated = At(HandoffState.KickoffHeld).Apply(Trigger("rate"), T0).Next!;

        var t = rated.Apply(Trigger("rate"), T0);

        Assert.Contains("already rated 4", Assert.IsType<Transition.Refused>(t).Reason);
    }

    [Fact]
    public void Apply_RehydratedFromStoredState_BehavesLikeTheOriginal()
    {
        var original = At(HandoffState.Posted, HandoffType.Hot);
        // What a mapper stores and reads back: plain values; the clock table comes from the playbook.
        var rehydrated = new Handoff
        {
            DealId = original.DealId,
            AccountName = original.AccountName,
            AeId = original.AeId,
            Segment = original.Segment,
            Type = original.Type,
            ClosedWonAtUtc = original.ClosedWonAtUtc,
            State = HandoffState.Posted,
            Clocks = HandoffClocks.From(DefaultClocks),
            CsmId = original.CsmId,
            Pool = original.Pool,
            Channel = original.Channel,
            PostId = original.PostId,
            RunningClocks = [.. original.RunningClocks.Select(c => new RunningClock(c.Name, c.StartedAtUtc, c.EscalateTo))],
        };

        var expected = original.Apply(Trigger("acknowledge-clock"), T0.AddDays(1));
        var actual = rehydrated.Apply(Trigger("acknowledge-clock"), T0.AddDays(1));

        Assert.Equal(expected.Effects, actual.Effects);
        Assert.Equal(expected.Events, actual.Events);
        Assert.Equal(expected.Next!.MissedClocks, actual.Next!.MissedClocks);
    }
}
