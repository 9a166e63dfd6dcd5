using NodaTime;

namespace Baton.Domain.Fields.Values;

/// <summary>A scope string read without allocating; <see cref="Products"/> is a slice of the input.</summary>
public readonly ref struct ScopeParts
{
    public int? Seats { get; init; }
    public ReadOnlySpan<char> Products { get; init; }
    public decimal? Arr { get; init; }
    public string? ArrCurrency { get; init; }
    public LocalDate? Start { get; init; }
    public LocalDate? Renewal { get; init; }
}

public static partial class FieldValueParser
{
    private static readonly char[] PairSeparators = [';', '\n'];

    /// <summary>The keys a scope value may carry, each at most once, in any order.</summary>
    public const string ScopeKeys = "seats, products, arr, start, renewal";

    /// <summary>Reads <c>seats=25; products=Core,Analytics; arr=48000; start=2026-01-15; renewal=2027-01-14</c>.</summary>
    /// <remarks>
    /// Pairs are separated by ';' or a line break (',' separates products, so it cannot separate pairs); every key
    /// is optional but at least one is needed. When <paramref name="choices"/> is not empty, products must be among them.
    /// </remarks>
    /// <param name="error">Null on success; otherwise what was expected and what was found.</param>
    public static bool TryParseScope(ReadOnlySpan<char> s, IReadOnlyList<string> choices, out ScopeParts parts, out string? error)
    {
        parts = default;
        error = null;
        int? seats = null;
        decimal? arr = null;
        string? currency = null;
        LocalDate? start = null, renewal = null;
        ReadOnlySpan<char> products = default;
        var seen = 0;

        foreach (var range in s.SplitAny(PairSeparators))
        {
            var pair = s[range].Trim();
            if (pair.IsEmpty) continue;
            var eq = pair.IndexOfAny('=', ':');
            if (eq <= 0)
            {
                error = $"expected key=value pairs such as seats=25; arr=48000, found \"{pair}\"";
                return false;
            }
            var key = pair[..eq].Trim();
            var value = pair[(eq + 1)..].Trim();
            var bit = ScopeKeyBit(key);
            if (bit == 0)
            {
                error = $"expected one of the keys {ScopeKeys}, found \"{key}\"";
                return false;
            }
            if ((seen & bit) != 0)
            {
                error = $"expected each key once, found \"{key}\" twice";
                return false;
            }
            seen |= bit;
            switch (bit)
            {
                case 1:
                    if (!TryParseNumber(value, out var n) || n < 0 || n != decimal.Truncate(n) || n > int.MaxValue)
                    {
                        error = $"expected seats as a whole number like 25, found \"{value}\"";
                        return false;
                    }
                    seats = (int)n;
                    break;
                case 2:
                    if (!TryCheckChoices(value, choices, allowComma: true, out error)) return false;
                    products = value;
                    break;
                case 4:
                    if (!TryParseCurrency(value, out var a, out currency))
                    {
                        error = $"expected arr as an amount like 48000 or $48,000, found \"{value}\"";
                        return false;
                    }
                    arr = a;
                    break;
                default:
                    if (!TryParseDate(value, out var d))
                    {
                        error = $"expected {key.ToString().ToLowerInvariant()} as a date like 2026-11-03 or 11/3/2026, found \"{value}\"";
                        return false;
                    }
                    if (bit == 8) start = d;
                    else renewal = d;
                    break;
            }
        }
        if (seen == 0)
        {
            error = $"expected key=value pairs ({ScopeKeys}), found \"{s.Trim()}\"";
            return false;
        }
        if (start is { } st && renewal is { } rn && rn <= st)
        {
            error = $"expected renewal after start, found start {st:uuuu-MM-dd} and renewal {rn:uuuu-MM-dd}";
            return false;
        }
        parts = new ScopeParts { Seats = seats, Products = products, Arr = arr, ArrCurrency = currency, Start = start, Renewal = renewal };
        return true;
    }

    private static int ScopeKeyBit(ReadOnlySpan<char> key)
    {
        if (key.Equals("seats", StringComparison.OrdinalIgnoreCase) || key.Equals("users", StringComparison.OrdinalIgnoreCase)) return 1;
        if (key.Equals("products", StringComparison.OrdinalIgnoreCase) || key.Equals("product", StringComparison.OrdinalIgnoreCase)) return 2;
        if (key.Equals("arr", StringComparison.OrdinalIgnoreCase)) return 4;
        if (key.Equals("start", StringComparison.OrdinalIgnoreCase)) return 8;
        if (key.Equals("renewal", StringComparison.OrdinalIgnoreCase)) return 16;
        return 0;
    }
}
