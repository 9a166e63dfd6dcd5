using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using static Baton.Domain.Tests.Handoffs.HandoffFixture;

namespace Baton.Domain.Tests.Handoffs;

public sealed class HandoffWalkTests
{
    [Fact]
    public void Apply_ClosedWonToKickoffHeldWithARejection_EventsTellTheStory()
    {
        // Thursday afternoon close; the days below are wall-clock, the sweeper would use the team calendar.
        var closed = new DateTimeOffset(2026, 11, 19, 20, 0, 0, TimeSpan.Zero);
        var opened = Handoff.Start(Won(HandoffType.Hot), Clocks, closed);
        var handoff = opened.Handoff;
        var events = new List<HandoffEvent>(opened.Events);
        var effects = new List<Effect>(opened.Effects);

        void Step(HandoffTrigger trigger, DateTimeOffset at)
        {
            var t = handoff.Apply(trigger, at);
            Assert.True(t is Transition.Moved or Transition.Stayed, $"{trigger.Name} at {at:u} while {handoff.State}: {t}");
            handoff = t.Next!;
            events.AddRange(t.Events);
            effects.AddRange(t.Effects);
        }

        Step(new CsmAssigned(Csm, "enterprise", "rule 1 (Enterprise) → pool enterprise, least loaded: dana (2 open)"), closed.AddMinutes(1));
        Step(new PostedToChannel("#cs-handoffs", "p-1"), closed.AddMinutes(2));
        Step(new Reacted(Csm, "eyes"), closed.AddHours(14));
        Step(new Viewed(Csm), closed.AddHours(14));
        Step(new Acknowledged(Csm, ConfirmedPromised: true), closed.AddHours(15));
        Step(new WarmCallHeld(Ae), closed.AddDays(1));
        Step(new Rejected(Csm, ["success is 'better reporting', with no number"], ["success_metric"]), closed.AddDays(1).AddHours(1));
        var resubmittedAt = closed.AddDays(4);
        Step(new Resubmitted(Ae), resubmittedAt);
        // The CSM is out; the fixed document waits past its acknowledgment clock.
        Step(new ClockElapsed(HandoffClocks.Acknowledge, resubmittedAt), resubmittedAt.AddDays(1));
        Assert.IsType<Transition.Ignored>(handoff.Apply(new ClockElapsed(HandoffClocks.Acknowledge, resubmittedAt), resubmittedAt.AddDays(1)));
        Step(new Acknowledged(Csm, ConfirmedPromised: true), resubmittedAt.AddDays(1).AddHours(2));
        Step(new Accepted(Csm), resubmittedAt.AddDays(1).AddHours(3));
        var kickoffAt = closed.AddDays(7);
        Step(new KickoffScheduled(Csm, kickoffAt), resubmittedAt.AddDays(1).AddHours(4));
        Step(new KickoffHeld(Csm), kickoffAt.AddHours(1));
        Step(new Rated(Csm, 4, ["technical_environment"]), kickoffAt.AddHours(2));

        Assert.Equal(
        [
            nameof(HandoffStarted), nameof(HandoffRouted), nameof(HandoffPosted), nameof(HandoffReacted), nameof(HandoffViewed),
            nameof(HandoffAcknowledged), nameof(HandoffWarmCallHeld), nameof(HandoffRejected), nameof(HandoffResubmitted),
            nameof(ClockMissed), nameof(HandoffAcknowledged), nameof(HandoffAccepted), nameof(HandoffKickoffScheduled),
            nameof(HandoffKickoffHeld), nameof(HandoffRated),
        ], events.Select(e => e.GetType().Name));
        Assert.Equal(events.OrderBy(e => e.OccurredAtUtc).ToList(), events);
        Assert.Equal(
            [Ae, Csm, Ae, "clock", Csm, Csm],
            events.Where(e => e is HandoffWarmCallHeld or HandoffRejected or HandoffResubmitted or ClockMissed or HandoffAccepted or HandoffKickoffHeld)
                .Select(e => e.Actor));

        Assert.Equal(HandoffState.KickoffHeld, handoff.State);
        Assert.Equal(2, handoff.Round);
        Assert.Empty(handoff.RunningClocks);
        Assert.Equal(["acknowledge"], handoff.MissedClocks.Select(m => m.Name));
        Assert.Single(effects.OfType<Escalate>());
        // Every clock started was stopped or missed.
        Assert.Equal(
            effects.OfType<StartClock>().Count(),
            effects.OfType<StopClock>().Count() + handoff.MissedClocks.Count);
    }

    [Fact]
    public void Apply_ColdHandoffWithoutWarmCall_GoesFromAcknowledgedToAccepted()
    {
        var handoff = At(HandoffState.Acknowledged, HandoffType.Cold);

        var t = handoff.Apply(Trigger("accept"), T0);

        Assert.Equal(HandoffState.Accepted, t.Next!.State);
        Assert.Null(t.Next.WarmCallHeldAtUtc);
    }
}
