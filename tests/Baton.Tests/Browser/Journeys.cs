using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;

namespace Baton.Tests.Browser;

internal static class Journeys
{
    /// <summary>The browser journeys run once, on SQLite: the pages do not change with the database.</summary>
    public static void SkipOnSecondDatabase()
    {
        if (Environment.GetEnvironmentVariable("BATON_TEST_DATABASE") == "postgres")
            Assert.Skip("browser journeys run on the SQLite pass only");
    }

    /// <summary>
    /// The next Monday 15:00 UTC after now (10:00 or 11:00 in New York): a working morning in the default playbook's calendar, and in the
    /// future, so the cookies the app sets on its test clock are not already expired for the browser.
    /// </summary>
    public static DateTimeOffset NextWorkingMorning()
    {
        var day = DateTimeOffset.UtcNow.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Monday) day = day.AddDays(1);
        return new DateTimeOffset(day.AddHours(15), TimeSpan.Zero);
    }

    public static Task<string> StageAsync(BatonApp app, string dealId) =>
        app.Db(db => db.Deals.Where(d => d.Id == dealId).Select(d => d.Stage).SingleAsync());

    public static Task<string?> ValueAsync(BatonApp app, string dealId, string key) =>
        app.Db(db => db.FieldValues.Where(f => f.DealId == dealId && f.Key == key).Select(f => f.Value).SingleOrDefaultAsync());
}
