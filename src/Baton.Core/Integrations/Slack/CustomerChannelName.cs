using System.Globalization;
using System.Text;

namespace Baton.Core.Integrations.Slack;

/// <summary>
/// The name of a customer's own channel, from the company on the deal: "Northwind Traders, Inc." becomes
/// <c>cust-northwind-traders-inc</c>. Whatever the input, the result is a name <c>conversations.create</c> accepts.
/// </summary>
/// <remarks>
/// Slack's rules: at most <see cref="MaxLength"/> characters, lowercase letters, digits, hyphens and underscores.
/// Accents are dropped (Müller → muller), every other run of characters becomes one hyphen, and a cut happens at a
/// hyphen when there is one. A company with nothing usable in its name ("株式会社", "!!!") falls back to the deal id.
/// Two companies can share a name ("Acme Inc" and "ACME, Inc."): on <c>name_taken</c>, use <see cref="WithDealId"/>.
/// </remarks>
public static class CustomerChannelName
{
    public const string DefaultPrefix = "cust-";
    public const int MaxLength = 80;

    /// <param name="prefix">Slugged like the company, and followed by a hyphen unless it ends in one or in an underscore; empty is allowed.</param>
    public static string For(string company, string dealId, string prefix = DefaultPrefix) =>
        Compose(Prefix(prefix), Slug(company) is { Length: > 0 } slug ? slug : Fallback(dealId), suffix: "");

    /// <summary>The same name with the deal id at the end, <c>cust-northwind-traders-inc-deal-1042</c>: unique when deal ids are.</summary>
    /// <remarks>The company part is cut first, so the deal id survives any company length.</remarks>
    public static string WithDealId(string company, string dealId, string prefix = DefaultPrefix) =>
        Slug(company) is { Length: > 0 } slug
            ? Compose(Prefix(prefix), slug, "-" + Fallback(dealId))
            : Compose(Prefix(prefix), Fallback(dealId), suffix: "");

    private static string Fallback(string dealId) => Slug("deal-" + dealId);

    private static string Prefix(string prefix)
    {
        var slug = Slug(prefix);
        // A long prefix must leave the company room.
        if (slug.Length > MaxLength / 2) slug = slug[..(MaxLength / 2)].TrimEnd('-');
        return slug.Length == 0 || slug.EndsWith('_') ? slug : slug + "-";
    }

    /// <summary>Fits prefix + body + suffix in <see cref="MaxLength"/>: the suffix keeps at most a quarter, the body takes the cut.</summary>
    private static string Compose(string prefix, string body, string suffix)
    {
        if (suffix.Length > MaxLength / 4) suffix = suffix[..(MaxLength / 4)].TrimEnd('-');
        var room = MaxLength - prefix.Length - suffix.Length;
        return (prefix + Cut(body, room) + suffix).Trim('-');
    }

    private static string Cut(string slug, int length)
    {
        if (slug.Length <= length) return slug;
        var cut = slug[..length];
        var hyphen = cut.LastIndexOf('-');
        // At a word boundary, unless that throws away more than half.
        return (hyphen > length / 2 ? cut[..hyphen] : cut).TrimEnd('-');
    }

    /// <summary>Lowercase ASCII letters and digits, underscores kept, every other run a single hyphen, no hyphen at either end.</summary>
    private static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in Decomposed(text))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') slug.Append(lower);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().Trim('-');
    }

    /// <summary>Letters and their accents apart, so "é" keeps its "e". A string with a lone surrogate cannot be normalized; it is read as it is.</summary>
    private static string Decomposed(string text)
    {
        try { return text.Normalize(NormalizationForm.FormD); }
        catch (ArgumentException) { return text; }
    }
}
