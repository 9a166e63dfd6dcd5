using System.Text.RegularExpressions;
using Baton.Domain.Fields.Values;

namespace Baton.Domain.Quality;

/// <summary>
/// A success metric needs a number to judge by and a time frame to judge it in.
/// </summary>
/// <remarks>
/// The words that make up the time frame are set aside first, so "increase adoption within 90 days" has a time
/// frame but no number. A rate is not a time frame: "10 hours per month" says how often, not by when. When the
/// outcome is itself a milestone ("live in 6 weeks", "migrated off Zendesk by 31 Jan") the deadline is the number.
/// </remarks>
internal static partial class MetricRule
{
    private const byte Numberish = 1, Calendar = 2, MonthName = 4;

    public static Verdict Check(ReadOnlySpan<char> value)
    {
        // Chinese and Japanese write time frames as suffixes without spaces ("90日以内", "3月末までに", "上线后90天内").
        foreach (var c in value)
            if (SpecificRule.IsCjk(c)) return CheckCjk(value);

        Span<Range> buffer = stackalloc Range[128];
        var words = new Words(value, buffer);
        var n = words.Count;
        // Classify each word once; the loop below asks about neighbours, so each question must be cheap.
        Span<WordClass> classes = stackalloc WordClass[n + 4];
        Span<byte> shape = stackalloc byte[n + 4];
        for (var i = 0; i < n; i++)
        {
            var w = words[i];
            var hasDigit = Words.HasDigit(w);
            // No listed word has a digit, so numbers skip the lookup.
            classes[i] = hasDigit ? WordClass.None : Vocabulary.Classify(w);
            shape[i] = (byte)((hasDigit || (classes[i] & WordClass.NumberWord) != 0 ? Numberish : 0)
                | (hasDigit || w.Length <= 3 ? (IsCalendarWord(w) ? Calendar : 0) : 0));
        }
        for (var i = 0; i < n; i++)
            if ((classes[i] & WordClass.Month) != 0 || words[i].Equals("may", StringComparison.OrdinalIgnoreCase) && IsMay(words, classes, i))
                shape[i] |= MonthName;

        ReadOnlySpan<WordClass> cls = classes[..n];
        ReadOnlySpan<byte> shp = shape[..n];

        Span<bool> inTimeframe = stackalloc bool[n + 4];
        var timeframe = false;
        var durationNumber = false;   // "within 7 business days": a number that sets the period
        var calendarAnchor = false;   // "from January", "by Q2": a period named without a duration

        for (var i = 0; i < n; i++)
        {
            if (Has(shp, i, Calendar))
            {
                timeframe = inTimeframe[i] = calendarAnchor = true;
            }
            else if (Has(shp, i, MonthName))
            {
                timeframe = inTimeframe[i] = calendarAnchor = true;
                // "15 Feb", "Feb 15", "March 2027"
                if (IsDayOrYear(words[i + 1])) inTimeframe[i + 1] = true;
                if (i > 0 && IsDayOrYear(words[i - 1])) inTimeframe[i - 1] = true;
            }
            else if (Is(cls, i, WordClass.TimeUnit))
            {
                if (Has(shp, i - 1, Numberish) && !Is(cls, i - 2, WordClass.Rate)
                    && (Is(cls, i - 2, WordClass.DeadlineMarker | WordClass.OrdinalLead) || Is(cls, i + 1, WordClass.Relative)
                        || IsLessThan(words[i - 2], words[i - 3]) || IsAfter(words[i - 2])))
                {
                    timeframe = inTimeframe[i] = inTimeframe[i - 1] = durationNumber = true;
                }
                else if (Is(cls, i - 1, WordClass.OrdinalLead))
                {
                    timeframe = inTimeframe[i] = true;
                }
                else if (Has(shp, i + 1, Numberish) && !Is(cls, i - 1, WordClass.Rate))
                {
                    // "day 90", "month 3", "Tag 30"
                    timeframe = inTimeframe[i] = inTimeframe[i + 1] = true;
                }
            }
            else if (IsCompactPeriod(words[i]))
            {
                // "w/in 90d", "6wks": a duration written as one word
                timeframe = inTimeframe[i] = durationNumber = true;
            }
            else if (IsHyphenatedPeriod(words[i])
                || Is(cls, i, WordClass.EndOf) && (words[i].Equals("ende", StringComparison.OrdinalIgnoreCase) || Is(cls, i + 1, WordClass.Relative)))
            {
                timeframe = inTimeframe[i] = true;
            }
            else if (Is(cls, i, WordClass.StrongDeadline) && i + 1 < n)
            {
                timeframe = inTimeframe[i] = true;
                if (Has(shp, i + 1, Numberish) && Is(cls, i + 2, WordClass.TimeUnit)) inTimeframe[i + 1] = true;
            }
            else if (Is(cls, i, WordClass.DeadlineMarker))
            {
                // "by 20%" is an amount, "by Q2", "by the end of March", "before renewal" are moments.
                if (Has(shp, i + 1, Numberish) && !Has(shp, i + 1, Calendar) && !Is(cls, i + 2, WordClass.TimeUnit))
                    continue;
                var isIn = words[i].Equals("in", StringComparison.OrdinalIgnoreCase);
                for (var j = i + 1; j <= i + 4 && j < n; j++)
                {
                    if (Is(cls, j, WordClass.Moment) && !isIn || Has(shp, j, Calendar) || Has(shp, j, MonthName))
                    {
                        timeframe = inTimeframe[i] = inTimeframe[j] = true;
                        if (Has(shp, j + 1, Numberish)) inTimeframe[j + 1] = true;
                        break;
                    }
                    if (Is(cls, j, WordClass.TimeUnit) && (Has(shp, j - 1, Numberish) || Is(cls, j - 1, WordClass.OrdinalLead)))
                    {
                        timeframe = inTimeframe[i] = inTimeframe[j] = inTimeframe[j - 1] = true;
                        durationNumber |= Has(shp, j - 1, Numberish);
                        break;
                    }
                }
            }
        }

        var number = false;
        var milestone = false;
        var process = false;
        for (var i = 0; i < n; i++)
        {
            if (!inTimeframe[i] && Has(shp, i, Numberish)) number = true;
            if (Is(cls, i, WordClass.Process)) process = true;
            // A milestone, or a duration metric ("time to first dashboard under 14 days"), is judged by its deadline.
            if (Is(cls, i, WordClass.Milestone)
                || Is(cls, i, WordClass.DurationLead) && (words[i].Length > 4 || words[i + 1].Equals("to", StringComparison.OrdinalIgnoreCase)))
                milestone = true;
        }
        // A deadline to meet from a named start ("kickoff within 7 business days, from January") or the length of a
        // process ("onboarding in 30 days") is the number; "increase adoption within 90 days" has none.
        if (!number && durationNumber && (calendarAnchor || process)) number = true;
        if (!number && !(timeframe && milestone))
            return new Verdict(VerdictKind.Vague, RuleIds.MetricNoNumber, "a success metric needs a number to judge by, e.g. \"from 1,200 to under 300\"");
        if (!timeframe)
            return new Verdict(VerdictKind.Vague, RuleIds.MetricNoTimeframe, "a success metric needs a time frame, e.g. \"within 90 days of go-live\" or \"by Q2\"");
        return Verdict.Good;
    }

