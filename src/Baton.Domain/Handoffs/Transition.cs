namespace Baton.Domain.Handoffs;

/// <summary>
/// The answer of <see cref="Handoff.Apply"/>: a business "no" is a value here, never an exception.
/// </summary>
public abstract record Transition(IReadOnlyList<Effect> Effects, IReadOnlyList<HandoffEvent> Events)
{
    /// <summary>The handoff entered a new state.</summary>
    public sealed record Moved(Handoff Handoff, IReadOnlyList<Effect> Effects, IReadOnlyList<HandoffEvent> Events)
        : Transition(Effects, Events);

    /// <summary>The state is the same; something was still recorded (a view, a missed clock, a rating).</summary>
    public sealed record Stayed(Handoff Handoff, IReadOnlyList<Effect> Effects, IReadOnlyList<HandoffEvent> Events)
        : Transition(Effects, Events);

    /// <summary>Nothing to do and nothing wrong: e.g. a duplicate or stale clock report.</summary>
    public sealed record Ignored(string Reason) : Transition([], []);

    /// <summary>Not allowed; the reason names the trigger and the state.</summary>
    public sealed record Refused(string Reason) : Transition([], []);

    /// <summary>The handoff after this transition, or null when it was ignored or refused.</summary>
    public Handoff? Next => this switch
    {
        Moved m => m.Handoff,
        Stayed s => s.Handoff,
        _ => null,
    };
}
