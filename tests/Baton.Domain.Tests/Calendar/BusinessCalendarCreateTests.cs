namespace Baton.Domain.Calendar.Tests;

public sealed class BusinessCalendarCreateTests
{
    private static readonly HashSet<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static CalendarSpec Spec(string zone = "America/New_York", IReadOnlySet<DayOfWeek>? days = null, int startHour = 9, int endHour = 17) =>
        new(zone, days ?? Weekdays, new TimeOnly(startHour, 0), new TimeOnly(endHour, 0), new HashSet<DateOnly>());

    [Fact]
    public void TryCreate_ValidSpec_Succeeds()
    {
        Assert.True(BusinessCalendar.TryCreate(Spec(), out var calendar, out var error));
        Assert.NotNull(calendar);
        Assert.Null(error);
        Assert.Equal(TimeSpan.FromHours(8), calendar.WorkingDayLength);
    }

    [Theory]
    [InlineData("america/new_york", "'America/New_York'")] // wrong case
    [InlineData("America/New York", "'America/New_York'")] // space for underscore
    [InlineData("Eastern Standard Time", "'America/New_York'")] // a Windows id
    [InlineData("Europe/Londn", "'Europe/London'")] // typo
    [InlineData("Kolkata", "'Asia/Kolkata'")] // city only
    public void TryCreate_UnknownZone_SuggestsCloseMatch(string zone, string suggestion)
    {
        Assert.False(BusinessCalendar.TryCreate(Spec(zone), out var calendar, out var error));
        Assert.Null(calendar);
        Assert.Contains("not a known IANA time zone", error);
        Assert.Contains($"did you mean {suggestion}", error);
    }

    [Fact]
    public void TryCreate_NonsenseZone_ReportsWithoutSuggestion()
    {
        Assert.False(BusinessCalendar.TryCreate(Spec("Mars/Olympus_Mons"), out _, out var error));
        Assert.Equal("'Mars/Olympus_Mons' is not a known IANA time zone", error);
    }

    [Theory]
    [InlineData("", "no time zone")]
    [InlineData("  ", "no time zone")]
    public void TryCreate_MissingZone_Fails(string zone, string message)
    {
        Assert.False(BusinessCalendar.TryCreate(Spec(zone), out _, out var error));
        Assert.Contains(message, error);
    }

    [Fact]
    public void TryCreate_NoWorkingDays_Fails()
    {
        Assert.False(BusinessCalendar.TryCreate(Spec(days: new HashSet<DayOfWeek>()), out _, out var error));
        Assert.Contains("no working days", error);
    }

    [Fact]
    public void TryCreate_UndefinedWeekday_Fails()
    {
        Assert.False(BusinessCalendar.TryCreate(Spec(days: new HashSet<DayOfWeek> { (DayOfWeek)9 }), out _, out var error));
        Assert.Contains("9 is not a day of the week", error);
    }

    [Theory]
    [InlineData(17, 9)]
    [InlineData(9, 9)]
    public void TryCreate_EndNotAfterStart_Fails(int start, int end)
    {
        Assert.False(BusinessCalendar.TryCreate(Spec(startHour: start, endHour: end), out _, out var error));
        Assert.Contains($"working hours end at {end:00}:00, which is not after their start at {start:00}:00", error);
    }

    [Fact]
    public void TryCreate_NullHolidays_Fails()
    {
        var spec = Spec() with { Holidays = null! };
        Assert.False(BusinessCalendar.TryCreate(spec, out _, out var error));
        Assert.Contains("holiday list is missing", error);
    }

    [Fact]
    public void Create_InvalidSpec_ThrowsWithReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => BusinessCalendar.Create(Spec("Nowhere/Special")));
        Assert.Contains("'Nowhere/Special' is not a known IANA time zone", ex.Message);
    }

    [Theory]
    [InlineData("America/New_York", true)]
    [InlineData("Asia/Kolkata", true)]
    [InlineData("UTC", true)]
    [InlineData("america/new_york", false)]
    [InlineData("Eastern Standard Time", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsKnownTimeZone_Examples(string? id, bool expected) =>
        Assert.Equal(expected, BusinessCalendar.IsKnownTimeZone(id));
}