    private static bool Is(ReadOnlySpan<WordClass> classes, int i, WordClass c) => (uint)i < (uint)classes.Length && (classes[i] & c) != 0;

    private static bool Has(ReadOnlySpan<byte> shape, int i, byte flag) => (uint)i < (uint)shape.Length && (shape[i] & flag) != 0;

    /// <summary>"May" is a month only where a date is plainly meant ("by May", "May 15"), not in "may reduce".</summary>
    private static bool IsMay(Words words, ReadOnlySpan<WordClass> classes, int i) =>
        i > 0 && ((classes[i - 1] & (WordClass.DeadlineMarker | WordClass.StrongDeadline)) != 0 || words[i - 1].Equals("of", StringComparison.OrdinalIgnoreCase))
        || IsDayOrYear(words[i + 1]);

    /// <summary>"after 90 days", "nach 90 Tagen", "après 60 jours", "dopo 30 giorni": a time frame counted from the start.</summary>
    private static bool IsAfter(ReadOnlySpan<char> w) =>
        w.Equals("after", StringComparison.OrdinalIgnoreCase) || w.Equals("nach", StringComparison.OrdinalIgnoreCase)
        || w.Equals("après", StringComparison.OrdinalIgnoreCase) || w.Equals("dopo", StringComparison.OrdinalIgnoreCase)
        || w.Equals("depois", StringComparison.OrdinalIgnoreCase) || w.Equals("tras", StringComparison.OrdinalIgnoreCase)
        || w.Equals("na", StringComparison.OrdinalIgnoreCase);

