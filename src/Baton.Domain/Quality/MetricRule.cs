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
internal static class MetricRule
{
    public static Verdict Check(ReadOnlySpan<char> value)
    {
        Span<Range> buffer = stackalloc Range[128];
        var words = new Words(value, buffer);
        Span<bool> inTimeframe = stackalloc bool[words.Count];
        var timeframe = false;
        var durationNumber = false;   // "within 7 business days": a number that sets the period
        var calendarAnchor = false;   // "from January", "by Q2": a period named without a duration

        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (IsCalendarWord(w))
            {
                timeframe = inTimeframe[i] = calendarAnchor = true;
            }
            else if (IsMonth(w, words[i - 1], words[i + 1]))
            {
                timeframe = inTimeframe[i] = calendarAnchor = true;
                // "15 Feb", "Feb 15", "March 2027"
                if (IsDayOrYear(words[i + 1])) inTimeframe[i + 1] = true;
                if (i > 0 && IsDayOrYear(words[i - 1])) inTimeframe[i - 1] = true;
            }
            else if (Vocabulary.TimeUnit.Contains(w))
            {
                var prev = words[i - 1];
                if (IsNumberish(prev) && !Vocabulary.Rate.Contains(words[i - 2])
                    && (Vocabulary.DeadlineMarker.Contains(words[i - 2]) || Vocabulary.OrdinalLead.Contains(words[i - 2])
                        || Vocabulary.Relative.Contains(words[i + 1]) || IsUnder(words[i - 2], words[i - 3])))
                {
                    timeframe = inTimeframe[i] = inTimeframe[i - 1] = durationNumber = true;
                }
                else if (Vocabulary.OrdinalLead.Contains(prev))
                {
                    timeframe = inTimeframe[i] = true;
                }
                else if (IsNumberish(words[i + 1]) && !Vocabulary.Rate.Contains(prev))
                {
                    // "day 90", "month 3", "Tag 30"
                    timeframe = inTimeframe[i] = inTimeframe[i + 1] = true;
                }
            }
            else if (IsHyphenatedPeriod(w))
            {
                timeframe = inTimeframe[i] = true;
            }
            else if (IsEndOf(w, words[i + 1]))
            {
                timeframe = inTimeframe[i] = true;
            }
            else if (Vocabulary.StrongDeadline.Contains(w) && i + 1 < words.Count)
            {
                timeframe = inTimeframe[i] = true;
                if (IsNumberish(words[i + 1]) && Vocabulary.TimeUnit.Contains(words[i + 2])) inTimeframe[i + 1] = true;
            }
            else if (Vocabulary.DeadlineMarker.Contains(w))
            {
                // "by 20%" is an amount, "by Q2", "by the end of March", "before renewal" are moments.
                if (IsNumberish(words[i + 1]) && !IsCalendarWord(words[i + 1]) && !Vocabulary.TimeUnit.Contains(words[i + 2]))
                    continue;
                for (var j = i + 1; j <= i + 4 && j < words.Count; j++)
                {
                    var a = words[j];
                    if (Vocabulary.Moment.Contains(a) && !w.Equals("in", StringComparison.OrdinalIgnoreCase)
                        || IsCalendarWord(a) || IsMonth(a, words[j - 1], words[j + 1]))
                    {
                        timeframe = inTimeframe[i] = inTimeframe[j] = true;
                        if (IsNumberish(words[j + 1])) inTimeframe[j + 1] = true;
                        break;
                    }
                    if (Vocabulary.TimeUnit.Contains(a) && IsNumberish(words[j - 1]) || Vocabulary.TimeUnit.Contains(a) && Vocabulary.OrdinalLead.Contains(words[j - 1]))
                    {
                        timeframe = inTimeframe[i] = inTimeframe[j] = inTimeframe[j - 1] = true;
                        durationNumber |= IsNumberish(words[j - 1]);
                        break;
                    }
                }
            }
        }

