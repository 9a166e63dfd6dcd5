namespace Baton.Domain.Quality;

/// <summary>
/// A why or risk answer must say something about this customer: at least one word that is not generic.
/// </summary>
/// <remarks>
/// Generic means on a list of function words, praise and business abstractions ("wanted better analytics",
/// "growth", "they liked the demo"). Anything else counts as content: a number, an acronym (SSO, SOC2), a product
/// or person's name, a word of another language. So "Okta SSO, Snowflake" and "Ablösung von Zendesk bis Ende
/// Januar" pass; the rule errs towards letting an answer through, because blocking a good one costs more.
/// </remarks>
internal static class SpecificRule
{
    public static Verdict Check(ReadOnlySpan<char> value)
    {
        // Stops at the first content word, which in a real answer is usually the first or second.
        var position = 0;
        while (Words.TryNext(value, ref position, out var word))
            if (IsContent(value[word])) return Verdict.Good;
        return new Verdict(VerdictKind.Vague, RuleIds.Generic,
            "only generic words: say what happened at this customer (who, which system, which number, which date)");
    }

    public static bool IsContent(ReadOnlySpan<char> w)
    {
        if (Words.HasDigit(w)) return true;
        if (w.Length > 2 && (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal))) w = w[..^2];
        if ((Vocabulary.Classify(w) & WordClass.Generic) != 0) return false;
        if (Words.IsAcronym(w)) return true;
        if (w.Length >= 3) return true;
        // Short words of other scripts (Chinese, Japanese) carry meaning where two letters of English rarely do.
        foreach (var c in w)
            if (c > '\u024F') return true;
        return false;
    }
}
