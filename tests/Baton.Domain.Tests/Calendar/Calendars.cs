namespace Baton.Domain.Calendar.Tests;

/// <summary>The calendars the tests run against, by short name.</summary>
internal static class Calendars
{
    private static readonly HashSet<DayOfWeek> MondayToFriday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly HashSet<DayOfWeek> SundayToThursday =
        [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday];

    private static readonly HashSet<DayOfWeek> EveryDay = [.. Enum.GetValues<DayOfWeek>()];

    public static readonly IReadOnlyDictionary<string, CalendarSpec> Specs = new Dictionary<string, CalendarSpec>
    {
        // US team: Thanksgiving and the day after, Christmas, New Year.
        ["ny"] = new("America/New_York", MondayToFriday, new TimeOnly(9, 0), new TimeOnly(17, 0),
            new HashSet<DateOnly> { new(2026, 11, 26), new(2026, 11, 27), new(2026, 12, 25), new(2027, 1, 1), new(2027, 7, 5) }),
        ["london"] = new("Europe/London", MondayToFriday, new TimeOnly(9, 0), new TimeOnly(17, 30),
            new HashSet<DateOnly> { new(2026, 12, 25), new(2026, 12, 28), new(2027, 3, 26), new(2027, 3, 29) }),
        // Half-hour offset, no DST.
        ["kolkata"] = new("Asia/Kolkata", MondayToFriday, new TimeOnly(9, 30), new TimeOnly(18, 30),
            new HashSet<DateOnly> { new(2026, 11, 9) }),
        // No DST, working week Sunday to Thursday.
        ["dubai"] = new("Asia/Dubai", SundayToThursday, new TimeOnly(8, 0), new TimeOnly(16, 0), new HashSet<DateOnly>()),
        ["tokyo"] = new("Asia/Tokyo", MondayToFriday, new TimeOnly(9, 0), new TimeOnly(18, 0),
            new HashSet<DateOnly> { new(2026, 11, 3), new(2026, 11, 23) }),
        // Night desk whose hours straddle New York's 02:00 transitions.
        ["ny-night"] = new("America/New_York", EveryDay, new TimeOnly(1, 0), new TimeOnly(5, 0), new HashSet<DateOnly>()),
        // Transitions at local midnight, so the day's opening itself is skipped or repeated.
        ["santiago-all-day"] = new("America/Santiago", EveryDay, new TimeOnly(0, 0), new TimeOnly(23, 0),
            new HashSet<DateOnly> { new(2026, 9, 18) }),
        // A half-hour DST shift at 02:00.
        ["lord-howe-early"] = new("Australia/Lord_Howe", MondayToFriday, new TimeOnly(0, 30), new TimeOnly(6, 0), new HashSet<DateOnly>()),
    };

    private static readonly Dictionary<string, BusinessCalendar> Built =
        Specs.ToDictionary(kv => kv.Key, kv => BusinessCalendar.Create(kv.Value));

    public static BusinessCalendar Get(string name) => Built[name];

    /// <summary>The calendars with no DST transition inside working hours.</summary>
    public static readonly string[] Regular = ["ny", "london", "kolkata", "dubai", "tokyo"];

    /// <summary>Every calendar, including those whose working hours contain DST transitions.</summary>
    public static readonly string[] All = [.. Specs.Keys];

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
