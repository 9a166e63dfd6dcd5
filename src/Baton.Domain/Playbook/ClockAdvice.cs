using System.Globalization;
using Baton.Domain.Calendar;

namespace Baton.Domain.Playbook;

/// <summary>
/// Clock lengths that are valid but probably not what the team meant: "48 business hours" inside 09:00-17:00 is six
/// working days, while the practice it comes from means two days. <c>baton playbook check</c> shows these as warnings.
/// </summary>
public static class ClockAdvice
{
    /// <summary>An hour-based clock longer than this many working days is worth a second look.</summary>
    public const int MaxWorkingDaysInHours = 3;

    public static IReadOnlyList<string> Warnings(Playbook playbook)
    {
        var day = playbook.Calendar.WorkEnd - playbook.Calendar.WorkStart;
        if (day <= TimeSpan.Zero) return [];
        var warnings = new List<string>();
        foreach (var clock in playbook.Clocks.Where(c => c.Duration.Unit == DurationUnit.BusinessHours))
        {
            var days = clock.Duration.Amount / day.TotalHours;
            if (days <= MaxWorkingDaysInHours) continue;
            var hours = day.TotalHours.ToString("0.#", CultureInfo.InvariantCulture);
            var roundDays = Math.Max(1, (int)Math.Round(clock.Duration.Amount / 24.0));
            warnings.Add($"clock '{clock.Name}': {clock.Duration} is {days.ToString("0.#", CultureInfo.InvariantCulture)} working days of {hours} hours; "
                + $"if it means {clock.Duration.Amount} hours of the clock, write '{roundDays} business day{(roundDays == 1 ? "" : "s")}' (or '{clock.Duration.Amount} hours' for wall-clock time)");
        }
        return warnings;
    }
}
