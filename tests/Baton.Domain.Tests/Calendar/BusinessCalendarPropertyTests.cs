using CsCheck;
using NodaTime;
using static Baton.Domain.Calendar.Tests.Calendars;

namespace Baton.Domain.Calendar.Tests;

/// <summary>
/// Laws of the calendar over random starts (2025-2029, to the second) and the regular calendars: those with
/// no DST transition inside working hours, where every working day has <see cref="BusinessCalendar.WorkingDayLength"/>.
/// </summary>
public sealed class BusinessCalendarPropertyTests
{
    private static readonly Gen<BusinessCalendar> GenCalendar = Gen.OneOf(Regular).Select(Get);
    private static readonly Gen<BusinessCalendar> GenAnyCalendar = Gen.OneOf(All).Select(Get);

    private static readonly Gen<DateTimeOffset> GenInstant =
        Gen.Long[new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), new DateTimeOffset(2029, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()]
            .Select(DateTimeOffset.FromUnixTimeSeconds);

    // Half the starts fall exactly on an hour, which is where opening and closing edges live.
    private static readonly Gen<DateTimeOffset> GenStart = Gen.Frequency(
        (1, GenInstant),
        (1, GenInstant.Select(i => new DateTimeOffset(i.Year, i.Month, i.Day, i.Hour, i.Minute % 2 * 30, 0, TimeSpan.Zero))));

    private const long Iterations = 2_000;

    private static readonly Gen<int> GenDays = Gen.Int[1, 40];
    private static readonly Gen<int> GenHours = Gen.Int[1, 200];

