using Baton.Domain.Calendar;
using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;

namespace Baton.Domain.Tests.Contracts;

public sealed class ContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 16, 15, 0, 0, TimeSpan.Zero);
    private static readonly ClockSpec Drafted = new("contract_drafted", new BusinessDuration(24, DurationUnit.Hours), "contracts_manager");

    private static Contract Created() => Contract.Create("D-1", "contracts", Drafted, "ae-1", T0).Contract;

    private static Contract At(ContractState state) => state switch
    {
        ContractState.InCreation => Created(),
        ContractState.Sent => Created().Apply(new SentToCustomer("legal-1"), T0) is ContractTransition.Moved m ? m.Contract : throw new InvalidOperationException(),
        _ => At(ContractState.Sent).Apply(new SignedByCustomer("buyer"), T0) is ContractTransition.Moved m ? m.Contract : throw new InvalidOperationException(),
    };

    private static ContractTrigger Trigger(string name) => name switch
    {
        "send" => new SentToCustomer("legal-1"),
        "sign" => new SignedByCustomer("buyer"),
        "drafted-clock" => new ContractClockElapsed(Contract.DraftedClock, T0),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Fact]
    public void Create_NewContract_TasksTheContractsTeamAndStartsTheDraftingClock()
    {
        var t = Contract.Create("D-1", "contracts", Drafted, "ae-1", T0);

        Assert.Equal(ContractState.InCreation, t.Contract.State);
        Assert.Equal([new CreateTask("Draft the contract", "contracts", null), new StartClock("contract_drafted", Drafted.Duration, T0)], t.Effects);
        Assert.IsType<ContractCreated>(Assert.Single(t.Events));
    }

    [Fact]
    public void Create_PlaybookWithoutDraftingClock_StartsNoClock()
    {
        var t = Contract.Create("D-1", "contracts", null, "ae-1", T0);

        Assert.DoesNotContain(t.Effects, e => e is StartClock);
    }

    [Theory]
    [InlineData(ContractState.InCreation, "send", "Moved", ContractState.Sent)]
    [InlineData(ContractState.Sent, "sign", "Moved", ContractState.Signed)]
    [InlineData(ContractState.InCreation, "drafted-clock", "Stayed", ContractState.InCreation)]
    [InlineData(ContractState.Sent, "drafted-clock", "Ignored", null)]
    [InlineData(ContractState.Signed, "drafted-clock", "Ignored", null)]
    [InlineData(ContractState.InCreation, "sign", "Refused", null)]
    [InlineData(ContractState.Sent, "send", "Refused", null)]
    [InlineData(ContractState.Signed, "send", "Refused", null)]
    [InlineData(ContractState.Signed, "sign", "Refused", null)]
    public void Apply_TriggerInState_FollowsTheStateTable(ContractState from, string trigger, string outcome, ContractState? to)
    {
        var applied = Trigger(trigger);

        var t = At(from).Apply(applied, T0);

        Assert.Equal(outcome, t.GetType().Name);
        switch (t)
        {
            case ContractTransition.Moved m: Assert.Equal(to, m.Contract.State); break;
            case ContractTransition.Stayed s: Assert.Equal(to, s.Contract.State); break;
            case ContractTransition.Refused r: Assert.Equal($"{applied.Name} is not allowed while {from}", r.Reason); break;
        }
    }

    [Fact]
    public void Apply_SentToCustomer_StopsTheDraftingClock()
    {
        var t = Created().Apply(new SentToCustomer("legal-1"), T0.AddHours(3));

        Assert.Equal([new StopClock("contract_drafted")], t.Effects);
        Assert.IsType<ContractSent>(Assert.Single(t.Events));
    }

    [Fact]
    public void Apply_Signed_CreatesTheCsRecord()
    {
        var t = At(ContractState.Sent).Apply(new SignedByCustomer("buyer"), T0);

        Assert.Equal([new CreateCsRecord("D-1", CsStage.HandoffReceived)], t.Effects);
        Assert.Equal("buyer", Assert.IsType<ContractSigned>(Assert.Single(t.Events)).Actor);
    }

    [Fact]
    public void Apply_DraftingClockElapsed_EscalatesOnceToContractsManager()
    {
        var elapsed = new ContractClockElapsed(Contract.DraftedClock, T0);

        var first = Created().Apply(elapsed, T0.AddHours(25));
        var second = ((ContractTransition.Stayed)first).Contract.Apply(elapsed, T0.AddHours(26));

        Assert.Equal([new Escalate("contracts_manager", "contract_drafted")], first.Effects);
        Assert.IsType<ContractClockMissed>(Assert.Single(first.Events));
        Assert.True(((ContractTransition.Stayed)first).Contract.DraftedClockMissed);
        Assert.IsType<ContractTransition.Ignored>(second);
    }

    [Fact]
    public void Apply_SentAfterTheDraftingClockWasMissed_StopsNoClock()
    {
        var missed = ((ContractTransition.Stayed)Created().Apply(Trigger("drafted-clock"), T0.AddHours(25))).Contract;

        var t = missed.Apply(new SentToCustomer("legal-1"), T0.AddHours(30));

        Assert.Empty(t.Effects);
        Assert.Equal(ContractState.Sent, ((ContractTransition.Moved)t).Contract.State);
    }
}
