using System.Globalization;
using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Domain.Calendar;
using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Baton.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Baton.Core.Dashboard;

/// <summary>
/// The dashboard's figures for a filter, read from the read model (<see cref="DashboardProjection"/>), never from the
/// event log. Each figure is a table; the page draws it, shows it and exports it.
/// </summary>
public sealed class DashboardQueries(BatonDb db, PlaybookContext context, TimeProvider time)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The figures in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "completeness", "field-fill", "missing-fields", "first-contact", "kickoff", "clocks", "clock-misses", "contracts",
        "cs-stages", "ratings", "rejection-reasons", "rediscovery", "holdback", "arr-at-risk", "field-health",
    ];

    private Domain.Playbook.Playbook Playbook => context.Playbook;
    private DashboardSettings Settings => Playbook.Dashboard;

    /// <summary>The default period: the six close months up to the current one.</summary>
    public DashboardFilter DefaultFilter()
    {
        var today = Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(context.Calendar.Zone).Date;
        return new DashboardFilter(Month(today.PlusMonths(-5)), Month(today));
    }

    public async Task<FilterChoices> ChoicesAsync(CancellationToken ct)
    {
        var months = await db.DashboardHandoffs.AsNoTracking().Select(h => h.ClosedMonth).Distinct().OrderBy(m => m).ToListAsync(ct);
        var today = Month(Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(context.Calendar.Zone).Date);
        if (!months.Contains(today)) months.Add(today);
        var aes = Playbook.Team.Where(p => p.Role == Domain.Playbook.Roles.Ae).ToList();
        return new FilterChoices(months, Playbook.Segments.Select(s => s.Name).ToList(),
            aes.Select(a => a.Manager).OfType<string>().Distinct().Select(id => (id, Name(id))).ToList(),
            aes.Select(a => (a.Id, a.Name)).ToList(),
            Playbook.Team.Where(p => p.Role == Domain.Playbook.Roles.Csm).Select(c => (c.Id, c.Name)).ToList());
    }

    /// <summary>The closed-won deals the filter selects, from the read model.</summary>
    public IQueryable<DashboardHandoffRow> Handoffs(DashboardFilter filter)
    {
        var (from, to) = Bounds(filter);
        var q = db.DashboardHandoffs.AsNoTracking().Where(h => h.ClosedAtUtc >= from && h.ClosedAtUtc < to);
        if (!string.IsNullOrEmpty(filter.Segment)) q = q.Where(h => h.Segment == filter.Segment);
        if (!string.IsNullOrEmpty(filter.Team)) q = q.Where(h => h.Team == filter.Team);
        if (!string.IsNullOrEmpty(filter.Ae)) q = q.Where(h => h.AeId == filter.Ae);
        if (!string.IsNullOrEmpty(filter.Csm)) q = q.Where(h => h.CsmId == filter.Csm);
        return q;
    }

    public async Task<DashboardView> LoadAsync(DashboardFilter filter, CancellationToken ct)
    {
        var rows = await Handoffs(filter).OrderBy(h => h.ClosedAtUtc).ToListAsync(ct);
        var ids = Handoffs(filter).Select(h => h.DealId);
        var fields = await db.DashboardFields.AsNoTracking().Where(f => ids.Contains(f.DealId)).ToListAsync(ct);
        var clocks = await db.DashboardClocks.AsNoTracking().Where(c => ids.Contains(c.DealId)).ToListAsync(ct);
        var refreshed = await db.DashboardCursors.AsNoTracking().Where(c => c.Name == DashboardProjection.CursorName).Select(c => (DateTime?)c.RefreshedAtUtc).FirstOrDefaultAsync(ct);
        var months = MonthsOf(filter);
        var byDeal = rows.ToDictionary(r => r.DealId);
        var figures = new List<Figure>
        {
            Completeness(rows, months),
            FieldFill(rows, fields),
            MissingFields(rows),
            Days("first-contact", "Close to first customer contact", rows, months, r => r.DaysToFirstContact, HandoffClocks.FirstContact,
                "Business days from the close to the CSM's first contact with the customer (the kickoff being put on the calendar)."),
            Days("kickoff", "Close to kickoff", rows, months, r => r.DaysToKickoff, HandoffClocks.Kickoff,
                "Business days from the close to the kickoff meeting with the customer."),
            Clocks(clocks, byDeal, months),
            ClockMisses(clocks, byDeal),
            Contracts(rows),
            CsStages(rows),
            Ratings(rows, months),
            RejectionReasons(rows),
            Rediscovery(fields, byDeal),
            Holdback(rows),
            ArrAtRisk(rows, months),
            FieldHealthFigure(fields, byDeal),
        };
        return new DashboardView(filter, months, rows.Count, figures, refreshed);
    }

    // ---- the figures ----

    private Figure Completeness(List<DashboardHandoffRow> rows, IReadOnlyList<string> months)
    {
        var table = months.Select(m =>
        {
            var month = rows.Where(r => r.ClosedMonth == m).ToList();
            var complete = month.Count(r => r.CompleteAtClose);
            return Row(m, month.Count, complete, month.Count - complete, Pct(Share(complete, month.Count)), month.Count(r => r.RefusalsAtClose > 0));
        }).ToList();
        var total = rows.Count(r => r.CompleteAtClose);
        var share = Share(total, rows.Count);
        var refused = rows.Count(r => r.RefusalsAtClose > 0);
        var target = Settings.CompletenessTarget;
        return new Figure("completeness", "Handoff completeness",
            $"Of {rows.Count} closed-won deals, {total} passed the gate with every required field good at close; {refused} were refused by the gate at least once before they closed.",
            new Headline(Pct(share), target is { } t ? $"{Pct(t)} or more" : null, share is { } s && target is { } tt ? s >= tt : null,
                Trend(months, m => Share(rows.Count(r => r.ClosedMonth == m && r.CompleteAtClose), rows.Count(r => r.ClosedMonth == m)) * 100), "%", true),
            new FigureTable(["Month", "Closed won", "Complete at close", "Incomplete at close", "Share complete", "Refused before close"], table),
            new ChartSpec("stacked", 0, [2, 3], "deals"));
    }

    private Figure FieldFill(List<DashboardHandoffRow> rows, List<DashboardFieldRow> fields)
    {
        var ae = rows.ToDictionary(r => r.DealId, r => r.AeId);
        var table = fields.GroupBy(f => (Ae: ae[f.DealId], f.Key)).OrderBy(g => Name(g.Key.Ae)).ThenBy(g => FieldOrder(g.Key.Key)).Select(g =>
        {
            var n = g.Count();
            var good = g.Count(f => f.Verdict == "Ok" && !f.FlaggedJunk);
            var blank = g.Count(f => f.Verdict == "Missing");
            var weak = n - good - blank;
            return Row(Name(g.Key.Ae), Label(g.Key.Key), n, good, blank, weak, Pct(Share(good, n)));
        }).ToList();
        return new Figure("field-fill", "Fill and quality by field and AE",
            "For each AE and required field: how often the field was good at close, left blank, or weak (filler, vague, invalid, or named as junk by the CSM).",
            null, new FigureTable(["AE", "Field", "Closes", "Good", "Blank", "Weak", "Share good"], table), null);
    }

    private Figure MissingFields(List<DashboardHandoffRow> rows)
    {
        var table = rows.Where(r => r.Open && r.MissingNow.Length > 0).OrderByDescending(r => r.Arr).Select(r =>
            Row(r.DealId, r.AccountName, Name(r.AeId), Name(r.CsmId), Day(r.ClosedAtUtc), Money(r.Arr),
                string.Join(", ", r.MissingNow.Split(',').Select(Label)))).ToList();
        return new Figure("missing-fields", "Open handoffs with missing fields",
            $"{table.Count} open handoffs still have a required field that is blank or not good enough, largest first.",
            null, new FigureTable(["Deal", "Account", "AE", "CSM", "Closed", "ARR", "Missing or weak"], table), null);
    }

    private static readonly (string Label, double Below)[] DayBuckets =
        [("under 1", 1), ("1–2", 2), ("2–3", 3), ("3–5", 5), ("5–7", 7), ("7–10", 10), ("10 or more", double.MaxValue)];

    private Figure Days(string key, string title, List<DashboardHandoffRow> rows, IReadOnlyList<string> months, Func<DashboardHandoffRow, double?> days, string clock, string summary)
    {
        var values = rows.Select(days).OfType<double>().ToList();
        var d = Distribution.Of(values);
        var target = TargetDays(clock);
        var waiting = rows.Count(r => days(r) is null);
        var table = DayBuckets.Select((b, i) =>
        {
            var low = i == 0 ? double.MinValue : DayBuckets[i - 1].Below;
            var n = values.Count(v => v >= low && v < b.Below);
            return Row(b.Label, n, Pct(Share(n, values.Count)));
        }).ToList();
        return new Figure(key, title,
            $"{summary} Median {Num(d.Median)}, 90th percentile {Num(d.P90)} business days over {d.Count} handoffs; {waiting} not there yet.",
            new Headline(d.Median is { } m ? $"{m:0.0} days" : "–", target is { } t ? $"median under {t:0.#} business days ({Spec(clock)})" : null,
                d.Median is { } med && target is { } tt ? med <= tt : null,
                Trend(months, m => Distribution.Of(rows.Where(r => r.ClosedMonth == m).Select(days).OfType<double>()).Median), "days", false),
            new FigureTable(["Business days", "Handoffs", "Share"], table), new ChartSpec("bar", 0, [1], "handoffs"));
    }

    private Figure Clocks(List<DashboardClockRow> clocks, Dictionary<string, DashboardHandoffRow> byDeal, IReadOnlyList<string> months)
    {
        var table = clocks.GroupBy(c => c.Clock).OrderBy(g => g.Key).Select(g =>
        {
            var ok = g.Count(c => c.Outcome == ClockOutcome.OnTime);
            var missed = g.Count(c => c.Outcome == ClockOutcome.Missed);
            return Row(g.Key, ok, missed, g.Count(c => c.Outcome == ClockOutcome.Running), Pct(Share(ok, ok + missed)), Spec(g.Key) ?? "");
        }).ToList();
        double? Adherence(IEnumerable<DashboardClockRow> c)
        {
            var list = c.Where(x => x.Outcome != ClockOutcome.Running).ToList();
            return Share(list.Count(x => x.Outcome == ClockOutcome.OnTime), list.Count);
        }
        var all = Adherence(clocks);
        return new Figure("clocks", "Clock adherence",
            "Each clock's runs that stopped before their deadline, that ran out (and were escalated), and that are still running.",
            new Headline(Pct(all), null, null, Trend(months, m => Adherence(clocks.Where(c => byDeal[c.DealId].ClosedMonth == m)) * 100), "%", true),
            new FigureTable(["Clock", "On time", "Missed", "Running", "Adherence", "Deadline"], table), new ChartSpec("stacked", 0, [1, 2], "runs"));
    }

    private Figure ClockMisses(List<DashboardClockRow> clocks, Dictionary<string, DashboardHandoffRow> byDeal)
    {
        var table = clocks.Where(c => c.Outcome == ClockOutcome.Missed).OrderByDescending(c => c.MissedAtUtc).Select(c =>
        {
            var h = byDeal[c.DealId];
            return Row(c.DealId, h.AccountName, c.Clock, Time(c.MissedAtUtc), Told(c.EscalatedTo, h.AeId), Name(h.AeId), Name(h.CsmId));
        }).ToList();
        return new Figure("clock-misses", "Missed clocks and who was told",
            $"{table.Count} clock runs ran out; each was escalated once, to the person shown.",
            null, new FigureTable(["Deal", "Account", "Clock", "Missed at", "Told", "AE", "CSM"], table), null);
    }

    private Figure Contracts(List<DashboardHandoffRow> rows)
    {
        var sent = rows.Select(r => r.DaysToContractSent).OfType<double>().ToList();
        var signed = rows.Select(r => r.DaysToContractSigned).OfType<double>().ToList();
        var table = DayBuckets.Select((b, i) =>
        {
            var low = i == 0 ? double.MinValue : DayBuckets[i - 1].Below;
            return Row(b.Label, sent.Count(v => v >= low && v < b.Below), signed.Count(v => v >= low && v < b.Below));
        }).ToList();
        var s = Distribution.Of(sent);
        var g = Distribution.Of(signed);
        return new Figure("contracts", "Contract turnaround",
            $"Close to contract sent: average {Num(s.Mean)}, median {Num(s.Median)} business days ({s.Count} sent). Close to signed: average {Num(g.Mean)}, median {Num(g.Median)} business days ({g.Count} signed).",
            new Headline(g.Mean is { } m ? $"{m:0.0} days to signed" : "–", Spec(Contract.DraftedClock) is { } d ? $"sent within {d}" : null, null, [], "days", false),
            new FigureTable(["Business days", "Sent", "Signed"], table), new ChartSpec("bar", 0, [1, 2], "contracts"));
    }

    private Figure CsStages(List<DashboardHandoffRow> rows)
    {
        var now = time.GetUtcNow();
        var stays = new Dictionary<string, List<double>>();
        foreach (var r in rows)
        {
            var entered = JsonSerializer.Deserialize<Dictionary<string, DateTime>>(r.CsStagesEntered, Json) ?? [];
            var ordered = entered.OrderBy(e => e.Value).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var end = i + 1 < ordered.Count ? Utc(ordered[i + 1].Value) : now;
                (stays.TryGetValue(ordered[i].Key, out var list) ? list : stays[ordered[i].Key] = []).Add(context.Calendar.BusinessDaysBetween(Utc(ordered[i].Value), end));
            }
        }
        var table = Enum.GetValues<CsStage>().Select(s => s.ToString()).Select(s =>
        {
            var d = Distribution.Of(stays.GetValueOrDefault(s) ?? []);
            return Row(Words(s), rows.Count(r => r.CsStage == s), Num(d.Median), Num(d.P90));
        }).ToList();
        return new Figure("cs-stages", "CS stages",
            "Where the customers closed in the period are now, and how long customers stay in each stage (business days, up to today for those still there).",
            null, new FigureTable(["Stage", "Customers now", "Median days in stage", "90th percentile days"], table), new ChartSpec("bar", 0, [1], "customers"));
    }

    private Figure Ratings(List<DashboardHandoffRow> rows, IReadOnlyList<string> months)
    {
        var table = rows.GroupBy(r => r.AeId).OrderBy(g => Name(g.Key)).Select(g =>
        {
            var rated = g.Where(r => r.Stars is not null).ToList();
            return Row(Name(g.Key), g.Count(), rated.Count, rated.Count == 0 ? "–" : rated.Average(r => r.Stars!.Value).ToString("0.0", Inv),
                g.Count(r => r.Rejections > 0), Pct(Share(g.Count(r => r.Rejections > 0), g.Count())));
        }).ToList();
        var stars = rows.Where(r => r.Stars is not null).Select(r => (double)r.Stars!.Value).ToList();
        return new Figure("ratings", "CSM rating of handoffs by AE",
            "The CSM's 1–5 rating of each handoff after the kickoff, and how often each AE's handoffs were rejected back.",
            new Headline(stars.Count == 0 ? "–" : $"{stars.Average():0.0} / 5", null, null,
                Trend(months, m => rows.Where(r => r.ClosedMonth == m && r.Stars is not null).Select(r => (double)r.Stars!.Value).DefaultIfEmpty(double.NaN).Average() is var a && double.IsNaN(a) ? null : Math.Round(a, 2)),
                "stars", true),
            new FigureTable(["AE", "Handoffs", "Rated", "Average rating", "Rejected", "Rejection rate"], table), new ChartSpec("hbar", 0, [3], "stars"));
    }

    private Figure RejectionReasons(List<DashboardHandoffRow> rows)
    {
        var reasons = rows.Where(r => r.Rejections > 0).SelectMany(r => JsonSerializer.Deserialize<string[]>(r.RejectionReasons, Json) ?? []).ToList();
        var table = reasons.GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => Row(g.Key, g.Count(), Pct(Share(g.Count(), reasons.Count)))).ToList();
        return new Figure("rejection-reasons", "Rejection reasons",
            $"Why CSMs sent handoffs back to the AE: {reasons.Count} reasons given in {rows.Count(r => r.Rejections > 0)} rejected handoffs.",
            null, new FigureTable(["Reason", "Times given", "Share"], table), new ChartSpec("hbar", 0, [1], "times"));
    }

    private Figure Rediscovery(List<DashboardFieldRow> fields, Dictionary<string, DashboardHandoffRow> byDeal)
    {
        var rated = fields.Where(f => byDeal[f.DealId].Stars is not null).ToList();
        var table = rated.GroupBy(f => f.Key).OrderByDescending(g => Share(g.Count(f => f.Rediscovered), g.Count())).ThenBy(g => FieldOrder(g.Key)).Select(g =>
            Row(Label(g.Key), g.Count(), g.Count(f => f.Rediscovered), Pct(Share(g.Count(f => f.Rediscovered), g.Count())))).ToList();
        return new Figure("rediscovery", "Re-discovery rate by field",
            "For each field, the share of rated handoffs in which the CSM still had to ask the customer about it: filled, but not trusted. The aim is none.",
            null, new FigureTable(["Field", "Rated handoffs", "Asked again", "Re-discovery rate"], table), new ChartSpec("hbar", 0, [2], "handoffs"));
    }

    /// <summary>The amount held on one deal: the holdback share of its commission.</summary>
    public decimal HoldbackOf(decimal arr) => Math.Round(arr * (decimal)Settings.CommissionRate * (decimal)Settings.HoldbackShare, 2);

    private Figure Holdback(List<DashboardHandoffRow> rows)
    {
        var table = rows.GroupBy(r => r.AeId).OrderBy(g => Name(g.Key)).Select(g =>
        {
            var held = g.Where(r => r.HoldbackReleasedAtUtc is null).ToList();
            var released = g.Where(r => r.HoldbackReleasedAtUtc is not null).ToList();
            return Row(Name(g.Key), g.Count(), held.Count, Money(held.Sum(r => HoldbackOf(r.Arr))), released.Count, Money(released.Sum(r => HoldbackOf(r.Arr))));
        }).ToList();
        var heldNow = rows.Where(r => r.HoldbackReleasedAtUtc is null).Sum(r => HoldbackOf(r.Arr));
        return new Figure("holdback", "Commission holdback",
            $"{Pct(Settings.HoldbackShare)} of each deal's commission ({Pct(Settings.CommissionRate)} of ARR) is held until the handoff is complete, the warm call is held (hot handoffs) and the CSM has accepted; then it is released. The CSV lists every deal for finance.",
            new Headline(Money(heldNow) + " held", null, null, [], "$", false),
            new FigureTable(["AE", "Deals", "Deals held", "Held", "Deals released", "Released"], table), new ChartSpec("stacked", 0, [2, 4], "deals"));
    }

    private Figure ArrAtRisk(List<DashboardHandoffRow> rows, IReadOnlyList<string> months)
    {
        static string? Why(DashboardHandoffRow r) => !r.Open ? null : (r.MissedClocks > 0, r.RejectedNow) switch
        {
            (true, true) => "missed clock and rejected",
            (true, false) => "missed clock",
            (false, true) => "rejected",
            _ => null,
        };
        var risky = rows.Select(r => (Row: r, Why: Why(r))).Where(x => x.Why is not null).ToList();
        var table = risky.OrderByDescending(x => x.Row.Arr).Select(x =>
            Row(x.Row.DealId, x.Row.AccountName, Money(x.Row.Arr), x.Why!, x.Row.MissedClocks, Name(x.Row.AeId), Name(x.Row.CsmId))).ToList();
        var total = risky.Sum(x => x.Row.Arr);
        return new Figure("arr-at-risk", "ARR at risk",
            $"Open handoffs (kickoff not yet held) with a missed clock or a rejection not yet answered: {risky.Count} customers, {Money(total)} ARR.",
            // A snapshot of what is open today: a trend by close month would only say that recent deals are still open.
            new Headline(Money(total), null, null, [], "$", false),
            new FigureTable(["Deal", "Account", "ARR", "Why", "Missed clocks", "AE", "CSM"], table), null);
    }

    private Figure FieldHealthFigure(List<DashboardFieldRow> fields, Dictionary<string, DashboardHandoffRow> byDeal)
    {
        var table = fields.GroupBy(f => (byDeal[f.DealId].ClosedMonth, f.Key)).OrderByDescending(g => g.Key.ClosedMonth).ThenBy(g => FieldOrder(g.Key.Key)).Select(g =>
        {
            var rated = g.Where(f => byDeal[f.DealId].Stars is not null).ToList();
            var month = new FieldMonth(g.Key.Key, g.Key.ClosedMonth, g.Count(), g.Count(f => f.Verdict == "Missing"),
                g.Count(f => f.Verdict != "Missing" && (f.Verdict != "Ok" || f.FlaggedJunk)), rated.Count, rated.Count(f => f.Rediscovered));
            var advice = FieldHealth.Advise(month);
            return Row(month.Month, Label(month.Key), month.Closes, Pct(month.BlankRate), Pct(month.WeakRate), month.Rated == 0 ? "–" : Pct(month.RediscoveredRate),
                advice == FieldAdvice.Keep ? "keep" : FieldHealth.Words(advice));
        }).ToList();
        var flagged = table.Count(r => r[6] != "keep");
        return new Figure("field-health", "Field health by month",
            $"For the 30/60/90-day review: each field's blank, weak and re-discovery rates per close month, with what to do about it. {flagged} field-months need action.",
            null, new FigureTable(["Month", "Field", "Closes", "Blank", "Weak", "Asked again", "Recommendation"], table), null);
    }

    // ---- formatting and lookups ----

    private static IReadOnlyList<string> Row(params object?[] cells) => cells.Select(c => c switch
    {
        null => "",
        int i => i.ToString(Inv),
        double d => d.ToString("0.##", Inv),
        string s => s,
        _ => Convert.ToString(c, Inv) ?? "",
    }).ToArray();

    private static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    public static string Pct(double? share) => share is { } s ? (s * 100).ToString("0", Inv) + " %" : "–";

    private static string Num(double? value) => value is { } v ? v.ToString("0.0", Inv) : "–";

    public static string Money(decimal value) => value.ToString("$#,0", Inv);

    private static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", Inv);

    private static string Time(DateTime? utc) => utc is { } v ? v.ToString("yyyy-MM-dd HH:mm", Inv) + " UTC" : "";

    private static DateTimeOffset Utc(DateTime v) => new(DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private static List<TrendPoint> Trend(IReadOnlyList<string> months, Func<string, double?> value) =>
        months.Select(m => new TrendPoint(m, value(m) is { } v ? Math.Round(v, 1) : null)).ToList();

    /// <summary>The person a clock's escalation reached: the role the playbook names, resolved for this deal's AE.</summary>
    private string Told(string? role, string aeId) => role is not { Length: > 0 } r ? "–"
        : Playbook.Resolve(r, aeId) is { } person ? $"{person.Name} ({r.Replace('_', ' ')})" : r.Replace('_', ' ');

    public string Name(string? id) => id is null ? "–" : Playbook.FindPerson(id)?.Name ?? id;

    private string Label(string key) => Playbook.Fields.Find(key)?.Label ?? key;

    private int FieldOrder(string key) => Playbook.Fields.Find(key)?.Ordinal ?? int.MaxValue;

    private static string Words(string stage) => string.Concat(stage.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private string? Spec(string clock) => Playbook.Clocks.FirstOrDefault(c => c.Name == clock)?.Duration.ToString();

    /// <summary>A clock's deadline in business days, the unit of the duration figures.</summary>
    private double? TargetDays(string clock) => Playbook.Clocks.FirstOrDefault(c => c.Name == clock)?.Duration is not { } d ? null : d.Unit switch
    {
        DurationUnit.BusinessDays => d.Amount,
        DurationUnit.BusinessHours => d.Amount / context.Calendar.WorkingDayLength.TotalHours,
        _ => null,
    };

    private (DateTime From, DateTime To) Bounds(DashboardFilter f) => (Start(f.FromMonth), Start(Next(f.ToMonth)));

    private DateTime Start(string month)
    {
        var date = ParseMonth(month);
        return date.AtStartOfDayInZone(context.Calendar.Zone).ToInstant().ToDateTimeUtc();
    }

    private static string Next(string month) => Month(ParseMonth(month).PlusMonths(1));

    private static LocalDate ParseMonth(string month) =>
        DateTime.TryParseExact(month, "yyyy-MM", Inv, DateTimeStyles.None, out var d) ? new LocalDate(d.Year, d.Month, 1) : new LocalDate(2000, 1, 1);

    public static bool IsMonth(string? month) => DateTime.TryParseExact(month, "yyyy-MM", Inv, DateTimeStyles.None, out _);

    private static string Month(LocalDate date) => date.ToString("yyyy-MM", Inv);

    private static IReadOnlyList<string> MonthsOf(DashboardFilter f)
    {
        var months = new List<string>();
        for (var m = ParseMonth(f.FromMonth); m <= ParseMonth(f.ToMonth) && months.Count < 60; m = m.PlusMonths(1)) months.Add(Month(m));
        return months;
    }
}
