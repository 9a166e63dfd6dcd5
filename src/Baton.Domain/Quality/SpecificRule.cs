namespace Baton.Domain.Quality;

/// <summary>
/// A why or risk answer must say something about this customer: at least one word that is not generic.
/// </summary>
/// <remarks>
/// Generic means on a list of function words, praise and business abstractions, in the languages AEs write in
/// ("wanted better analytics", "growth", "bessere Auswertungen", "mejor producto"). Anything else counts as content:
/// a number, an acronym (SSO, SOC2), a product or person's name, an uncommon word. So "Okta SSO, Snowflake" and
/// "Ablösung von Zendesk bis Ende Januar" pass; the rule errs towards letting an answer through, because blocking a
/// good one costs more. Chinese and Japanese have no spaces: a value in those scripts with no Latin name or number
/// counts as content when three of its characters are not stock words (<see cref="CjkContent"/>); "老系统", "好用"
/// and "希望提升效率、优化客户体验" name categories, not facts.
/// </remarks>
internal static class SpecificRule
{
    public static Verdict Check(ReadOnlySpan<char> value) =>
        HasContent(value, WordClass.Generic, shortCjkAllowed: false)
            ? Verdict.Good
            : new Verdict(VerdictKind.Vague, RuleIds.Generic,
                "only generic words: say what happened at this customer (who, which system, which number, which date)");

    public static bool HasContent(ReadOnlySpan<char> value, WordClass generic, bool shortCjkAllowed) =>
        HasContent(value, generic, shortCjkAllowed, judgeThin: false, out _);

    /// <param name="thin">With <paramref name="judgeThin"/>: a Latin sentence of six words or more with one word of
    /// content, or of ten or more with two ("Their old tool is clunky and the team hates it"). Real answers of that
    /// length name three things or more; fluent filler names one or two. Counted in the same pass, which stops at
    /// the third word of content.</param>
    public static bool HasContent(ReadOnlySpan<char> value, WordClass generic, bool shortCjkAllowed, bool judgeThin, out bool thin)
    {
        thin = false;
        var position = 0;
        var cjkOnly = true;
        var cjkLetters = 0;
        var words = 0;
        var content = 0;
        while (Words.TryNext(value, ref position, out var word))
        {
            var w = value[word];
            words++;
            var cjk = CjkLetters(w);
            if (cjk == 0)
            {
                cjkOnly = false;
                if (IsContent(w, generic) && (!judgeThin || ++content >= ThinMaxContent)) return true;
            }
            else
            {
                // Chinese and Japanese are judged by what CjkContent leaves, not word by word.
                judgeThin = false;
                // Latin or digits inside a CJK run: "Udesk", "kintone連携", "SLA": a name or a number.
                if (cjk < w.Length && HasLatinContent(w, generic)) return true;
                cjkLetters += cjk;
            }
        }
        if (content > 0 && judgeThin)
        {
            thin = words >= 10 || words >= 6 && content <= 1;
            return true;
        }
        if (content > 0) return true;
        return cjkLetters > 0 && (shortCjkAllowed && cjkOnly || CjkContent.Residue(value) >= CjkContent.ContentMinLetters);
    }

    /// <summary>Three words of content make an answer, however long the sentence around them.</summary>
    private const int ThinMaxContent = 3;

    public static bool IsContent(ReadOnlySpan<char> w, WordClass generic = WordClass.Generic)
    {
        if (Words.HasDigit(w)) return true;
        if (w.Length > 2 && (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal))) w = w[..^2];
        if ((Vocabulary.Classify(w) & generic) != 0) return false;
        if (Words.IsAcronym(w)) return true;
        if (w.Length >= 3) return true;
        // Short words of other scripts carry meaning where two letters of English rarely do.
        foreach (var c in w)
            if (c > '\u024F') return true;
        return false;
    }

    /// <summary>A digit, or a Latin word of content, inside a run of Chinese or Japanese.</summary>
    private static bool HasLatinContent(ReadOnlySpan<char> w, WordClass generic)
    {
        var start = -1;
        for (var i = 0; i <= w.Length; i++)
        {
            var latin = i < w.Length && (char.IsAsciiLetterOrDigit(w[i]) || w[i] is '-' or '.');
            if (latin && start < 0) start = i;
            else if (!latin && start >= 0)
            {
                if (IsContent(w[start..i], generic)) return true;
                start = -1;
            }
        }
        return false;
    }

    /// <summary>Ideographs, kana and hangul in the word.</summary>
    public static int CjkLetters(ReadOnlySpan<char> w)
    {
        var n = 0;
        foreach (var c in w)
            if (IsCjk(c)) n++;
        return n;
    }

    public static bool IsCjk(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uAC00' and <= '\uD7AF';
}
