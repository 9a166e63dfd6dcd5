using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;

namespace Baton.Domain.Tests.Contracts;

public sealed class CsPipelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 16, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(CsStage.HandoffReceived, CsStage.KickoffScheduled, "Moved")]
    [InlineData(CsStage.KickoffScheduled, CsStage.OnboardingActive, "Moved")]
    [InlineData(CsStage.OnboardingActive, CsStage.OnboardingComplete, "Moved")]
    [InlineData(CsStage.OnboardingComplete, CsStage.OngoingSuccess, "Moved")]
    [InlineData(CsStage.HandoffReceived, CsStage.OnboardingActive, "Moved")]
    [InlineData(CsStage.KickoffScheduled, CsStage.KickoffScheduled, "Ignored")]
    [InlineData(CsStage.OnboardingActive, CsStage.KickoffScheduled, "Refused")]
    [InlineData(CsStage.OngoingSuccess, CsStage.HandoffReceived, "Refused")]
    public void Advance_FromStageToStage_MovesForwardOnly(CsStage from, CsStage to, string outcome)
    {
        var move = CsPipeline.Advance(from, to, "the CSM moved it");

        Assert.Equal(outcome, move.GetType().Name);
        if (move is CsMove.Refused r) Assert.Equal($"moving from {from} back to {to} is not allowed: the CS pipeline moves forward only", r.Reason);
        if (move is CsMove.Moved m) Assert.Equal("the CSM moved it", m.Reason);
    }

    public static TheoryData<HandoffEvent, CsStage?> Mapping => new()
    {
        { new HandoffKickoffScheduled("D-1", T0, "dana", T0.AddDays(5)), CsStage.KickoffScheduled },
        { new HandoffKickoffHeld("D-1", T0, "dana"), CsStage.OnboardingActive },
        { new HandoffAccepted("D-1", T0, "dana"), null },
        { new HandoffKickoffRescheduled("D-1", T0, "dana", T0.AddDays(6)), null },
    };

    [Theory]
    [MemberData(nameof(Mapping))]
    public void StageFor_HandoffEvent_MapsToTheCsStage(HandoffEvent e, CsStage? stage) =>
        Assert.Equal(stage, CsPipeline.StageFor(e));

    [Fact]
    public void Follow_KickoffHeldWhileKickoffScheduled_MovesToOnboardingActiveWithTheEventAsReason()
    {
        var move = CsPipeline.Follow(CsStage.KickoffScheduled, new HandoffKickoffHeld("D-1", T0, "dana"));

        var moved = Assert.IsType<CsMove.Moved>(move);
        Assert.Equal(CsStage.OnboardingActive, moved.To);
        Assert.Equal("HandoffKickoffHeld at 2026-11-16 15:00:00Z by dana", moved.Reason);
    }

    [Fact]
    public void Follow_KickoffScheduledRedelivered_IsIgnored() =>
        Assert.IsType<CsMove.Ignored>(CsPipeline.Follow(CsStage.KickoffScheduled, new HandoffKickoffScheduled("D-1", T0, "dana", T0.AddDays(5))));

    [Fact]
    public void Follow_KickoffScheduledAfterOnboardingStarted_IsRefused() =>
        Assert.IsType<CsMove.Refused>(CsPipeline.Follow(CsStage.OnboardingActive, new HandoffKickoffScheduled("D-1", T0, "dana", T0.AddDays(5))));
}
