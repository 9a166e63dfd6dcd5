using Baton.Domain.Playbook;

namespace Baton.Domain.Handoffs;

/// <summary>The moments in a handoff's life at which a clock starts or stops.</summary>
public enum ClockMoment { ClosedWon, Posted, Acknowledged, WarmCallHeld, KickoffScheduled, KickoffHeld }

/// <summary>One row of the clock table: the clock, the moment it starts, the moment it stops, and whether only hot handoffs run it.</summary>
public sealed record ClockRule(string Name, ClockMoment StartsOn, ClockMoment StopsOn, bool HotOnly);

/// <summary>
/// Which handoff clocks exist, when they start and stop, and (from the playbook's <see cref="ClockSpec"/>)
/// how long they run and whom they escalate to.
/// </summary>
/// <remarks>
/// <c>contract_drafted</c> is not here: it belongs to the contract. A rule whose clock the playbook does not
/// configure never starts: a team may choose not to run a clock.
/// </remarks>
public sealed class HandoffClocks
{
    public const string Acknowledge = "acknowledge";
    public const string WarmCall = "warm_call";
    public const string FirstContact = "first_contact";
    public const string Kickoff = "kickoff";

    /// <summary>The table the tests enforce; the README shows the same rows.</summary>
    public static IReadOnlyList<ClockRule> Rules { get; } =
    [
        new(Acknowledge, ClockMoment.Posted, ClockMoment.Acknowledged, HotOnly: false),
        new(WarmCall, ClockMoment.Posted, ClockMoment.WarmCallHeld, HotOnly: true),
        // Scheduling the kickoff means the customer has been contacted.
        new(FirstContact, ClockMoment.ClosedWon, ClockMoment.KickoffScheduled, HotOnly: false),
        new(Kickoff, ClockMoment.ClosedWon, ClockMoment.KickoffHeld, HotOnly: false),
    ];

    private readonly Dictionary<string, ClockSpec> _specs;

    private HandoffClocks(Dictionary<string, ClockSpec> specs) => _specs = specs;

    /// <summary>Binds the table to the playbook's clocks; clocks the table does not know are left to their owners, and the first of duplicate names wins (playbook validation reports duplicates).</summary>
    public static HandoffClocks From(IEnumerable<ClockSpec> specs) =>
        new(specs.Where(s => Rules.Any(r => r.Name == s.Name)).DistinctBy(s => s.Name).ToDictionary(s => s.Name, StringComparer.Ordinal));

    public ClockSpec? Spec(string clock) => _specs.GetValueOrDefault(clock);

    /// <summary>The configured clocks that start at <paramref name="moment"/> for a handoff of this type.</summary>
    public IEnumerable<ClockSpec> StartingOn(ClockMoment moment, HandoffType type) =>
        Rules.Where(r => r.StartsOn == moment && (!r.HotOnly || type == HandoffType.Hot))
             .Select(r => Spec(r.Name))
             .OfType<ClockSpec>();

    /// <summary>The clock names that stop at <paramref name="moment"/>.</summary>
    public static IEnumerable<string> StoppingOn(ClockMoment moment) =>
        Rules.Where(r => r.StopsOn == moment).Select(r => r.Name);
}