    private static LocalDate LocalDateOf(BusinessCalendar calendar, DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(calendar.Zone).Date;

    // Working time, or exactly a closing time (the end of a working day); never a closed day.
    private static bool IsWorkingTimeOrClose(BusinessCalendar calendar, DateTimeOffset instant) =>
        calendar.IsWorkingTime(instant) ||
        (calendar.IsWorkingDay(LocalDateOf(calendar, instant)) && calendar.IsWorkingTime(instant.AddTicks(-1)));

    [Fact]
    public void Add_BusinessDays_LandsOnWorkingTimeOfAWorkingDay() =>
        Gen.Select(GenCalendar, GenStart, GenDays).Sample((calendar, start, n) =>
        {
            var due = calendar.Add(start, new BusinessDuration(n, DurationUnit.BusinessDays));
            return IsWorkingTimeOrClose(calendar, due) && !calendar.Spec.Holidays.Contains(LocalDateOf(calendar, due).ToDateOnly());
        }, iter: Iterations);

    [Fact]
    public void Add_BusinessHours_LandsOnWorkingTimeOfAWorkingDay() =>
        Gen.Select(GenAnyCalendar, GenStart, GenHours).Sample((calendar, start, n) =>
            IsWorkingTimeOrClose(calendar, calendar.Add(start, new BusinessDuration(n, DurationUnit.BusinessHours))), iter: Iterations);

    [Fact]
    public void Add_IsStrictlyMonotonicInAmount() =>
        Gen.Select(GenAnyCalendar, GenStart, GenDays, Gen.OneOf(DurationUnit.BusinessDays, DurationUnit.BusinessHours, DurationUnit.Hours))
            .Sample((calendar, start, n, unit) =>
                calendar.Add(start, new BusinessDuration(n + 1, unit)) > calendar.Add(start, new BusinessDuration(n, unit))
                && calendar.Add(start, new BusinessDuration(n, unit)) > start, iter: Iterations);

    [Fact]
    public void BusinessTimeBetween_StartAndAddedBusinessHours_IsThoseHours() =>
        Gen.Select(GenAnyCalendar, GenStart, GenHours).Sample((calendar, start, n) =>
            calendar.BusinessTimeBetween(start, calendar.Add(start, new BusinessDuration(n, DurationUnit.BusinessHours))) == TimeSpan.FromHours(n), iter: Iterations);

    [Fact]
    public void BusinessDaysBetween_StartAndAddedBusinessDays_IsThoseDays() =>
        Gen.Select(GenCalendar, GenStart, GenDays).Sample((calendar, start, n) =>
            calendar.BusinessDaysBetween(start, calendar.Add(start, new BusinessDuration(n, DurationUnit.BusinessDays))) == n, iter: Iterations);

    [Fact]
    public void Add_BusinessDaysFromWorkingTime_KeepsTheLocalWallTime() =>
        Gen.Select(GenCalendar, GenStart, GenDays).Where((calendar, start, _) => calendar.IsWorkingTime(start))
            .Sample((calendar, start, n) =>
            {
                var due = calendar.Add(start, new BusinessDuration(n, DurationUnit.BusinessDays));
                return Instant.FromDateTimeOffset(due).InZone(calendar.Zone).TimeOfDay == Instant.FromDateTimeOffset(start).InZone(calendar.Zone).TimeOfDay;
            }, iter: Iterations);

    [Fact]
    public void Add_BusinessDays_ComposesForEveryStart() =>
        Gen.Select(GenCalendar, GenStart, GenDays, GenDays).Sample((calendar, start, a, b) =>
            calendar.Add(calendar.Add(start, new BusinessDuration(a, DurationUnit.BusinessDays)), new BusinessDuration(b, DurationUnit.BusinessDays))
            == calendar.Add(start, new BusinessDuration(a + b, DurationUnit.BusinessDays)), iter: Iterations);

    [Fact]
    public void Add_BusinessHours_ComposesForEveryStart() =>
        Gen.Select(GenAnyCalendar, GenStart, GenHours, GenHours).Sample((calendar, start, a, b) =>
            calendar.Add(calendar.Add(start, new BusinessDuration(a, DurationUnit.BusinessHours)), new BusinessDuration(b, DurationUnit.BusinessHours))
            == calendar.Add(start, new BusinessDuration(a + b, DurationUnit.BusinessHours)), iter: Iterations);

    [Fact]
    public void Add_Hours_IsElapsedTime() =>
        Gen.Select(GenAnyCalendar, GenStart, GenHours).Sample((calendar, start, n) =>
            calendar.Add(start, new BusinessDuration(n, DurationUnit.Hours)) - start == TimeSpan.FromHours(n), iter: Iterations);

    [Fact]
    public void BusinessTimeBetween_IsAntisymmetricAndAdditive() =>
        Gen.Select(GenAnyCalendar, GenInstant, GenInstant, GenInstant).Sample((calendar, x, y, z) =>
            calendar.BusinessTimeBetween(x, y) == -calendar.BusinessTimeBetween(y, x)
            && calendar.BusinessTimeBetween(x, y) + calendar.BusinessTimeBetween(y, z) == calendar.BusinessTimeBetween(x, z), iter: Iterations);

    [Fact]
    public void BusinessTimeBetween_NeverExceedsElapsedTime() =>
        Gen.Select(GenAnyCalendar, GenInstant, Gen.Int[0, 30 * 24 * 60]).Sample((calendar, from, minutes) =>
        {
            var between = calendar.BusinessTimeBetween(from, from.AddMinutes(minutes));
            return between >= TimeSpan.Zero && between <= TimeSpan.FromMinutes(minutes);
        }, iter: Iterations);

    [Fact]
    public void PlusWorkingDays_MatchesDayByDayCount() =>
        Gen.Select(GenCalendar, GenInstant, Gen.Int[0, 300]).Sample((calendar, instant, n) =>
        {
            var date = LocalDateOf(calendar, instant);
            var expected = date;
            for (var left = n; left > 0;)
            {
                expected = expected.PlusDays(1);
                if (calendar.IsWorkingDay(expected))
                {
                    left--;
                }
            }
            return calendar.PlusWorkingDays(date, n) == expected;
        }, iter: Iterations);

    [Fact]
    public void BusinessTimeBetween_LongRanges_MatchesDayByDaySum() =>
        Gen.Select(GenAnyCalendar, GenInstant, Gen.Int[0, 3 * 365 * 24]).Sample((calendar, from, hours) =>
        {
            var to = from.AddHours(hours);
            return calendar.BusinessTimeBetween(from, to).Ticks
                == calendar.BetweenDayByDay(Instant.FromDateTimeOffset(from), Instant.FromDateTimeOffset(to)).BclCompatibleTicks;
        }, iter: Iterations);

    [Fact]
    public void BusinessTimeBetween_RangesBeginningBesideEveryTransition_MatchesDayByDaySum()
    {
        foreach (var name in All)
        {
            var calendar = Get(name);
            var from = Instant.FromUtc(2025, 1, 1, 0, 0);
            var until = Instant.FromUtc(2030, 1, 1, 0, 0);
            foreach (var interval in calendar.Zone.GetZoneIntervals(from, until).Skip(1))
            {
                var transitionDay = interval.Start.InZone(calendar.Zone).Date;
                for (var shift = -2; shift <= 1; shift++)
                {
                    // The range's first full day is the transition day or one beside it.
                    var start = calendar.Zone.AtStartOfDay(transitionDay.PlusDays(shift - 1)).ToInstant() + Duration.FromHours(12);
                    var end = start + Duration.FromDays(20);
                    Assert.Equal(
                        calendar.BetweenDayByDay(start, end).ToTimeSpan(),
                        calendar.BusinessTimeBetween(start.ToDateTimeOffset(), end.ToDateTimeOffset()));
                }
            }
        }
    }
}
