using NodaTime;
using static Baton.Domain.Calendar.Tests.Calendars;

namespace Baton.Domain.Calendar.Tests;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessDuration OneDay = new(1, DurationUnit.BusinessDays);

    private static void AssertDue(string calendar, string start, int amount, DurationUnit unit, string expected)
    {
        var due = Get(calendar).Add(At(start), new BusinessDuration(amount, unit));
        Assert.Equal(At(expected), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void Add_OneBusinessDayFromFriday1600_IsMonday1600() =>
        AssertDue("ny", "2026-11-20T16:00-05:00", 1, DurationUnit.BusinessDays, "2026-11-23T16:00-05:00");

    [Theory]
    [InlineData("ny", "2026-11-25T10:00-05:00", 1, "2026-11-30T10:00-05:00")] // Thanksgiving Thu and Fri skipped
    [InlineData("ny", "2026-11-25T10:00-05:00", 3, "2026-12-02T10:00-05:00")]
    [InlineData("ny", "2026-11-23T10:00-05:00", 7, "2026-12-04T10:00-05:00")] // kickoff clock over the holiday
    [InlineData("ny", "2026-11-23T09:00-05:00", 1, "2026-11-24T09:00-05:00")] // opening time is working time
    [InlineData("london", "2026-12-24T17:00+00:00", 1, "2026-12-29T17:00+00:00")] // Christmas and the substitute day
    [InlineData("kolkata", "2026-11-06T18:00+05:30", 1, "2026-11-10T18:00+05:30")]
    [InlineData("dubai", "2026-11-19T15:00+04:00", 1, "2026-11-22T15:00+04:00")] // Thursday to Sunday
    [InlineData("tokyo", "2026-11-20T17:00+09:00", 1, "2026-11-24T17:00+09:00")]
    public void Add_BusinessDaysFromWorkingTime_IsSameWallTimeOnNthWorkingDay(string calendar, string start, int days, string expected) =>
        AssertDue(calendar, start, days, DurationUnit.BusinessDays, expected);

    [Theory]
    [InlineData("ny", "2026-11-21T10:00-05:00", 1, "2026-11-23T17:00-05:00")] // Saturday: end of Monday
    [InlineData("ny", "2026-11-22T23:59-05:00", 3, "2026-11-25T17:00-05:00")] // Sunday night: end of Wednesday
    [InlineData("ny", "2026-11-26T11:00-05:00", 1, "2026-11-30T17:00-05:00")] // on a holiday
    [InlineData("ny", "2026-11-23T07:00-05:00", 1, "2026-11-23T17:00-05:00")] // before opening: end of the same day
    [InlineData("ny", "2026-11-23T18:00-05:00", 1, "2026-11-24T17:00-05:00")] // after closing: end of the next day
    [InlineData("ny", "2026-11-23T17:00-05:00", 1, "2026-11-24T17:00-05:00")] // closing time is not working time
    [InlineData("kolkata", "2026-11-06T19:00+05:30", 1, "2026-11-10T18:30+05:30")]
    [InlineData("dubai", "2026-11-20T10:00+04:00", 1, "2026-11-22T16:00+04:00")] // Friday is the weekend
    public void Add_BusinessDaysFromOutsideWorkingTime_IsEndOfNthWorkingDay(string calendar, string start, int days, string expected) =>
        AssertDue(calendar, start, days, DurationUnit.BusinessDays, expected);

    [Theory]
    [InlineData("ny", "2026-10-30T10:00-04:00", 1, "2026-11-02T10:00-05:00")] // fall-back on Sunday 2026-11-01
    [InlineData("ny", "2027-03-12T10:00-05:00", 1, "2027-03-15T10:00-04:00")] // spring-forward on Sunday 2027-03-14
    [InlineData("london", "2027-03-25T10:00+00:00", 1, "2027-03-30T10:00+01:00")] // Easter and BST together
    [InlineData("ny-night", "2027-03-13T02:30-05:00", 1, "2027-03-14T03:30-04:00")] // 02:30 does not exist: shifted by the gap
    [InlineData("ny-night", "2026-10-31T01:30-04:00", 1, "2026-11-01T01:30-04:00")] // 01:30 happens twice: the earlier
    [InlineData("santiago-all-day", "2026-09-05T00:00-04:00", 1, "2026-09-06T01:00-03:00")] // midnight skipped: the day opens at 01:00
    [InlineData("santiago-all-day", "2026-04-03T23:30-03:00", 1, "2026-04-04T23:00-03:00")] // closing 23:00 happens twice: the earlier
    public void Add_BusinessDaysAcrossDst_KeepsLocalWallTime(string calendar, string start, int days, string expected) =>
        AssertDue(calendar, start, days, DurationUnit.BusinessDays, expected);

    [Theory]
    [InlineData("ny", "2026-11-16T09:00-05:00", 48, "2026-11-23T17:00-05:00")] // 48 business hours = 6 working days of 8h
    [InlineData("ny", "2026-11-20T16:00-05:00", 48, "2026-12-02T16:00-05:00")] // across a weekend and Thanksgiving
    [InlineData("ny", "2026-11-21T10:00-05:00", 4, "2026-11-23T13:00-05:00")] // Saturday: counts from Monday's opening
    [InlineData("ny", "2026-11-23T09:00-05:00", 8, "2026-11-23T17:00-05:00")] // lands on closing time and stays there
    [InlineData("ny", "2027-03-12T16:00-05:00", 2, "2027-03-15T10:00-04:00")] // across spring-forward
    [InlineData("london", "2027-03-25T16:30+00:00", 2, "2027-03-30T10:00+01:00")]
    [InlineData("kolkata", "2026-11-02T09:30+05:30", 48, "2026-11-10T12:30+05:30")] // 9h days, holiday on the 9th
    [InlineData("kolkata", "2026-11-06T12:00+00:00", 2, "2026-11-10T05:00+00:00")] // start given in UTC
    [InlineData("ny-night", "2027-03-14T01:00-05:00", 3, "2027-03-14T05:00-04:00")] // the short night has 3 real hours
    [InlineData("ny-night", "2027-03-14T01:00-05:00", 4, "2027-03-15T02:00-04:00")]
    public void Add_BusinessHours_CountsOnlyWorkingTime(string calendar, string start, int hours, string expected) =>
        AssertDue(calendar, start, hours, DurationUnit.BusinessHours, expected);

    [Theory]
    [InlineData("ny", "2026-11-20T16:00-05:00", 24, "2026-11-21T16:00-05:00")] // Friday to Saturday: weekend ignored
    [InlineData("ny", "2026-11-21T12:00-05:00", 24, "2026-11-22T12:00-05:00")]
    [InlineData("ny", "2026-11-25T12:00-05:00", 24, "2026-11-26T12:00-05:00")] // holiday ignored
    [InlineData("ny", "2027-03-13T12:00-05:00", 24, "2027-03-14T13:00-04:00")] // 24 elapsed hours over spring-forward
    [InlineData("ny", "2026-10-31T12:00-04:00", 24, "2026-11-01T11:00-05:00")] // and over fall-back
    [InlineData("kolkata", "2026-11-06T18:00+05:30", 48, "2026-11-08T18:00+05:30")]
    public void Add_Hours_IsElapsedTime(string calendar, string start, int hours, string expected) =>
        AssertDue(calendar, start, hours, DurationUnit.Hours, expected);

    [Fact]
    public void Add_ZeroAmount_ReturnsStart() =>
        Assert.Equal(At("2026-11-21T10:00-05:00"), Get("ny").Add(At("2026-11-21T10:00-05:00"), new BusinessDuration(0, DurationUnit.BusinessDays)));

    [Fact]
    public void Add_NegativeAmount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Get("ny").Add(At("2026-11-23T10:00-05:00"), new BusinessDuration(-1, DurationUnit.BusinessHours)));

    [Fact]
    public void Add_ThousandBusinessDays_SkipsWeeksAndHolidays()
    {
        // 1,000 Monday-to-Friday days from Monday 2026-11-23 = 200 weeks = 2030-09-23, plus the 5 holidays
        // that fall on weekdays in between (all in the calendar) = Monday 2030-09-30.
        var due = Get("ny").Add(At("2026-11-23T10:00-05:00"), new BusinessDuration(1000, DurationUnit.BusinessDays));
        Assert.Equal(At("2030-09-30T10:00-04:00"), due);
    }

    [Theory]
    [InlineData("ny", "2026-11-20T16:00-05:00", "2026-11-23T10:00-05:00", 2.0)] // Friday evening to Monday morning
    [InlineData("ny", "2026-11-25T16:00-05:00", "2026-11-30T10:00-05:00", 2.0)] // over Thanksgiving
    [InlineData("ny", "2026-11-21T08:00-05:00", "2026-11-22T20:00-05:00", 0.0)] // all weekend
    [InlineData("ny", "2026-11-23T10:00-05:00", "2026-11-23T10:00-05:00", 0.0)]
    [InlineData("ny", "2026-11-23T10:00-05:00", "2026-11-20T16:00-05:00", -2.0)] // reversed: negated
    [InlineData("ny", "2026-11-16T09:00-05:00", "2026-11-23T17:00-05:00", 48.0)]
    [InlineData("ny-night", "2027-03-14T00:00-05:00", "2027-03-14T06:00-04:00", 3.0)] // short night
    [InlineData("ny-night", "2026-11-01T00:00-04:00", "2026-11-01T06:00-05:00", 5.0)] // long night
    [InlineData("kolkata", "2026-11-06T12:00+00:00", "2026-11-10T05:00+00:00", 2.0)]
    [InlineData("santiago-all-day", "2026-09-05T12:00-04:00", "2026-09-07T12:00-03:00", 45.0)] // 11 + 22 + 12
    public void BusinessTimeBetween_Examples(string calendar, string from, string to, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), Get(calendar).BusinessTimeBetween(At(from), At(to)));

    [Fact]
    public void BusinessDaysBetween_AcknowledgedAfterThreeHoursTwelve_IsPointFour() =>
        Assert.Equal(0.4, Get("ny").BusinessDaysBetween(At("2026-11-23T09:00-05:00"), At("2026-11-23T12:12-05:00")), 12);

    [Fact]
    public void BusinessDaysBetween_FridayToMondaySameTime_IsOne() =>
        Assert.Equal(1.0, Get("ny").BusinessDaysBetween(At("2026-11-20T16:00-05:00"), At("2026-11-23T16:00-05:00")));

    [Theory]
    [InlineData("ny", 2026, 11, 25, true)]
    [InlineData("ny", 2026, 11, 26, false)] // Thanksgiving
    [InlineData("ny", 2026, 11, 27, false)]
    [InlineData("ny", 2026, 11, 28, false)] // Saturday
    [InlineData("dubai", 2026, 11, 22, true)] // Sunday
    [InlineData("dubai", 2026, 11, 20, false)] // Friday
    public void IsWorkingDay_Examples(string calendar, int year, int month, int day, bool expected)
    {
        Assert.Equal(expected, Get(calendar).IsWorkingDay(new DateOnly(year, month, day)));
        Assert.Equal(expected, Get(calendar).IsWorkingDay(new LocalDate(year, month, day)));
    }

    [Theory]
    [InlineData("ny", "2026-11-23T09:00-05:00", true)]
    [InlineData("ny", "2026-11-23T16:59:59-05:00", true)]
    [InlineData("ny", "2026-11-23T17:00-05:00", false)]
    [InlineData("ny", "2026-11-23T08:59-05:00", false)]
    [InlineData("ny", "2026-11-23T14:30+00:00", true)] // 09:30 in New York
    [InlineData("ny", "2026-11-26T12:00-05:00", false)] // holiday
    [InlineData("kolkata", "2026-11-06T04:00+00:00", true)] // 09:30 in Kolkata
    [InlineData("kolkata", "2026-11-06T03:59+00:00", false)]
    public void IsWorkingTime_Examples(string calendar, string instant, bool expected) =>
        Assert.Equal(expected, Get(calendar).IsWorkingTime(At(instant)));

    [Fact]
    public void PlusWorkingDays_LargeCountWithHolidays_MatchesDayByDayCount()
    {
        var calendar = Get("ny");
        var date = new LocalDate(2026, 11, 21);
        for (var n = 0; n <= 80; n++)
        {
            var expected = date;
            for (var left = n; left > 0;)
            {
                expected = expected.PlusDays(1);
                if (calendar.IsWorkingDay(expected))
                {
                    left--;
                }
            }
            Assert.Equal(expected, calendar.PlusWorkingDays(date, n));
        }
    }
}
