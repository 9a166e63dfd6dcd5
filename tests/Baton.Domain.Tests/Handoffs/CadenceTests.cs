using Baton.Domain.Handoffs;

namespace Baton.Domain.Tests.Handoffs;

public sealed class CadenceTests
{
    // Thursday 2026-11-19, 20:00 UTC.
    private static readonly DateTimeOffset ClosedWon = new(2026, 11, 19, 20, 0, 0, TimeSpan.Zero);
    private static readonly CadenceParties Parties = new("ae-1", "dana", "lead-1");

    /// <summary>Weekdays only: enough to show the cadence defers to the calendar it is given.</summary>
    private static DateTimeOffset AddWeekdays(DateTimeOffset from, int days)
    {
        var at = from;
        for (var added = 0; added < days;)
        {
            at = at.AddDays(1);
            if (at.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) added++;
        }
        return at;
    }

    [Fact]
    public void Plan_DefaultCadence_DatesEachStepWithItsOwner()
    {
        var tasks = Cadence.Plan(Cadence.Default, ClosedWon, Parties, AddWeekdays);

        Assert.Equal(
            [
                ("Send the transition e-mail introducing the CSM", "ae-1", ClosedWon),
                ("Hold the internal sync with the AE", "dana", new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero)),
                ("Hold the kickoff", "dana", new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero)),
                ("Value check-in with the customer", "dana", new DateTimeOffset(2026, 12, 9, 20, 0, 0, TimeSpan.Zero)),
                ("Executive review", "lead-1", new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero)),
            ],
            tasks.Select(t => (t.Name, t.OwnerId, t.DueAtUtc)));
        Assert.Equal(CadenceOwner.CsLead, tasks[^1].Role);
    }

    [Fact]
    public void Plan_StepsOutOfOrder_AreSortedByDueDateKeepingSpecOrderOnTies()
    {
        var steps = new[]
        {
            new CadenceStep("later", 5, CadenceOwner.Csm),
            new CadenceStep("first of day 1", 1, CadenceOwner.Ae),
            new CadenceStep("second of day 1", 1, CadenceOwner.Csm),
        };

        var tasks = Cadence.Plan(steps, ClosedWon, Parties, AddWeekdays);

        Assert.Equal(["first of day 1", "second of day 1", "later"], tasks.Select(t => t.Name));
    }

    [Fact]
    public void Plan_UsesTheCalendarItIsGiven()
    {
        var calls = new List<int>();

        Cadence.Plan(Cadence.Default, ClosedWon, Parties, (at, days) => { calls.Add(days); return at.AddDays(days); });

        Assert.Equal([0, 3, 7, 14, 30], calls);
    }

    [Fact]
    public void ToEffect_Task_CreatesTheCrmTask()
    {
        var task = Cadence.Plan(Cadence.Default, ClosedWon, Parties, AddWeekdays)[2];

        Assert.Equal(new CreateTask("Hold the kickoff", "dana", task.DueAtUtc), task.ToEffect());
    }

    [Fact]
    public void Plan_StepBeforeTheClose_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.Plan([new CadenceStep("pre-close", -1, CadenceOwner.Ae)], ClosedWon, Parties, AddWeekdays));
}
