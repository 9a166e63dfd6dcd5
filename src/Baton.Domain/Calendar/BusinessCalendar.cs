using NodaTime;
using NodaTime.Extensions;
using NodaTime.TimeZones;
using NodaTime.Utility;

namespace Baton.Domain.Calendar;

/// <summary>
/// The team's business calendar: turns a clock's <see cref="BusinessDuration"/> into a due instant and
/// measures elapsed business time, in the team's IANA time zone, working days, working hours and holidays.
/// </summary>
/// <remarks>
/// <para>
/// A working day is a configured working weekday that is not a holiday. Its working period is the half-open
/// interval [<see cref="CalendarSpec.WorkStart"/>, <see cref="CalendarSpec.WorkEnd"/>) in local wall time,
/// so 17:00 with hours 09:00–17:00 is not working time. Business time is the real time elapsed inside working
/// periods: the clock does not run while the office is closed.
/// </para>
/// <para>
/// Local wall times are mapped to instants leniently: a wall time skipped by a spring-forward transition is
/// shifted forward by the length of the gap (02:30 becomes 03:30), and a wall time that occurs twice in a
/// fall-back transition takes the earlier occurrence (the first time the office clock shows it).
/// </para>
/// <para>
/// Instances are immutable and thread-safe. Nothing loops per minute: business days skip whole weeks
/// arithmetically, business hours walk one working day at a time, and business time over ranges longer than
/// two weeks is counted by whole weeks with a correction for days whose working period contains a transition.
/// </para>
/// </remarks>
public sealed class BusinessCalendar
{
    private readonly bool[] _workingWeekday = new bool[8]; // indexed by IsoDayOfWeek, 1 = Monday
    private readonly int _workingDaysPerWeek;
    private readonly HashSet<LocalDate> _holidays;
    private readonly LocalDate[] _holidaysOnWorkingWeekdays; // sorted, for counting in O(log n)
    private readonly LocalTime _workStart;
    private readonly LocalTime _workEnd;

    private BusinessCalendar(CalendarSpec spec, DateTimeZone zone)
    {
        Spec = spec;
        Zone = zone;
        foreach (var day in spec.WorkingDays)
        {
            _workingWeekday[(int)BclConversions.ToIsoDayOfWeek(day)] = true;
        }
        _workingDaysPerWeek = _workingWeekday.Count(w => w);
        _holidays = spec.Holidays.Select(LocalDate.FromDateOnly).ToHashSet();
        _holidaysOnWorkingWeekdays = _holidays.Where(d => _workingWeekday[(int)d.DayOfWeek]).Order().ToArray();
        _workStart = LocalTime.FromTimeOnly(spec.WorkStart);
        _workEnd = LocalTime.FromTimeOnly(spec.WorkEnd);
        WorkingDayLength = spec.WorkEnd - spec.WorkStart;
    }

    /// <summary>The specification this calendar was built from.</summary>
    public CalendarSpec Spec { get; }

    /// <summary>The team's time zone, from the TZDB data shipped with NodaTime.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The nominal length of a working day (work end minus work start, in wall time).</summary>
    public TimeSpan WorkingDayLength { get; }

    /// <summary>Builds a calendar from a valid spec.</summary>
    /// <exception cref="ArgumentException">The spec is invalid; the message says why.</exception>
    public static BusinessCalendar Create(CalendarSpec spec) =>
        TryCreate(spec, out var calendar, out var error) ? calendar! : throw new ArgumentException(error, nameof(spec));

    /// <summary>Builds a calendar, or explains in <paramref name="error"/> why the spec is not usable.</summary>
    public static bool TryCreate(CalendarSpec spec, out BusinessCalendar? calendar, out string? error)
    {
        calendar = null;
        error = Validate(spec, out var zone);
        if (error is not null)
        {
            return false;
        }
        calendar = new BusinessCalendar(spec, zone!);
        return true;
    }

    /// <summary>Whether <paramref name="id"/> is an IANA time zone id known to the TZDB data (ids are case-sensitive).</summary>
    public static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;

    /// <summary>Whether <paramref name="date"/> is a working weekday and not a holiday.</summary>
    public bool IsWorkingDay(LocalDate date) => _workingWeekday[(int)date.DayOfWeek] && !_holidays.Contains(date);

    /// <inheritdoc cref="IsWorkingDay(LocalDate)"/>
    public bool IsWorkingDay(DateOnly date) => IsWorkingDay(LocalDate.FromDateOnly(date));

