using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using CsCheck;
using static Baton.Domain.Tests.Handoffs.HandoffFixture;

namespace Baton.Domain.Tests.Handoffs;

public sealed class HandoffPropertyTests
{
    // Triggers that move the handoff forward are listed twice so random runs reach the later states often.
    private static readonly string[] Catalogue =
    [
        .. TriggerNames,
        "assign", "post", "acknowledge", "warm-call", "accept", "schedule-kickoff", "hold-kickoff",
        "assign", "post", "acknowledge", "warm-call", "accept", "schedule-kickoff", "hold-kickoff",
    ];

    [Fact]
    public void Apply_AnySequenceOfTriggers_KeepsTheInvariants()
    {
        var reachedKickoffHeld = 0;
        Gen.Select(Gen.Bool, Gen.Int[0, Catalogue.Length - 1].Array[0, 60]).Sample((hot, picks) =>
        {
            var type = hot ? HandoffType.Hot : HandoffType.Cold;
            var opened = Handoff.Start(Won(type), Clocks, T0);
            var handoff = opened.Handoff;
            var starts = opened.Effects.OfType<StartClock>().Count();
            var stops = 0;
            var now = T0;

            for (var i = 0; i < picks.Length; i++)
            {
                // Time moves on, so each clock run has its own start instant, and clock reports name the live run when there is one.
                now = now.AddMinutes(1);
                // The extra copies of hold-kickoff wait for the kickoff's time; the table's own copy tries it whenever it comes.
                if (picks[i] >= TriggerNames.Count && Catalogue[picks[i]] == "hold-kickoff" && handoff.KickoffAtUtc > now) now = handoff.KickoffAtUtc.Value;
                var trigger = Trigger(Catalogue[picks[i]]) switch
                {
                    ClockElapsed c => c with { StartedAtUtc = handoff.RunningClocks.FirstOrDefault(r => r.Name == c.Clock)?.StartedAtUtc ?? T0 },
                    var other => other,
                };
                var t = handoff.Apply(trigger, now);
                if (t is Transition.Refused or Transition.Ignored)
                {
                    Assert.Empty(t.Effects);
                    Assert.Empty(t.Events);
                    continue;
                }
                Assert.NotEmpty(t.Events);
                starts += t.Effects.OfType<StartClock>().Count();
                stops += t.Effects.OfType<StopClock>().Count();
                var previous = handoff;
                handoff = t.Next!;

                if (type == HandoffType.Hot && handoff.State == HandoffState.Accepted)
                    Assert.NotNull(handoff.WarmCallHeldAtUtc);
                if (t is Transition.Moved && handoff.State == HandoffState.Acknowledged && previous.State != HandoffState.Posted)
                    Assert.Fail($"reached Acknowledged from {previous.State}");
                Assert.Equal(handoff.RunningClocks.Count, handoff.RunningClocks.Select(c => c.Name).Distinct().Count());
                Assert.Equal(handoff.MissedClocks.Count, handoff.MissedClocks.Select(m => (m.Name, m.StartedAtUtc)).Distinct().Count());
                // Every run started is running, stopped or missed: none is lost, none is stopped twice.
                Assert.Equal(starts, handoff.RunningClocks.Count + stops + handoff.MissedClocks.Count);
            }

            if (handoff.State == HandoffState.KickoffHeld)
            {
                Assert.Empty(handoff.RunningClocks);
                Assert.True(handoff.KickoffHeldAtUtc >= handoff.KickoffAtUtc, $"held at {handoff.KickoffHeldAtUtc:u}, before its time {handoff.KickoffAtUtc:u}");
                Interlocked.Increment(ref reachedKickoffHeld);
            }
        }, iter: 2_000);

        // Guards the generator: runs that never get far would prove little.
        Assert.True(reachedKickoffHeld > 20, $"only {reachedKickoffHeld} runs reached KickoffHeld");
    }
}