    private static bool IsLessThan(ReadOnlySpan<char> w, ReadOnlySpan<char> before) =>
        w.Equals("than", StringComparison.OrdinalIgnoreCase) && before.Equals("less", StringComparison.OrdinalIgnoreCase);

    private static bool IsDayOrYear(ReadOnlySpan<char> w)
    {
        var digits = w.TrimEnd("stndrh.".AsSpan());
        return digits.Length is >= 1 and <= 4 && FieldValueParser.IsAllDigits(digits);
    }

    /// <summary>Quarters, halves, fiscal years, plausible years and dates: Q2, H1, FY27, 2027, 3/31, 2026-03-31, EOQ.</summary>
    private static bool IsCalendarWord(ReadOnlySpan<char> w)
    {
        if (w.Length < 2) return false;
        var lower0 = char.ToLowerInvariant(w[0]);
        if ((lower0 == 'q' && w[1] is >= '1' and <= '4') || (lower0 == 'h' && w[1] is '1' or '2'))
            return w.Length == 2 || !char.IsLetter(w[2]);
        if (w.Length >= 2 && w[0] is >= '1' and <= '4' && char.ToLowerInvariant(w[1]) == 'q')
            return w.Length == 2 || !char.IsLetter(w[2]);
        if (w.Length is 4 or 6 && w.StartsWith("fy", StringComparison.OrdinalIgnoreCase) && FieldValueParser.IsAllDigits(w[2..]))
            return true;
        if (w.Equals("eoq", StringComparison.OrdinalIgnoreCase) || w.Equals("eom", StringComparison.OrdinalIgnoreCase) || w.Equals("eoy", StringComparison.OrdinalIgnoreCase))
            return true;
        var core = w.TrimEnd('\'');
        if (core.Length == 4 && FieldValueParser.IsAllDigits(core) && core[0] == '2' && core[1] == '0' && core[2] is '2' or '3')
            return true;
        return IsDateLike(w);
    }

    /// <summary>3/31, 31/3/2027, 31.12.2026, 2026-03-31; not a ratio (4.5/5), a range (12-20) or a score (24/7 is close enough to pass).</summary>
    private static bool IsDateLike(ReadOnlySpan<char> w)
    {
        var sep = w.IndexOfAny('/', '-', '.');
        if (sep <= 0 || !char.IsAsciiDigit(w[0]) || !char.IsAsciiDigit(w[^1])) return false;
        var separator = w[sep];
        Span<int> parts = stackalloc int[3];
        var count = 0;
        foreach (var range in w.Split(separator))
        {
            var part = w[range];
            if (count == 3 || part.Length is 0 or > 4 || !FieldValueParser.IsAllDigits(part)) return false;
            parts[count++] = FieldValueParser.Digits(part);
        }
        if (count < 2) return false;
        if (separator == '-') return sep == 4 && parts[1] is >= 1 and <= 12;
        if (count == 2 && separator == '.') return false;
        return parts[0] is >= 1 and <= 31 && parts[1] is >= 1 and <= 31 && (parts[0] <= 12 || parts[1] <= 12);
    }

