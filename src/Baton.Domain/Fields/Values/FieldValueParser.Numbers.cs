namespace Baton.Domain.Fields.Values;

public static partial class FieldValueParser
{
    /// <summary>Reads a plain number: <c>45</c>, <c>1,200</c>, <c>48000.00</c>, <c>-3.5</c>.</summary>
    /// <remarks>
    /// A trailing count noun is ignored (<c>45 seats</c>, <c>45 users</c>), any other word is not.
    /// Invariant culture first: '.' is the decimal point and ',' groups thousands in threes, so <c>1.200</c> is 1.2.
    /// Only a string that cannot be read that way is tried the European way (<c>1.200,50</c>, <c>12,5</c>).
    /// Exponents (<c>1.5e3</c>), words and units are rejected.
    /// </remarks>
    public static bool TryParseNumber(ReadOnlySpan<char> s, out decimal value)
    {
        s = WithoutSuffix(s.Trim(), CountNouns);
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (!TryParseGrouped(s, ',', '.', out value) && !TryParseGrouped(s, '.', ',', out value))
            return false;
        if (negative) value = -value;
        return true;
    }

    /// <summary>Reads an amount of money: <c>$48,000</c>, <c>USD 48,000</c>, <c>48 000 €</c>, <c>€48.000,00</c>, <c>48k</c>, <c>1.2M</c>.</summary>
    /// <remarks>
    /// One currency symbol ($ € £ ¥) or ISO code may stand before or after the number; '$' is read as USD.
    /// Separators are told apart by a rule that needs no locale, because money never has three decimals:
    /// when both '.' and ',' appear the last one is the decimal separator; a separator that appears more than
    /// once groups thousands; a single one followed by exactly three digits groups thousands (<c>48.000</c> is
    /// 48000), followed by one or two digits it is the decimal separator (<c>48,5</c> is 48.5). With a k/M
    /// suffix a single separator is always decimal (<c>1.5k</c>). Negative amounts are rejected. A trailing
    /// "per year" in any usual spelling (<c>/yr</c>, <c>ARR</c>, <c>annually</c>) is ignored.
    /// </remarks>
    public static bool TryParseCurrency(ReadOnlySpan<char> s, out decimal amount, out string? currency)
    {
        amount = 0;
        currency = null;
        s = WithoutSuffix(s.Trim(), AnnualSuffixes);
        if (!TryStripCurrency(ref s, ref currency, prefix: true) | !TryStripCurrency(ref s, ref currency, prefix: false))
            return false;

        decimal multiplier = 1;
        if (s.Length > 1 && (s[^1] is 'k' or 'K'))
        {
            multiplier = 1_000m;
            s = s[..^1].TrimEnd();
        }
        else if (s.Length > 2 && (s.EndsWith("mm", StringComparison.OrdinalIgnoreCase)))
        {
            multiplier = 1_000_000m;
            s = s[..^2].TrimEnd();
        }
        else if (s.Length > 1 && (s[^1] is 'm' or 'M'))
        {
            multiplier = 1_000_000m;
            s = s[..^1].TrimEnd();
        }
        if (s.Length == 0 || !char.IsAsciiDigit(s[0])) return false;

        int dots = s.Count('.'), commas = s.Count(',');
        char group, dec;
        if (dots > 0 && commas > 0)
        {
            dec = s.LastIndexOf('.') > s.LastIndexOf(',') ? '.' : ',';
            group = dec == '.' ? ',' : '.';
        }
        else if (dots + commas == 0)
        {
            (group, dec) = (',', '.');
        }
        else
        {
            var sep = dots > 0 ? '.' : ',';
            var other = sep == '.' ? ',' : '.';
            var digitsAfter = s.Length - 1 - s.LastIndexOf(sep);
            var groups = dots + commas > 1 || (digitsAfter == 3 && multiplier == 1);
            (group, dec) = groups ? (sep, other) : (other, sep);
            if (!groups && digitsAfter > 2 && multiplier == 1) return false;
        }
        if (!TryParseGrouped(s, group, dec, out amount)) return false;
        amount *= multiplier;
        return true;
    }

    private static readonly string[] CountNouns = ["seats", "seat", "users", "user", "licenses", "licences", "license", "licence", "people", "reps", "agents"];
    private static readonly string[] AnnualSuffixes = ["per year", "/year", "/yr", "a year", "annually", "per annum", "p.a.", "arr", "/yr."];

    private static ReadOnlySpan<char> WithoutSuffix(ReadOnlySpan<char> s, string[] suffixes)
    {
        // Most values end in a digit; only a trailing word can be a suffix.
        if (s.IsEmpty || !(char.IsAsciiLetter(s[^1]) || s[^1] == '.')) return s;
        foreach (var suffix in suffixes)
            if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && (suffix[0] == '/' || s[^(suffix.Length + 1)] == ' '))
                return s[..^suffix.Length].TrimEnd();
        return s;
    }

    private static bool TryStripCurrency(ref ReadOnlySpan<char> s, ref string? currency, bool prefix)
    {
        if (s.Length == 0) return true;
        var c = prefix ? s[0] : s[^1];
        string? found = c switch { '$' => "USD", '€' => "EUR", '£' => "GBP", '¥' => "JPY", _ => null };
        var length = 1;
        if (found is null)
        {
            // An ISO code such as USD or eur; "US$" is common enough in exports to accept too.
            if (s.Length >= 3)
            {
                var code = prefix ? s[..3] : s[^3..];
                if (prefix && code.Equals("US$", StringComparison.OrdinalIgnoreCase))
                {
                    found = "USD";
                    length = 3;
                }
                else if (char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1]) && char.IsAsciiLetter(code[2])
                    && (s.Length == 3 || !char.IsAsciiLetter(prefix ? s[3] : s[^4])))
                {
                    found = code.ToString().ToUpperInvariant();
                    length = 3;
                }
            }
            if (found is null) return true;
        }
        if (currency is not null && currency != found) return false;
        currency = found;
        s = (prefix ? s[length..] : s[..^length]).Trim();
        return true;
    }

    /// <summary>Digits with an optional, consistently used thousands separator (or a space) and an optional decimal part.</summary>
    private static bool TryParseGrouped(ReadOnlySpan<char> s, char group, char dec, out decimal value)
    {
        value = 0;
        ulong mantissa = 0;
        int digits = 0, scale = 0, groupDigits = 0;
        char usedSeparator = '\0';
        var inFraction = false;
        var sawGroup = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 19) return false;
                mantissa = mantissa * 10 + (ulong)(c - '0');
                if (inFraction) scale++;
                else groupDigits++;
                continue;
            }
            if (inFraction) return false;
            if (c == dec)
            {
                if (groupDigits == 0 || (sawGroup && groupDigits != 3) || i == s.Length - 1) return false;
                inFraction = true;
                continue;
            }
            var isSpace = c is ' ' or '\u00A0' or '\u202F';
            if (c == group || isSpace)
            {
                if (usedSeparator != '\0' && usedSeparator != c) return false;
                if (groupDigits == 0 || groupDigits > 3 || (sawGroup && groupDigits != 3)) return false;
                usedSeparator = c;
                sawGroup = true;
                groupDigits = 0;
                continue;
            }
            return false;
        }
        if (digits == 0 || (sawGroup && !inFraction && groupDigits != 3)) return false;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)scale);
        return true;
    }
}