        var number = false;
        var milestone = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (!inTimeframe[i] && IsNumberish(words[i])) number = true;
            // A milestone, or a duration metric ("time to first dashboard under 14 days"), is judged by its deadline.
            if (Vocabulary.Milestone.Contains(words[i])
                || (words[i].Equals("time", StringComparison.OrdinalIgnoreCase) && words[i + 1].Equals("to", StringComparison.OrdinalIgnoreCase))
                || words[i].StartsWith("time-to", StringComparison.OrdinalIgnoreCase))
                milestone = true;
        }
        // A deadline to meet from a named start ("kickoff within 7 business days, from January") is the number.
        if (!number && durationNumber && calendarAnchor) number = true;
        if (!number && !(timeframe && milestone))
            return new Verdict(VerdictKind.Vague, RuleIds.MetricNoNumber, "a success metric needs a number to judge by, e.g. \"from 1,200 to under 300\"");
        if (!timeframe)
            return new Verdict(VerdictKind.Vague, RuleIds.MetricNoTimeframe, "a success metric needs a time frame, e.g. \"within 90 days of go-live\" or \"by Q2\"");
        return Verdict.Good;
    }

    private static bool IsNumberish(ReadOnlySpan<char> w) => Words.HasDigit(w) || Vocabulary.NumberWord.Contains(w);

    private static bool IsUnder(ReadOnlySpan<char> w, ReadOnlySpan<char> before) =>
        w.Equals("than", StringComparison.OrdinalIgnoreCase) && before.Equals("less", StringComparison.OrdinalIgnoreCase);

    private static bool IsDayOrYear(ReadOnlySpan<char> w)
    {
        var digits = w.TrimEnd("stndrh.".AsSpan());
        return digits.Length is >= 1 and <= 4 && FieldValueParser.IsAllDigits(digits);
    }

    private static bool IsEndOf(ReadOnlySpan<char> w, ReadOnlySpan<char> next) =>
        w.Equals("ende", StringComparison.OrdinalIgnoreCase) || w.Equals("eoy", StringComparison.OrdinalIgnoreCase)
        || (w.Equals("end", StringComparison.OrdinalIgnoreCase) || w.Equals("fin", StringComparison.OrdinalIgnoreCase) || w.Equals("fine", StringComparison.OrdinalIgnoreCase))
            && (next.Equals("of", StringComparison.OrdinalIgnoreCase) || next.Equals("de", StringComparison.OrdinalIgnoreCase) || next.Equals("del", StringComparison.OrdinalIgnoreCase) || next.Equals("di", StringComparison.OrdinalIgnoreCase));

    /// <summary>"May" is a month only where a date is plainly meant ("by May", "May 15"), not in "may reduce".</summary>
    private static bool IsMonth(ReadOnlySpan<char> w, ReadOnlySpan<char> prev, ReadOnlySpan<char> next)
    {
        if (w.Equals("may", StringComparison.OrdinalIgnoreCase))
            return Vocabulary.DeadlineMarker.Contains(prev) || prev.Equals("of", StringComparison.OrdinalIgnoreCase) || IsDayOrYear(next);
        return Vocabulary.Month.Contains(w);
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
        // 3/31, 31/3/2027, 2026-03-31
        var sep = w.IndexOfAny('/', '-');
        if (sep > 0 && char.IsAsciiDigit(w[0]) && char.IsAsciiDigit(w[^1]))
        {
            foreach (var c in w)
                if (!char.IsAsciiDigit(c) && c != '/' && c != '-' && c != '.') return false;
            return true;
        }
        return false;
    }

    /// <summary>"90-day", "6-month", "two-week", "30/60/90".</summary>
    private static bool IsHyphenatedPeriod(ReadOnlySpan<char> w)
    {
        var dash = w.IndexOf('-');
        if (dash <= 0 || dash == w.Length - 1) return false;
        var head = w[..dash];
        var tail = w[(dash + 1)..];
        return (Words.HasDigit(head) || Vocabulary.NumberWord.Contains(head)) && Vocabulary.TimeUnit.Contains(tail);
    }
}
