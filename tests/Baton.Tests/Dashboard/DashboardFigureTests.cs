using System.Globalization;
using System.Text.Json;
using Baton.Domain.Fields;
using Baton.Domain.Gate;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Baton.Tests.Dashboard;

/// <summary>
/// Each dashboard figure, read from its CSV, against a count made here straight from the events table of the demo
/// data. The counts below read the stored events and nothing else (the deals' amounts come from their DealCreated
/// events); they do not call the read model.
/// </summary>
public sealed class DashboardFigureTests(DashboardDemo demo) : IClassFixture<DashboardDemo>
{
    private sealed record Raw(long Id, string DealId, string Type, DateTime At, JsonElement Data);

    /// <summary>A closed-won deal as its HandoffStarted event tells it.</summary>
    private sealed record Closed(Raw Started, string Ae, string Segment, string Type);

    private static string S(JsonElement d, string name) => d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private async Task<(List<Raw> Events, Dictionary<string, Closed> Closed)> HistoryAsync()
    {
        var rows = await demo.Db(db => db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        var events = rows.Select(e => new Raw(e.Id, e.DealId, e.Type, e.OccurredAtUtc, JsonDocument.Parse(e.Data).RootElement)).ToList();
        var closed = events.Where(e => e.Type == "HandoffStarted")
            .ToDictionary(e => e.DealId, e => new Closed(e, S(e.Data, "aeId"), S(e.Data, "segment"), S(e.Data, "handoffType")));
        Assert.True(closed.Count >= 40, $"the demo closed only {closed.Count} deals");
        return (events, closed);
    }

    private string Month(DateTime utc) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(demo.Context.Calendar.Zone).Date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private string Name(string id) => demo.Context.Playbook.FindPerson(id)?.Name ?? id;

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    /// <summary>The deal's field values after every FieldSet event before <paramref name="beforeId"/>.</summary>
    private static Dictionary<string, string?> ValuesBefore(IEnumerable<Raw> events, string dealId, long beforeId)
    {
        var values = new Dictionary<string, string?>();
        foreach (var e in events.Where(e => e.DealId == dealId && e.Type == "FieldSet" && e.Id < beforeId))
            values[S(e.Data, "field")] = S(e.Data, "value") is { Length: > 0 } v ? v : null;
        return values;
    }

    /// <summary>Every hard and soft field the close requires, judged by the gate's rules.</summary>
    private IReadOnlyList<FieldCheck> Required(Dictionary<string, string?> values, string segment)
    {
        var playbook = demo.Context.Playbook;
        return Gate.Evaluate(playbook, playbook.WonStage, segment, FieldValues.From(playbook.Fields, values)).Checks
            .Where(c => c.Field.Requirement != Requirement.Optional).ToList();
    }

    private static int Int(string cell) => int.Parse(cell, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Completeness_EachMonth_MatchesTheGateOnTheFieldsAtClose()
    {
        var (events, closed) = await HistoryAsync();
        var won = demo.Context.Playbook.WonStage.Name;
        var expected = closed.Values.GroupBy(c => Month(c.Started.At)).ToDictionary(g => g.Key, g => (
            Closed: g.Count(),
            Complete: g.Count(c => Required(ValuesBefore(events, c.Started.DealId, c.Started.Id), c.Segment).All(x => x.Verdict.IsOk)),
            Refused: g.Count(c => events.Any(e => e.DealId == c.Started.DealId && e.Type == "StageRefused" && S(e.Data, "stage") == won && e.Id < c.Started.Id))));

        var csv = await demo.CsvAsync("completeness");
        Assert.Equal(["Month", "Closed won", "Complete at close", "Incomplete at close", "Share complete", "Refused before close"], csv[0]);
        foreach (var row in csv.Skip(1))
        {
            var want = expected.GetValueOrDefault(row[0]);
            Assert.Equal((want.Closed, want.Complete, want.Refused), (Int(row[1]), Int(row[2]), Int(row[5])));
        }
        Assert.Equal(closed.Count, csv.Skip(1).Sum(r => Int(r[1])));
        Assert.Contains(expected.Values, m => m.Complete < m.Closed); // the demo has incomplete closes to show
    }

    [Theory]
    [InlineData("first-contact", "HandoffKickoffScheduled")]
    [InlineData("kickoff", "HandoffKickoffHeld")]
    public async Task TimeFromClose_Distribution_MatchesTheBusinessDaysBetweenTheEvents(string figure, string stopEvent)
    {
        var (events, closed) = await HistoryAsync();
        var days = closed.Values.Select(c => events.FirstOrDefault(e => e.DealId == c.Started.DealId && e.Type == stopEvent) is { } stop
                ? Math.Round(demo.Context.Calendar.BusinessDaysBetween(Utc(c.Started.At), Utc(stop.At)), 2) : (double?)null)
            .OfType<double>().ToList();
        (string Label, double Low, double High)[] buckets =
            [("under 1", double.MinValue, 1), ("1–2", 1, 2), ("2–3", 2, 3), ("3–5", 3, 5), ("5–7", 5, 7), ("7–10", 7, 10), ("10 or more", 10, double.MaxValue)];

        var csv = await demo.CsvAsync(figure);
        Assert.Equal(buckets.Select(b => b.Label), csv.Skip(1).Select(r => r[0]));
        Assert.Equal(buckets.Select(b => days.Count(d => d >= b.Low && d < b.High)), csv.Skip(1).Select(r => Int(r[1])));
        Assert.True(days.Count > 20);
    }

    [Fact]
    public async Task ClockAdherence_Misses_MatchTheEscalationEvents_AndNameWhoWasTold()
    {
        var (events, closed) = await HistoryAsync();
        var misses = events.Where(e => closed.ContainsKey(e.DealId) && e.Type is "ClockMissed" or "ContractClockMissed").ToList();
        var byClock = misses.GroupBy(e => S(e.Data, "clock")).ToDictionary(g => g.Key, g => g.Count());

        var clocks = await demo.CsvAsync("clocks");
        Assert.Equal(byClock.OrderBy(k => k.Key), clocks.Skip(1).Where(r => Int(r[2]) > 0).Select(r => KeyValuePair.Create(r[0], Int(r[2]))).OrderBy(k => k.Key));
        var list = await demo.CsvAsync("clock-misses");
        Assert.Equal(misses.Count, list.Count - 1);
        var lead = Name(demo.Context.Playbook.Team.First(p => p.Role == "cs_lead").Id);
        Assert.Contains(list.Skip(1), r => r[2] == "acknowledge" && r[4] == $"{lead} (cs lead)");
    }

    [Fact]
    public async Task ContractTurnaround_CountsEverySentAndSignedContract()
    {
        var (events, closed) = await HistoryAsync();
        var csv = await demo.CsvAsync("contracts");
        Assert.Equal(events.Count(e => closed.ContainsKey(e.DealId) && e.Type == "ContractSent"), csv.Skip(1).Sum(r => Int(r[1])));
        Assert.Equal(events.Count(e => closed.ContainsKey(e.DealId) && e.Type == "ContractSigned"), csv.Skip(1).Sum(r => Int(r[2])));
    }

    [Fact]
    public async Task CsStages_CustomersNow_MatchTheLastStageEachHistoryReached()
    {
        var (events, closed) = await HistoryAsync();
        var order = new[] { "HandoffReceived", "KickoffScheduled", "OnboardingActive", "OnboardingComplete", "OngoingSuccess" };
        var now = closed.Keys.Select(id => events.Where(e => e.DealId == id).Select(e => e.Type switch
        {
            "HandoffKickoffScheduled" => "KickoffScheduled",
            "HandoffKickoffHeld" => "OnboardingActive",
            "CsStageChanged" => S(e.Data, "to"),
            _ => null,
        }).OfType<string>().Append("HandoffReceived").MaxBy(s => Array.IndexOf(order, s))!).ToList();

        var csv = await demo.CsvAsync("cs-stages");
        Assert.Equal(["Handoff received", "Kickoff scheduled", "Onboarding active", "Onboarding complete", "Ongoing success"], csv.Skip(1).Select(r => r[0]));
        Assert.Equal(order.Select(s => now.Count(n => n == s)), csv.Skip(1).Select(r => Int(r[1])));
        Assert.True(now.Count(n => n == "OngoingSuccess") > 0);
    }

    [Fact]
    public async Task Ratings_ByAe_AverageTheLastRatingOfEachHandoff()
    {
        var (events, closed) = await HistoryAsync();
        var stars = events.Where(e => e.Type == "HandoffRated" && closed.ContainsKey(e.DealId))
            .GroupBy(e => e.DealId).ToDictionary(g => g.Key, g => g.Last().Data.GetProperty("stars").GetInt32());

        var csv = await demo.CsvAsync("ratings");
        foreach (var ae in closed.Values.GroupBy(c => c.Ae))
        {
            var row = csv.Single(r => r[0] == Name(ae.Key));
            var rated = ae.Where(c => stars.ContainsKey(c.Started.DealId)).Select(c => stars[c.Started.DealId]).ToList();
            Assert.Equal(ae.Count(), Int(row[1]));
            Assert.Equal(rated.Count, Int(row[2]));
            Assert.Equal(rated.Average().ToString("0.0", CultureInfo.InvariantCulture), row[3]);
            Assert.Equal(ae.Count(c => events.Any(e => e.DealId == c.Started.DealId && e.Type == "HandoffRejected")), Int(row[4]));
        }
    }

    [Fact]
    public async Task RejectionReasons_CountEveryReasonGiven()
    {
        var (events, closed) = await HistoryAsync();
        var reasons = events.Where(e => e.Type == "HandoffRejected" && closed.ContainsKey(e.DealId))
            .SelectMany(e => e.Data.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!))
            .GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());

        var csv = await demo.CsvAsync("rejection-reasons");
        Assert.Equal(reasons.OrderBy(r => r.Key), csv.Skip(1).Select(r => KeyValuePair.Create(r[0], Int(r[1]))).OrderBy(r => r.Key));
    }

