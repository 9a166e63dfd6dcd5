namespace Baton.Domain.Quality;

/// <summary>What a field value is worth at the gate. Only <see cref="Ok"/> passes.</summary>
public enum VerdictKind { Ok, Missing, Filler, Vague, Invalid }

/// <summary>The judgement on one value, naming the rule that fired so an AE can see why.</summary>
public readonly record struct Verdict(VerdictKind Kind, string Rule, string Reason)
{
    public static readonly Verdict Good = new(VerdictKind.Ok, "", "");
    public static readonly Verdict Blank = new(VerdictKind.Missing, "required", "no value");

    public bool IsOk => Kind == VerdictKind.Ok;
}