    /// <summary>"90d", "6wks", "3mo", "12m": digits and a unit letter, as people abbreviate in a hurry.</summary>
    private static bool IsCompactPeriod(ReadOnlySpan<char> w)
    {
        var i = 0;
        while (i < w.Length && char.IsAsciiDigit(w[i])) i++;
        if (i == 0 || i == w.Length) return false;
        var unit = w[i..];
        return unit.Equals("d", StringComparison.OrdinalIgnoreCase) || unit.Equals("w", StringComparison.OrdinalIgnoreCase)
            || unit.Equals("wk", StringComparison.OrdinalIgnoreCase) || unit.Equals("wks", StringComparison.OrdinalIgnoreCase)
            || unit.Equals("mo", StringComparison.OrdinalIgnoreCase) || unit.Equals("mos", StringComparison.OrdinalIgnoreCase)
            || unit.Equals("m", StringComparison.Ordinal) || unit.Equals("y", StringComparison.OrdinalIgnoreCase)
            || unit.Equals("yr", StringComparison.OrdinalIgnoreCase) || unit.Equals("yrs", StringComparison.OrdinalIgnoreCase)
            || (Vocabulary.Classify(unit) & WordClass.TimeUnit) != 0;
    }

    /// <summary>
    /// The same two questions for Chinese and Japanese: a time frame is a date ("2027年3月", "6月30日前"), a period
    /// with its suffix ("90日以内", "半年以内", "上线后"), a named moment ("年度末", "双十二", "今期"), or a quarter or
    /// fiscal year in Latin letters; the number is whatever digit or counted amount is left once those are set aside.
    /// </summary>
    private static Verdict CheckCjk(ReadOnlySpan<char> value)
    {
        var timeframe = false;
        var number = false;
        var last = 0;
        foreach (var m in CjkTimeframe().EnumerateMatches(value))
        {
            timeframe = true;
            number |= HasAmount(value[last..m.Index]);
            last = m.Index + m.Length;
        }
        number |= HasAmount(value[last..]);
        if (!number)
            return new Verdict(VerdictKind.Vague, RuleIds.MetricNoNumber, "a success metric needs a number to judge by, e.g. \"从1200降到300以下\" or \"1,200 → 300\"");
        if (!timeframe)
            return new Verdict(VerdictKind.Vague, RuleIds.MetricNoTimeframe, "a success metric needs a time frame, e.g. \"上线后90天内\" or \"2027年3月までに\"");
        return Verdict.Good;
    }

    private static bool HasAmount(ReadOnlySpan<char> s) => CjkAmount().IsMatch(s);

    [GeneratedRegex(@"(?:\d+|[一二三两四五六七八九十半]+)\s*(?:個|个|か|ヶ|カ|ケ|箇)?\s*(?:営業日|营业日|工作日|日|天|週間|週|周|月|年|季度|四半期)\s*(?:以内|之内|内|後|后|まで|以前|前|中|末|底|間|以降|之后)|\d{4}\s*年|\d{1,2}\s*月|(?:上線|上线|導入|稼働|本番|启动|開始|开始|上市|リリース|ローンチ)(?:後|后)|第\s*[1-4一二三四]\s*(?:四半期|季度)|[上下]半(?:年|期)|明年|今年|来年|翌年|年度内|月内|周内|週内|当月|来月|翌月|下个月|下月|年末|年底|年度末|年内|今期|来期|下期|上期|本年度|今年度|来年度|下个财年|财年|財年|季度末|月末|月底|半年|期末|当天|当日|中旬|上旬|下旬|双十一|双十二|春节|春節|までに|以内|之前|[QqHh][1-4]|FY\s?\d{2,4}", RegexOptions.CultureInvariant)]
    private static partial Regex CjkTimeframe();

    [GeneratedRegex(@"\d|[%％]|[一二三两四五六七八九十百千万半]+\s*(?:割|成|倍|分の|名|人|件|张|張|个|個|社|店|分钟|分|秒|時間|小时)", RegexOptions.CultureInvariant)]
    private static partial Regex CjkAmount();

    /// <summary>"90-day", "6-month", "two-week", "30/60/90".</summary>
    private static bool IsHyphenatedPeriod(ReadOnlySpan<char> w)
    {
        var dash = w.IndexOf('-');
        if (dash <= 0 || dash == w.Length - 1) return false;
        var head = w[..dash];
        var tail = w[(dash + 1)..];
        return (Words.HasDigit(head) || (Vocabulary.Classify(head) & WordClass.NumberWord) != 0)
            && (Vocabulary.Classify(tail) & WordClass.TimeUnit) != 0;
    }
}