    /// <summary>Whether <paramref name="instant"/> falls inside a working period (start inclusive, end exclusive).</summary>
    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var x = Instant.FromDateTimeOffset(instant);
        var date = x.InZone(Zone).Date;
        if (!IsWorkingDay(date))
        {
            return false;
        }
        var (start, end) = WorkingPeriod(date);
        return x >= start && x < end;
    }

    /// <summary>The due instant of a clock of length <paramref name="duration"/> started at <paramref name="startUtc"/>.</summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item><see cref="DurationUnit.BusinessDays"/>, start inside working time: the same local wall time,
    /// N working days later (Friday 16:00 + 1 = Monday 16:00).</item>
    /// <item><see cref="DurationUnit.BusinessDays"/>, start outside working time (weekend, holiday, before or
    /// after hours): the clock starts when the office next opens and runs N full working days, so the due
    /// instant is the end of the Nth working day counted from that opening (Saturday 10:00 + 1 = Monday 17:00;
    /// Monday 07:00 + 1 = Monday 17:00; Monday 18:00 + 1 = Tuesday 17:00).</item>
    /// <item><see cref="DurationUnit.BusinessHours"/>: N hours of working time; a start outside working time
    /// counts from the next opening, and a due instant that lands exactly on a closing time stays there
    /// rather than moving to the next opening.</item>
    /// <item><see cref="DurationUnit.Hours"/>: N hours of absolute elapsed time; the calendar is ignored.</item>
    /// </list>
    /// An amount of zero returns the start. The start may carry any offset (only the instant matters); the
    /// result carries a zero (UTC) offset.
    /// <para>
    /// <c>Add(Add(s, a), b) == Add(s, a + b)</c> holds for business hours from any start, and for business days
    /// from any start when no DST transition falls inside working hours: an out-of-hours start is due at a
    /// closing time, which is itself out of hours, so the second step counts from the same next opening.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or the unit is unknown.</exception>
    public DateTimeOffset Add(DateTimeOffset startUtc, BusinessDuration duration)
    {
        if (duration.Amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration.Amount, "A clock's duration cannot be negative.");
        }
        var start = Instant.FromDateTimeOffset(startUtc);
        if (duration.Amount == 0)
        {
            return start.ToDateTimeOffset();
        }
        var due = duration.Unit switch
        {
            DurationUnit.BusinessDays => AddBusinessDays(start, duration.Amount),
            DurationUnit.BusinessHours => AddBusinessTime(start, NodaTime.Duration.FromHours(duration.Amount)),
            DurationUnit.Hours => start + NodaTime.Duration.FromHours(duration.Amount),
            _ => throw new ArgumentOutOfRangeException(nameof(duration), duration.Unit, "Unknown duration unit."),
        };
        return due.ToDateTimeOffset();
    }

    /// <summary>
    /// The working time elapsed between two instants: the real time of [from, to) that lies inside working periods.
    /// </summary>
    /// <remarks>
    /// Antisymmetric: when <paramref name="toUtc"/> is before <paramref name="fromUtc"/> the result is the negated
    /// business time of [to, from), and it is zero when they are equal. On a day whose working period contains
    /// a DST transition, that day counts its real length (an hour more or less than <see cref="WorkingDayLength"/>).
    /// </remarks>
    public TimeSpan BusinessTimeBetween(DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var from = Instant.FromDateTimeOffset(fromUtc);
        var to = Instant.FromDateTimeOffset(toUtc);
        return to >= from ? Between(from, to).ToTimeSpan() : -Between(to, from).ToTimeSpan();
    }

    /// <summary>
    /// Business time between two instants in working days of <see cref="WorkingDayLength"/>, for metrics
    /// ("acknowledged in 0.4 business days"). Negative when <paramref name="toUtc"/> is before <paramref name="fromUtc"/>.
    /// </summary>
    public double BusinessDaysBetween(DateTimeOffset fromUtc, DateTimeOffset toUtc) =>
        (double)BusinessTimeBetween(fromUtc, toUtc).Ticks / WorkingDayLength.Ticks;

    /// <summary>The <paramref name="count"/>th working day after <paramref name="date"/> (which need not be working); count 0 is the date itself.</summary>
    public LocalDate PlusWorkingDays(LocalDate date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // Every run of 7 days holds exactly _workingDaysPerWeek working weekdays; holidays among them are
        // counted by binary search, so large counts cost O(log holidays) per skip instead of a day loop.
        while (count > 2 * _workingDaysPerWeek)
        {
            var weeks = (count - 1) / _workingDaysPerWeek;
            var target = date.PlusWeeks(weeks);
            var passed = weeks * _workingDaysPerWeek - HolidaysIn(date, target);
            count -= passed;
            date = target;
        }
        while (count > 0)
        {
            date = date.PlusDays(1);
            if (IsWorkingDay(date))
            {
                count--;
            }
        }
        return date;
    }

    private Instant AddBusinessDays(Instant start, int days)
    {
        var local = start.InZone(Zone);
        var date = local.Date;
        if (IsWorkingDay(date))
        {
            var (open, close) = WorkingPeriod(date);
            if (start >= open && start < close)
            {
                return Resolve(PlusWorkingDays(date, days) + local.TimeOfDay);
            }
            if (start < open)
            {
                return WorkingPeriod(PlusWorkingDays(date, days - 1)).Close;
            }
        }
        // Closed for the rest of the date: the first of the N days is the next working day.
        return WorkingPeriod(PlusWorkingDays(date, days)).Close;
    }

    private Instant AddBusinessTime(Instant start, NodaTime.Duration amount)
    {
        var date = start.InZone(Zone).Date;
        var cursor = start;
        if (!IsWorkingDay(date) || start >= WorkingPeriod(date).Close)
        {
            date = PlusWorkingDays(date, 1);
        }
        while (true)
        {
            var (open, close) = WorkingPeriod(date);
            if (cursor < open)
            {
                cursor = open;
            }
            var available = close - cursor;
            if (amount <= available)
            {
                return cursor + amount;
            }
            amount -= available;
            date = PlusWorkingDays(date, 1);
        }
    }

    private NodaTime.Duration Between(Instant from, Instant to)
    {
        var first = from.InZone(Zone).Date;
        var last = to.InZone(Zone).Date;
        if (NodaTime.Period.Between(first, last, PeriodUnits.Days).Days <= 14)
        {
            return BetweenDayByDay(from, to);
        }
        // The two partial days are measured; the days in between are counted arithmetically at the nominal
        // length, then corrected for the few days whose working period contains a zone transition.
        var middleFirst = first.PlusDays(1);
        var middleLast = last.PlusDays(-1);
        var middle = NodaTime.Duration.FromTicks(WorkingDayLength.Ticks) * WorkingDaysFrom(middleFirst, middleLast)
            + TransitionCorrection(middleFirst, middleLast);
        return Overlap(first, from, to) + middle + Overlap(last, from, to);
    }

    /// <summary>The reference implementation of <see cref="Between"/>: one period per day.</summary>
    internal NodaTime.Duration BetweenDayByDay(Instant from, Instant to)
    {
        var total = NodaTime.Duration.Zero;
        var last = to.InZone(Zone).Date;
        for (var date = from.InZone(Zone).Date; date <= last; date = date.PlusDays(1))
        {
            total += Overlap(date, from, to);
        }
        return total;
    }

    private NodaTime.Duration Overlap(LocalDate date, Instant from, Instant to)
    {
        if (!IsWorkingDay(date))
        {
            return NodaTime.Duration.Zero;
        }
        var (open, close) = WorkingPeriod(date);
        var lo = open > from ? open : from;
        var hi = close < to ? close : to;
        return hi > lo ? hi - lo : NodaTime.Duration.Zero;
    }

    /// <summary>Working days in [first, last], counted by whole weeks plus at most six loose days.</summary>
    private long WorkingDaysFrom(LocalDate first, LocalDate last)
    {
        var days = NodaTime.Period.Between(first, last.PlusDays(1), PeriodUnits.Days).Days;
        var weeks = days / 7;
        long count = (long)weeks * _workingDaysPerWeek;
        for (var date = first.PlusWeeks(weeks); date <= last; date = date.PlusDays(1))
        {
            if (_workingWeekday[(int)date.DayOfWeek])
            {
                count++;
            }
        }
        return count - HolidaysIn(first.PlusDays(-1), last);
    }

    private NodaTime.Duration TransitionCorrection(LocalDate first, LocalDate last)
    {
        var correction = NodaTime.Duration.Zero;
        var end = Zone.AtStartOfDay(last.PlusDays(1)).ToInstant();
        // Start a day early so that a transition at the very start of the first day is not missed.
        var interval = Zone.GetZoneInterval(Zone.AtStartOfDay(first).ToInstant() - NodaTime.Duration.FromDays(1));
        LocalDate? previous = null;
        while (interval.HasEnd && interval.End < end)
        {
            var transition = interval.End;
            foreach (var date in new[] { (transition - NodaTime.Duration.Epsilon).InZone(Zone).Date, transition.InZone(Zone).Date })
            {
                if (date != previous && date >= first && date <= last && IsWorkingDay(date))
                {
                    var (open, close) = WorkingPeriod(date);
                    correction += close - open - NodaTime.Duration.FromTicks(WorkingDayLength.Ticks);
                }
                previous = date;
            }
            interval = Zone.GetZoneInterval(transition);
        }
        return correction;
    }

    private (Instant Open, Instant Close) WorkingPeriod(LocalDate date)
    {
        var open = Resolve(date + _workStart);
        var close = Resolve(date + _workEnd);
        return (open, close > open ? close : open);
    }

    // Skipped wall times move forward by the gap; ambiguous ones take the earlier occurrence.
    private Instant Resolve(LocalDateTime local) => Zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();

    private int HolidaysIn(LocalDate afterExclusive, LocalDate untilInclusive) =>
        CountOnOrBefore(untilInclusive) - CountOnOrBefore(afterExclusive);

    private int CountOnOrBefore(LocalDate date)
    {
        var index = Array.BinarySearch(_holidaysOnWorkingWeekdays, date);
        return index >= 0 ? index + 1 : ~index;
    }

    private static string? Validate(CalendarSpec? spec, out DateTimeZone? zone)
    {
        zone = null;
        if (spec is null)
        {
            return "the calendar is missing";
        }
        if (string.IsNullOrWhiteSpace(spec.TimeZone))
        {
            return "the calendar has no time zone: give an IANA id such as 'America/New_York'";
        }
        zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(spec.TimeZone);
        if (zone is null)
        {
            var suggestions = SuggestTimeZones(spec.TimeZone);
            var hint = suggestions.Count == 0 ? "" : $"; did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
            return $"'{spec.TimeZone}' is not a known IANA time zone{hint}";
        }
        if (spec.WorkingDays is null || spec.WorkingDays.Count == 0)
        {
            return "the calendar has no working days: list at least one, e.g. Monday to Friday";
        }
        var invalidDay = spec.WorkingDays.Where(d => !Enum.IsDefined(d)).Select(d => (int?)d).FirstOrDefault();
        if (invalidDay is not null)
        {
            return $"{invalidDay} is not a day of the week";
        }
        if (spec.WorkEnd <= spec.WorkStart)
        {
            return $"working hours end at {Hhmm(spec.WorkEnd)}, which is not after their start at {Hhmm(spec.WorkStart)}; working hours must lie within one day";
        }
        if (spec.Holidays is null)
        {
            return "the calendar's holiday list is missing (it may be empty)";
        }
        return null;
    }

    /// <summary>Close matches for a mistyped zone id: same id in another case, a Windows id, or a small edit away.</summary>
    public static IReadOnlyList<string> SuggestTimeZones(string id)
    {
        var ids = DateTimeZoneProviders.Tzdb.Ids;
        var normalized = id.Trim().Replace(' ', '_');
        var sameIgnoringCase = ids.Where(z => string.Equals(z, normalized, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sameIgnoringCase.Count > 0)
        {
            return sameIgnoringCase;
        }
        if (TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping.TryGetValue(id.Trim(), out var fromWindows))
        {
            return [fromWindows];
        }
        var sameCity = ids.Where(z => string.Equals(z[(z.LastIndexOf('/') + 1)..], normalized, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sameCity.Count > 0)
        {
            return sameCity.Take(3).ToList();
        }
        var lower = normalized.ToLowerInvariant();
        return ids
            .Select(z => (Id: z, Distance: EditDistance(z.ToLowerInvariant(), lower)))
            .Where(c => c.Distance <= Math.Max(1, lower.Length / 6))
            .OrderBy(c => c.Distance).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.Id)
            .ToList();
    }

    private static string Hhmm(TimeOnly time) => time.ToString("HH':'mm", System.Globalization.CultureInfo.InvariantCulture);

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
