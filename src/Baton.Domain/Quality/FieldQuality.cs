// Placeholder until the quality rules land; replaced wholesale.
using Baton.Domain.Fields;
namespace Baton.Domain.Quality;
public static class QualityRules
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string> { "metric", "specific", "explicit_none", "after", "email", "min_words" };
}
public static class FieldQuality
{
    public static Verdict Check(FieldDefinition field, ReadOnlySpan<char> value, IFieldValues deal, FieldManifest manifest)
    {
        var v = value.Trim();
        if (v.IsEmpty) return Verdict.Blank;
        if (v.Equals("n/a", StringComparison.OrdinalIgnoreCase) || v.Equals("tbd", StringComparison.OrdinalIgnoreCase)) return new Verdict(VerdictKind.Filler, "filler", "placeholder");
        return Verdict.Good;
    }
}
