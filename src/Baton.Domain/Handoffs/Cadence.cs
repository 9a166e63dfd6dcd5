namespace Baton.Domain.Handoffs;

/// <summary>Who owns a step of the post-close cadence.</summary>
public enum CadenceOwner { Ae, Csm, CsLead }

/// <summary>A step of the cadence after close: done by business day <paramref name="BusinessDay"/> (0 = the day of the close).</summary>
public sealed record CadenceStep(string Name, int BusinessDay, CadenceOwner Owner);

/// <summary>The people who own the steps for one customer.</summary>
public sealed record CadenceParties(string AeId, string CsmId, string CsLeadId)
{
    public string For(CadenceOwner owner) => owner switch
    {
        CadenceOwner.Ae => AeId,
        CadenceOwner.Csm => CsmId,
        _ => CsLeadId,
    };
}

/// <summary>A dated step with its owner.</summary>
public sealed record CadenceTask(string Name, CadenceOwner Role, string OwnerId, DateTimeOffset DueAtUtc)
{
    public CreateTask ToEffect() => new(Name, OwnerId, DueAtUtc);
}

/// <summary>Turns the cadence spec into dated tasks for one closed deal.</summary>
public static class Cadence
{
    /// <summary>The cadence that ships: introduction the day of close, internal sync, kickoff, value check-in, executive review.</summary>
    public static IReadOnlyList<CadenceStep> Default { get; } =
    [
        new("Send the transition e-mail introducing the CSM", 0, CadenceOwner.Ae),
        new("Hold the internal sync with the AE", 3, CadenceOwner.Csm),
        new("Hold the kickoff", 7, CadenceOwner.Csm),
        new("Value check-in with the customer", 14, CadenceOwner.Csm),
        new("Executive review", 30, CadenceOwner.CsLead),
    ];

    /// <summary>Dates each step from the close, in business days, ordered by due date (ties keep spec order).</summary>
    /// <param name="addBusinessDays">The team calendar's "instant plus n business days"; a parameter so the cadence does not depend on how the calendar is built.</param>
    public static IReadOnlyList<CadenceTask> Plan(
        IReadOnlyList<CadenceStep> steps,
        DateTimeOffset closedWonAtUtc,
        CadenceParties parties,
        Func<DateTimeOffset, int, DateTimeOffset> addBusinessDays)
    {
        var negative = steps.FirstOrDefault(s => s.BusinessDay < 0);
        if (negative is not null)
            throw new ArgumentOutOfRangeException(nameof(steps), $"cadence step '{negative.Name}' is due {negative.BusinessDay} business days after close; steps come after the close");
        return [.. steps
            .Select(s => new CadenceTask(s.Name, s.Owner, parties.For(s.Owner), addBusinessDays(closedWonAtUtc, s.BusinessDay)))
            .OrderBy(t => t.DueAtUtc)];
    }
}
