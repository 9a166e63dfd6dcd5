using System.Globalization;
using NodaTime;

namespace Baton.Domain.Fields.Values;

public static partial class FieldValueParser
{
    /// <summary>Reads the date CRM exports write.</summary>
    /// <remarks>
    /// Accepted: <c>2026-11-03</c>, <c>2026-11-03 14:05</c>, ISO 8601 with <c>T</c>, seconds, fractions and an
    /// offset (<c>Z</c>, <c>+01:00</c>, Salesforce's <c>+0000</c>), <c>2026/11/03</c>, slashed dates in US order
    /// <c>11/3/2026</c> with an optional <c>2:05 PM</c> (the Salesforce US default; a day-first export must be
    /// converted before import), day-first dotted dates <c>3.11.2026</c>, English month names (<c>Nov 3, 2026</c>,
    /// <c>3 November 2026</c>), and HubSpot's epoch milliseconds (11 to 13 digits, read as a UTC date).
    /// The date is taken as written: a time and offset are checked for form, then dropped. Two-digit years and
    /// years outside 1900-2199 are rejected as typos.
    /// </remarks>
    public static bool TryParseDate(ReadOnlySpan<char> s, out LocalDate date)
    {
        date = default;
        s = s.Trim();
        if (s.Length is >= 11 and <= 13 && IsAllDigits(s))
        {
            var ms = long.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
            date = Instant.FromUnixTimeMilliseconds(ms).InUtc().Date;
            return date.Year is >= 1900 and < 2200;
        }
        if (s.Length >= 8 && IsAllDigits(s[..4]) && (s[4] == '-' || s[4] == '/'))
            return TryParseYearFirst(s, s[4], out date);
        var slash = s.IndexOf('/');
        if (slash is 1 or 2)
            return TryParseUsSlashed(s, out date);
        var dot = s.IndexOf('.');
        if (dot is 1 or 2 && IsAllDigits(s[..dot]))
            return TryParseDayFirstDotted(s, out date);
        return TryParseMonthName(s, out date);
    }

    /// <summary>31.12.2026: dots are the day-first convention (German, Swiss, Nordic exports), so no ambiguity.</summary>
    private static bool TryParseDayFirstDotted(ReadOnlySpan<char> s, out LocalDate date)
    {
        date = default;
        var end = s.IndexOf(' ');
        var datePart = end < 0 ? s : s[..end];
        if (!TrySplit3(datePart, '.', out var d, out var m, out var y) || d.Length > 2 || !TryMakeDate(y, m, d, out date)) return false;
        return end < 0 || IsTimeOfDay(s[(end + 1)..].Trim(), meridiem: false, offset: false);
    }

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>"Dec 1, 2026", "December 1 2026", "1 Dec 2026": formatted report exports spell the month.</summary>
    private static bool TryParseMonthName(ReadOnlySpan<char> s, out LocalDate date)
    {
        date = default;
        Span<Range> parts = stackalloc Range[4];
        var count = s.SplitAny(parts, " ,", StringSplitOptions.RemoveEmptyEntries);
        if (count != 3) return false;
        ReadOnlySpan<char> a = s[parts[0]], b = s[parts[1]], y = s[parts[2]];
        int month;
        ReadOnlySpan<char> day;
        if ((month = MonthNumber(a)) > 0) day = b;
        else if ((month = MonthNumber(b)) > 0) day = a;
        else return false;
        day = day.TrimEnd("stndrh".AsSpan());
        if (!IsAllDigits(day) || day.Length > 2 || !IsAllDigits(y) || y.Length != 4) return false;
        Span<char> mm = stackalloc char[2];
        mm[0] = (char)('0' + month / 10);
        mm[1] = (char)('0' + month % 10);
        return TryMakeDate(y, mm, day, out date);
    }

    private static int MonthNumber(ReadOnlySpan<char> word)
    {
        word = word.TrimEnd('.');
        if (word.Length < 3) return 0;
        for (var i = 0; i < MonthNames.Length; i++)
            if (MonthNames[i].AsSpan().StartsWith(word, StringComparison.OrdinalIgnoreCase)) return i + 1;
        return 0;
    }

    private static bool TryParseYearFirst(ReadOnlySpan<char> s, char sep, out LocalDate date)
    {
        date = default;
        var end = s.IndexOfAny(' ', 'T', 't');
        var datePart = end < 0 ? s : s[..end];
        if (!TrySplit3(datePart, sep, out var y, out var m, out var d) || y.Length != 4) return false;
        if (!TryMakeDate(y, m, d, out date)) return false;
        if (end < 0) return true;
        var rest = s[(end + 1)..].Trim();
        return IsTimeOfDay(rest, meridiem: false, offset: true);
    }

