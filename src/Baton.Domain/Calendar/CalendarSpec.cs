namespace Baton.Domain.Calendar;

/// <summary>The team calendar as configured: IANA zone, working days and hours, holidays.</summary>
public sealed record CalendarSpec(
    string TimeZone,
    IReadOnlySet<DayOfWeek> WorkingDays,
    TimeOnly WorkStart,
    TimeOnly WorkEnd,
    IReadOnlySet<DateOnly> Holidays);

/// <summary>The unit a clock's duration is counted in.</summary>
public enum DurationUnit
{
    /// <summary>Whole working days: 1 business day after Friday 16:00 is Monday 16:00.</summary>
    BusinessDays,
    /// <summary>Hours inside working hours on working days.</summary>
    BusinessHours,
    /// <summary>Wall-clock hours, calendar ignored.</summary>
    Hours,
}

/// <summary>A clock's length, e.g. "3 business days" or "48 business hours".</summary>
public readonly record struct BusinessDuration(int Amount, DurationUnit Unit)
{
    public override string ToString() => Unit switch
    {
        DurationUnit.BusinessDays => Amount == 1 ? "1 business day" : $"{Amount} business days",
        DurationUnit.BusinessHours => Amount == 1 ? "1 business hour" : $"{Amount} business hours",
        _ => Amount == 1 ? "1 hour" : $"{Amount} hours",
    };

    /// <summary>Parses "1 business day", "48 business hours", "24 hours"; null with a reason when it cannot.</summary>
    public static BusinessDuration? TryParse(string text, out string? error)
    {
        error = null;
        var parts = text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            error = $"'{text}' is not a duration: write a positive whole number and a unit, e.g. '3 business days', '48 business hours' or '24 hours'";
            return null;
        }
        var unit = string.Join(' ', parts.Skip(1)) switch
        {
            "business day" or "business days" => DurationUnit.BusinessDays,
            "business hour" or "business hours" => DurationUnit.BusinessHours,
            "hour" or "hours" => DurationUnit.Hours,
            _ => (DurationUnit?)null,
        };
        if (unit is null)
        {
            error = $"'{text}' has an unknown unit: use 'business days', 'business hours' or 'hours'";
            return null;
        }
        return new BusinessDuration(n, unit.Value);
    }
}