    [Fact]
    public async Task Rediscovery_ByField_CountsTheRatedHandoffsThatNamedIt_AndShowsTheFieldNobodyTrusts()
    {
        var (events, closed) = await HistoryAsync();
        // Only where the field applies: a CSM may name a field the deal's segment never asks for.
        var named = events.Where(e => e.Type == "HandoffRated" && closed.ContainsKey(e.DealId))
            .SelectMany(e => e.Data.GetProperty("rediscoveredFieldKeys").EnumerateArray().Select(k => (e.DealId, Key: k.GetString()!)))
            .Distinct().Where(x => demo.Context.Playbook.Fields.Find(x.Key)!.AppliesTo(closed[x.DealId].Segment)).GroupBy(x => x.Key).ToDictionary(g => demo.Context.Playbook.Fields.Find(g.Key)!.Label, g => g.Count());

        var csv = await demo.CsvAsync("rediscovery");
        foreach (var row in csv.Skip(1)) Assert.Equal(named.GetValueOrDefault(row[0]), Int(row[2]));
        Assert.Equal("Technical environment", csv[1][0]); // the highest rate comes first
    }

    [Fact]
    public async Task Holdback_IsReleasedOnlyForAcceptedHandoffsWithTheWarmCallAndEveryFieldGood()
    {
        var (events, closed) = await HistoryAsync();
        bool Released(Closed c)
        {
            var id = c.Started.DealId;
            var accepted = events.Any(e => e.DealId == id && e.Type == "HandoffAccepted");
            var warm = c.Type != "Hot" || events.Any(e => e.DealId == id && e.Type == "HandoffWarmCallHeld");
            return accepted && warm && Required(ValuesBefore(events, id, long.MaxValue), c.Segment).All(x => x.Verdict.IsOk);
        }

        var csv = await demo.CsvAsync("holdback");
        foreach (var ae in closed.Values.GroupBy(c => c.Ae))
        {
            var row = csv.Single(r => r[0] == Name(ae.Key));
            Assert.Equal((ae.Count(), ae.Count(Released)), (Int(row[1]), Int(row[4])));
        }
        var deals = await demo.CsvAsync("holdback-deals");
        Assert.Equal(["deal", "account", "ae", "closed_at_utc", "arr", "holdback", "status", "released_at_utc", "waiting_for"], deals[0]);
        Assert.Equal(closed.Count, deals.Count - 1);
        // 20 % of a 10 % commission: 2 % of the ARR.
        Assert.All(deals.Skip(1), r => Assert.Equal(decimal.Parse(r[4], CultureInfo.InvariantCulture) * 0.02m, decimal.Parse(r[5], CultureInfo.InvariantCulture)));
        Assert.All(deals.Skip(1).Where(r => r[6] == "held"), r => Assert.NotEqual("", r[8]));
    }