    private static bool TryParseUsSlashed(ReadOnlySpan<char> s, out LocalDate date)
    {
        date = default;
        var end = s.IndexOf(' ');
        var datePart = end < 0 ? s : s[..end];
        if (!TrySplit3(datePart, '/', out var m, out var d, out var y) || y.Length != 4 || m.Length > 2 || d.Length > 2)
            return false;
        if (!TryMakeDate(y, m, d, out date)) return false;
        if (end < 0) return true;
        return IsTimeOfDay(s[(end + 1)..].Trim(), meridiem: true, offset: false);
    }

    private static bool TrySplit3(ReadOnlySpan<char> s, char sep, out ReadOnlySpan<char> a, out ReadOnlySpan<char> b, out ReadOnlySpan<char> c)
    {
        a = b = c = default;
        var i = s.IndexOf(sep);
        if (i <= 0) return false;
        a = s[..i];
        var rest = s[(i + 1)..];
        var j = rest.IndexOf(sep);
        if (j <= 0) return false;
        b = rest[..j];
        c = rest[(j + 1)..];
        return c.Length > 0 && IsAllDigits(a) && IsAllDigits(b) && IsAllDigits(c) && b.Length <= 2 && a.Length <= 4;
    }

    private static bool TryMakeDate(ReadOnlySpan<char> y, ReadOnlySpan<char> m, ReadOnlySpan<char> d, out LocalDate date)
    {
        date = default;
        if (y.Length != 4 || d.Length > 2) return false;
        var year = Digits(y);
        var month = Digits(m);
        var day = Digits(d);
        if (year is < 1900 or >= 2200 || month is < 1 or > 12) return false;
        if (day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new LocalDate(year, month, day);
        return true;
    }

    /// <summary>Checks <c>14:05</c>, <c>14:05:00.000+0000</c>, <c>2:05 PM</c>; the value itself is not needed.</summary>
    private static bool IsTimeOfDay(ReadOnlySpan<char> t, bool meridiem, bool offset)
    {
        if (meridiem && t.Length > 2 && (t.EndsWith("AM", StringComparison.OrdinalIgnoreCase) || t.EndsWith("PM", StringComparison.OrdinalIgnoreCase)))
        {
            t = t[..^2].TrimEnd();
            if (!TryReadClock(ref t, maxHour: 12)) return false;
            return t.Length == 0;
        }
        if (!TryReadClock(ref t, maxHour: 23)) return false;
        if (t.Length > 0 && t[0] == '.')
        {
            var n = 1;
            while (n < t.Length && char.IsAsciiDigit(t[n])) n++;
            if (n == 1) return false;
            t = t[n..];
        }
        t = t.TrimStart();
        if (t.Length == 0) return true;
        if (!offset) return false;
        if (t is "Z" or "z" || t.Equals("UTC", StringComparison.OrdinalIgnoreCase) || t.Equals("GMT", StringComparison.OrdinalIgnoreCase))
            return true;
        if (t[0] is not ('+' or '-')) return false;
        t = t[1..];
        // +01, +0100, +01:00
        return t.Length switch
        {
            2 => IsAllDigits(t),
            4 => IsAllDigits(t),
            5 => t[2] == ':' && IsAllDigits(t[..2]) && IsAllDigits(t[3..]),
            _ => false,
        };
    }

    private static bool TryReadClock(ref ReadOnlySpan<char> t, int maxHour)
    {
        var colon = t.IndexOf(':');
        if (colon is < 1 or > 2 || t.Length < colon + 3) return false;
        var h = t[..colon];
        var m = t.Slice(colon + 1, 2);
        if (!IsAllDigits(h) || !IsAllDigits(m)) return false;
        if (Digits(h) > maxHour || Digits(m) > 59)
            return false;
        t = t[(colon + 3)..];
        if (t.Length >= 3 && t[0] == ':')
        {
            if (!IsAllDigits(t.Slice(1, 2)) || Digits(t.Slice(1, 2)) > 60) return false;
            t = t[3..];
        }
        return true;
    }

    /// <remarks>A plain loop: <c>ContainsAnyExceptInRange</c> allocated on every call on this runtime, and dates are parsed per value.</remarks>
    /// <summary>The value of a short run of ASCII digits the caller has checked; cheaper than int.Parse's culture lookup.</summary>
    internal static int Digits(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s) n = n * 10 + (c - '0');
        return n;
    }

    internal static bool IsAllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiDigit(c)) return false;
        return s.Length > 0;
    }
}
