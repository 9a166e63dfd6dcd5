using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;

namespace Baton.Domain.Contracts;

/// <summary>Where the signed agreement is.</summary>
public enum ContractState { InCreation, Sent, Signed }

/// <summary>A fact about a contract, fed to <see cref="Contract.Apply"/>.</summary>
public abstract record ContractTrigger
{
    public abstract string Actor { get; }
    public string Name => GetType().Name;
}

/// <summary>The contracts team sent the drafted contract to the customer.</summary>
public sealed record SentToCustomer(string By) : ContractTrigger
{
    public override string Actor => By;
}

/// <summary>The customer signed.</summary>
public sealed record SignedByCustomer(string By) : ContractTrigger
{
    public override string Actor => By;
}

/// <summary>The sweeper reports that one run of a contract clock reached its deadline (at least once).</summary>
public sealed record ContractClockElapsed(string Clock, DateTimeOffset StartedAtUtc) : ContractTrigger
{
    public override string Actor => "clock";
}

/// <summary>Create the customer's record in the CS pipeline, at its first stage.</summary>
public sealed record CreateCsRecord(string DealId, CsStage Stage) : Effect;

public abstract record ContractEvent(string DealId, DateTimeOffset OccurredAtUtc, string Actor);

public sealed record ContractCreated(string DealId, DateTimeOffset OccurredAtUtc, string Actor) : ContractEvent(DealId, OccurredAtUtc, Actor);

public sealed record ContractSent(string DealId, DateTimeOffset OccurredAtUtc, string Actor) : ContractEvent(DealId, OccurredAtUtc, Actor);

public sealed record ContractSigned(string DealId, DateTimeOffset OccurredAtUtc, string Actor) : ContractEvent(DealId, OccurredAtUtc, Actor);

public sealed record ContractClockMissed(string DealId, DateTimeOffset OccurredAtUtc, string Actor, string Clock, string EscalatedTo)
    : ContractEvent(DealId, OccurredAtUtc, Actor);

/// <summary>The answer of <see cref="Contract.Apply"/>; the same four shapes as the handoff's <see cref="Transition"/>.</summary>
public abstract record ContractTransition(IReadOnlyList<Effect> Effects, IReadOnlyList<ContractEvent> Events)
{
    public sealed record Moved(Contract Contract, IReadOnlyList<Effect> Effects, IReadOnlyList<ContractEvent> Events)
        : ContractTransition(Effects, Events);

    public sealed record Stayed(Contract Contract, IReadOnlyList<Effect> Effects, IReadOnlyList<ContractEvent> Events)
        : ContractTransition(Effects, Events);

    public sealed record Ignored(string Reason) : ContractTransition([], []);

    public sealed record Refused(string Reason) : ContractTransition([], []);
}

/// <summary>
/// The record of the agreement for one deal: In Creation → Sent → Signed. Signing creates the CS-side record.
/// </summary>
/// <remarks>
/// The <c>contract_drafted</c> clock runs from creation until the contract is sent and escalates at most once.
/// Plain state, like <see cref="Handoff"/>, so a mapper can store and rebuild it.
/// </remarks>
public sealed record Contract
{
    public const string DraftedClock = "contract_drafted";

    public required string DealId { get; init; }
    public required ContractState State { get; init; }

    /// <summary>When the running <c>contract_drafted</c> run started; null when it is not running.</summary>
    public DateTimeOffset? DraftedClockStartedAtUtc { get; init; }
    public string? DraftedClockEscalateTo { get; init; }
    public bool DraftedClockMissed { get; init; }

    /// <summary>Opens the contract: a task for the contracts team and, when the playbook has one, the drafting clock.</summary>
    public static ContractTransition.Moved Create(string dealId, string contractsTeam, ClockSpec? drafted, string actor, DateTimeOffset nowUtc)
    {
        var contract = new Contract
        {
            DealId = dealId,
            State = ContractState.InCreation,
            DraftedClockStartedAtUtc = drafted is null ? null : nowUtc,
            DraftedClockEscalateTo = drafted?.EscalateTo,
        };
        Effect[] clock = drafted is null ? [] : [new StartClock(DraftedClock, drafted.Duration, nowUtc)];
        return new ContractTransition.Moved(
            contract,
            [new CreateTask("Draft the contract", contractsTeam, null), .. clock],
            [new ContractCreated(dealId, nowUtc, actor)]);
    }

    public ContractTransition Apply(ContractTrigger trigger, DateTimeOffset nowUtc) => (State, trigger) switch
    {
        (_, ContractClockElapsed c) when c.Clock == DraftedClock && c.StartedAtUtc == DraftedClockStartedAtUtc =>
            new ContractTransition.Stayed(
                this with { DraftedClockStartedAtUtc = null, DraftedClockMissed = true },
                [new Escalate(DraftedClockEscalateTo!, DraftedClock)],
                [new ContractClockMissed(DealId, nowUtc, c.Actor, DraftedClock, DraftedClockEscalateTo!)]),
        (_, ContractClockElapsed c) => new ContractTransition.Ignored($"{c.Name} for {c.Clock} is stale while {State}"),

        (ContractState.InCreation, SentToCustomer s) => new ContractTransition.Moved(
            this with { State = ContractState.Sent, DraftedClockStartedAtUtc = null },
            DraftedClockStartedAtUtc is null ? [] : [new StopClock(DraftedClock)],
            [new ContractSent(DealId, nowUtc, s.Actor)]),

        (ContractState.Sent, SignedByCustomer s) => new ContractTransition.Moved(
            this with { State = ContractState.Signed },
            [new CreateCsRecord(DealId, CsStage.HandoffReceived)],
            [new ContractSigned(DealId, nowUtc, s.Actor)]),

        _ => new ContractTransition.Refused($"{trigger.Name} is not allowed while {State}"),
    };
}