    [Fact]
    public async Task ArrAtRisk_ListsOpenHandoffsWithAMissedClockOrAnUnansweredRejection()
    {
        var (events, closed) = await HistoryAsync();
        var amount = events.Where(e => e.Type == "DealCreated").ToDictionary(e => e.DealId, e => e.Data.GetProperty("amount").GetDecimal());
        var atRisk = closed.Keys.Where(id =>
        {
            var history = events.Where(e => e.DealId == id).ToList();
            if (history.Any(e => e.Type == "HandoffKickoffHeld")) return false;
            var missed = history.Any(e => e.Type is "ClockMissed" or "ContractClockMissed");
            var rejected = history.LastOrDefault(e => e.Type is "HandoffRejected" or "HandoffAccepted")?.Type == "HandoffRejected";
            return missed || rejected;
        }).ToHashSet();

        var csv = await demo.CsvAsync("arr-at-risk");
        Assert.Equal(atRisk.Order(), csv.Skip(1).Select(r => r[0]).Order());
        Assert.Equal(atRisk.Sum(id => amount[id]), csv.Skip(1).Sum(r => decimal.Parse(r[2].Replace("$", "").Replace(",", ""), CultureInfo.InvariantCulture)));
        Assert.NotEmpty(atRisk);
    }

    [Fact]
    public async Task FieldFill_BlankAtClose_MatchesTheFieldsAtEachClose()
    {
        var (events, closed) = await HistoryAsync();
        var blank = closed.Values.SelectMany(c => Required(ValuesBefore(events, c.Started.DealId, c.Started.Id), c.Segment)
                .Where(x => x.Verdict.Kind == Domain.Quality.VerdictKind.Missing).Select(x => (Ae: Name(c.Ae), x.Field.Label)))
            .GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());

        var csv = await demo.CsvAsync("field-fill");
        foreach (var row in csv.Skip(1)) Assert.Equal(blank.GetValueOrDefault((row[0], row[1])), Int(row[4]));
        Assert.Contains(csv.Skip(1), r => Int(r[4]) > 0);
    }

    [Fact]
    public async Task DashboardPage_ShowsEveryFigureWithItsTableAndCsvLink()
    {
        var page = await demo.Http.GetStringAsync("/dashboard" + DashboardDemo.AllMonths);
        foreach (var key in Core.Dashboard.DashboardQueries.Keys)
        {
            Assert.Contains($"id=\"{key}\"", page);
            Assert.Contains($"/dashboard/{key}.csv", page);
        }
        Assert.Contains("/js/chart-4.6.2.umd.min.js", page);
        Assert.Contains("on target", page);
        Assert.Equal("/dashboard", (await demo.Http.GetAsync("/")).RequestMessage!.RequestUri!.AbsolutePath);
    }
}
