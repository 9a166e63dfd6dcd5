using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using static Baton.Domain.Tests.Handoffs.HandoffFixture;

namespace Baton.Domain.Tests.Handoffs;

public sealed class HandoffConventionTests
{
    [Fact]
    public void HandoffState_EveryState_IsTerminalOrHasAWayOut()
    {
        foreach (var state in Enum.GetValues<HandoffState>())
        {
            var exits = Enum.GetValues<HandoffType>()
                .SelectMany(type => TriggerNames.Select(name => At(state, type).Apply(Trigger(name), T0)))
                .OfType<Transition.Moved>()
                .Where(m => m.Handoff.State != state);
            Assert.True(Handoff.IsTerminal(state) != exits.Any(), $"{state} must be terminal or have a way out, not both or neither");
        }
    }

    [Fact]
    public void HandoffTrigger_EveryKind_IsAcceptedSomewhere()
    {
        var kinds = typeof(HandoffTrigger).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(HandoffTrigger)) && t != typeof(DealClosedWon));

        foreach (var kind in kinds)
        {
            var accepted = Enum.GetValues<HandoffType>().Any(type => Enum.GetValues<HandoffState>().Any(state =>
                TriggerNames.Select(Trigger).Where(t => t.GetType() == kind)
                    .Any(t => At(state, type).Apply(t, T0) is Transition.Moved or Transition.Stayed)));
            Assert.True(accepted, $"{kind.Name} is refused or ignored in every state");
        }
    }

    [Theory]
    [InlineData("acknowledge", ClockMoment.Posted, ClockMoment.Acknowledged, false)]
    [InlineData("warm_call", ClockMoment.Posted, ClockMoment.WarmCallHeld, true)]
    [InlineData("first_contact", ClockMoment.ClosedWon, ClockMoment.KickoffScheduled, false)]
    [InlineData("kickoff", ClockMoment.ClosedWon, ClockMoment.KickoffHeld, false)]
    public void HandoffClocks_Rules_HoldTheDocumentedRow(string clock, ClockMoment startsOn, ClockMoment stopsOn, bool hotOnly) =>
        Assert.Contains(new ClockRule(clock, startsOn, stopsOn, hotOnly), HandoffClocks.Rules);

    [Fact]
    public void HandoffClocks_Rules_HaveOneRowPerClock()
    {
        Assert.Equal(4, HandoffClocks.Rules.Count);
        Assert.Equal(HandoffClocks.Rules.Count, HandoffClocks.Rules.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void HandoffClocks_DefaultPlaybookClocks_AreEachOwnedByTheHandoffOrTheContract()
    {
        var owned = HandoffClocks.Rules.Select(r => r.Name).Append(Contract.DraftedClock);

        Assert.All(DefaultClocks, c => Assert.Contains(c.Name, owned));
    }

    /// <summary>The transition that reaches each moment; a new moment fails here until it is wired.</summary>
    private static (HandoffState From, string Trigger) Reaching(ClockMoment moment) => moment switch
    {
        ClockMoment.Posted => (HandoffState.Routed, "post"),
        ClockMoment.Acknowledged => (HandoffState.Posted, "acknowledge"),
        ClockMoment.WarmCallHeld => (HandoffState.Acknowledged, "warm-call"),
        ClockMoment.KickoffScheduled => (HandoffState.Accepted, "schedule-kickoff"),
        ClockMoment.KickoffHeld => (HandoffState.KickoffScheduled, "hold-kickoff"),
        _ => throw new ArgumentOutOfRangeException(nameof(moment), moment, "no transition reaches this moment"),
    };

    private static Transition Reach(ClockMoment moment, HandoffType type)
    {
        if (moment == ClockMoment.ClosedWon) return Handoff.Start(Won(type), Clocks, T0);
        var (from, trigger) = Reaching(moment);
        return At(from, type).Apply(Trigger(trigger), T0);
    }

    public static TheoryData<string> ClockNames => [.. HandoffClocks.Rules.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(ClockNames))]
    public void HandoffClocks_EveryClock_StartsAndStopsAtItsMoments(string clock)
    {
        var rule = HandoffClocks.Rules.Single(r => r.Name == clock);

        Assert.Contains(Reach(rule.StartsOn, HandoffType.Hot).Effects, e => e is StartClock s && s.Name == clock);
        Assert.Equal(!rule.HotOnly, Reach(rule.StartsOn, HandoffType.Cold).Effects.Any(e => e is StartClock s && s.Name == clock));
        Assert.Contains(new StopClock(clock), Reach(rule.StopsOn, HandoffType.Hot).Effects);
    }

    [Theory]
    [MemberData(nameof(ClockNames))]
    public void HandoffClocks_EveryClockRunningOut_EscalatesToItsRoleOnce(string clock)
    {
        var rule = HandoffClocks.Rules.Single(r => r.Name == clock);
        var running = Reach(rule.StartsOn, HandoffType.Hot).Next!;
        var elapsed = new ClockElapsed(clock, T0);

        var first = running.Apply(elapsed, T0.AddDays(10));
        var second = first.Next!.Apply(elapsed, T0.AddDays(10));

        Assert.Contains(new Escalate(Clocks.Spec(clock)!.EscalateTo, clock), first.Effects);
        Assert.IsType<ClockMissed>(Assert.Single(first.Events));
        Assert.IsType<Transition.Ignored>(second);
    }

    [Fact]
    public void HandoffClocks_PlaybookWithoutAClock_NeverStartsIt()
    {
        var clocks = HandoffClocks.From(DefaultClocks.Where(c => c.Name != "warm_call"));

        var posted = Handoff.Start(Won(HandoffType.Hot), clocks, T0).Handoff
            .Apply(Trigger("assign"), T0).Next!
            .Apply(Trigger("post"), T0);

        Assert.Equal(["acknowledge"], posted.Effects.OfType<StartClock>().Select(s => s.Name));
    }
}
