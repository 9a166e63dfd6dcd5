using System.Text;

namespace Baton.Bench.Generate;

internal enum Flavour { HubSpot, Salesforce }

/// <summary>
/// Writes a CRM deal export the way HubSpot's UI export or a Salesforce report export lays it
/// out, one row at a time, so memory stays flat whatever the row count. Everything random comes
/// from one <see cref="Random"/> seeded by the caller: the same seed gives the same bytes.
/// </summary>
internal sealed class ExportGenerator
{
    private enum Kind
    {
        ExecutiveSponsor, Champion, WhyNow, SuccessMetric, DecisionCriteria, TechEnvironment, ToolsReplaced,
        Competitors, WhyWeWon, Promised, NonstandardTerms, Seats, Products, Arr, ContractStart, RenewalDate,
        Risks, ChampionExposed, DecisionTimeline, CallRecordings, Other,
    }

    private enum Quality { Blank, Filler, Vague, Good }

    /// <summary>One handoff column, with its per-AE outcome thresholds precomputed.</summary>
    private sealed class Column
    {
        public required ManifestField Field { get; init; }
        public required Kind Kind { get; init; }
        public required int RequiredFrom { get; init; }
        public required bool[] AppliesToSegment { get; init; }
        /// <summary>Per AE: cumulative [blank, +filler, +vague] when the field is due; then early-fill chance.</summary>
        public required double[][] Thresholds { get; init; }
    }

    private static readonly DateTime QuarterStart = new(2026, 7, 1);
    private static readonly DateTime NextQuarterStart = new(2026, 10, 1);
    /// <summary>When the export was pulled: the first Friday of Q4, for the Q3 review.</summary>
    private static readonly DateTime ExportedAt = new(2026, 10, 2, 16, 30, 0);

    private readonly PlaybookFiles _playbook;
    private readonly Flavour _flavour;
    private readonly Random _rng;
    private readonly PhraseBanks _banks;
    private readonly Company[] _companies;
    private readonly Column[] _columns;
    private readonly double[] _aeCumulative;
    private readonly double[] _stageCumulative;
    private readonly int _wonStage;
    private readonly int _lostStage;
    private readonly Scratch _scratch = new();

    public ExportGenerator(PlaybookFiles playbook, Flavour flavour, int seed)
    {
        _playbook = playbook;
        _flavour = flavour;
        _rng = new Random(seed);
        var products = playbook.Fields.FirstOrDefault(f => f.Key == "products")?.Choices ?? [];
        _banks = new PhraseBanks(_rng, products);
        _companies = Companies.Build(_rng);
        _wonStage = IndexOfOutcome("won");
        _lostStage = IndexOfOutcome("lost");
        _columns = [.. playbook.Fields
            .Where(f => flavour == Flavour.HubSpot || f.SalesforceField.Length > 0)
            .Select(BuildColumn)];
        _aeCumulative = Cumulative(People.Team.Select(a => a.Weight));
        _stageCumulative = Cumulative(playbook.Stages.Select((s, i) =>
            i == _wonStage ? 0.56 : i == _lostStage ? 0.16 : 0.28 / Math.Max(1, playbook.Stages.Count - 2)));
    }

    public long Write(string path, long deals)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
            Directory.CreateDirectory(dir);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: _flavour == Flavour.HubSpot);
        using (var writer = new StreamWriter(stream, encoding, 1 << 16))
        {
            var csv = new CsvOut(writer);
            WriteHeader(csv);
            var state = new RowState { RecordId = 18_000_000_000L + _rng.Next(1_000_000, 90_000_000), SalesforceSeq = _rng.Next(2_000_000, 9_000_000) };
            for (long i = 0; i < deals; i++)
                WriteRow(csv, state);
        }
        return new FileInfo(path).Length;
    }

    private sealed class RowState
    {
        public long RecordId;
        public long SalesforceSeq;
    }

    private void WriteHeader(CsvOut csv)
    {
        if (_flavour == Flavour.HubSpot)
        {
            foreach (var h in new[] { "Record ID", "Deal Name", "Deal Stage", "Deal owner", "Amount", "Close Date", "Create Date", "Pipeline", "Deal Type", "Territory" })
                csv.Field(h);
            foreach (var c in _columns)
                csv.Field(c.Field.Label);
        }
        else
        {
            foreach (var h in new[] { "Id", "Name", "StageName", "Owner.Name", "Amount", "CloseDate", "Territory__c" })
                csv.Field(h);
            foreach (var c in _columns)
                csv.Field(c.Field.SalesforceField);
        }
        csv.EndRow();
    }

    private void WriteRow(CsvOut csv, RowState state)
    {
        var rng = _rng;
        var aeIndex = Pick(_aeCumulative);
        var ae = People.Team[aeIndex];
        var stage = Pick(_stageCumulative);
        var amount = DrawAmount(ae.Focus);
        var segment = SegmentOf(amount);
        var company = _companies[rng.Next(_companies.Length)];
        var existing = rng.Next(100) < 22;

        // Closed deals closed last quarter (with the end-of-quarter push); open ones are expected this quarter.
        DateTime close;
        if (stage == _wonStage || stage == _lostStage)
        {
            close = stage == _wonStage && rng.Next(100) < 22
                ? NextQuarterStart.AddDays(-1 - rng.Next(6))
                : QuarterStart.AddDays(rng.Next(92));
        }
        else
        {
            close = NextQuarterStart.AddDays(rng.Next(92));
        }
        close = close.AddHours(rng.Next(8, 19)).AddMinutes(rng.Next(60));
        var cycleDays = segment switch { 0 => rng.Next(9, 50), 1 => rng.Next(25, 100), _ => rng.Next(55, 210) };
        var created = close.AddDays(-cycleDays).AddMinutes(rng.Next(-300, 300));
        if (created > ExportedAt)
            created = ExportedAt.AddDays(-rng.Next(1, 20)).AddMinutes(-rng.Next(600));

        // How far the AE got: a won deal has had every stage; most lost ones died before the contract.
        var reached = stage == _wonStage ? _wonStage
            : stage == _lostStage ? rng.Next(0, Math.Max(1, _wonStage - 2))
            : stage;

        // Standard deal properties.
        if (_flavour == Flavour.HubSpot)
        {
            state.RecordId += rng.Next(1, 4000);
            csv.Number(state.RecordId);
        }
        else
        {
            state.SalesforceSeq += rng.Next(1, 40);
            csv.Field(SalesforceId(state.SalesforceSeq));
        }
        csv.Field(DealName(company, existing));
        csv.Field(_flavour == Flavour.HubSpot ? _playbook.Stages[stage].Name : _playbook.Stages[stage].SalesforceName);
        csv.Field(ae.Name);
        csv.Number(amount);
        if (_flavour == Flavour.HubSpot)
        {
            csv.Field(_scratch.Clear().Add(close, "yyyy-MM-dd HH:mm").Span);
            csv.Field(_scratch.Clear().Add(created, "yyyy-MM-dd HH:mm").Span);
            csv.Field("Sales Pipeline");
            csv.Field(existing ? "Existing Business" : "New Business");
        }
        else
        {
            csv.Field(_scratch.Clear().Add(close, "yyyy-MM-dd").Span);
        }
        csv.Field(ae.Territory);

        // Contract dates are drawn once per row so renewal can follow start.
        var start = close.Date.AddDays(rng.Next(0, 31));
        if (rng.Next(2) == 0)
            start = new DateTime(start.Year, start.Month, 1).AddMonths(1);
        var years = segment == 0 ? 1 : rng.Next(100) < 8 ? rng.Next(2, 4) : 1;

        foreach (var col in _columns)
        {
            var quality = Decide(col, aeIndex, reached, segment, stage == _wonStage, stage == _lostStage);
            WriteValue(csv, col, quality, company, amount, segment, close, start, years, stage);
        }
        csv.EndRow();
    }

    private Quality Decide(Column col, int aeIndex, int reached, int segment, bool won, bool lost)
    {
        var t = col.Thresholds[aeIndex];
        var r = _rng.NextDouble();
        if (!col.AppliesToSegment[segment])
            return r < 0.95 ? Quality.Blank : Quality.Good;
        if (col.RequiredFrom > reached)
            return r < t[3] && !lost ? Quality.Good : Quality.Blank;
        // Before a gate enforces it, most reps only fill the handoff in when the deal closes.
        if (!won && _rng.Next(100) < 70)
            return Quality.Blank;
        return r < t[0] ? Quality.Blank : r < t[1] ? Quality.Filler : r < t[2] ? Quality.Vague : Quality.Good;
    }

    private void WriteValue(CsvOut csv, Column col, Quality quality, Company company, long amount, int segment,
        DateTime close, DateTime start, int years, int stage)
    {
        var rng = _rng;
        var typed = col.Kind is Kind.Seats or Kind.Products or Kind.Arr or Kind.ContractStart
            or Kind.ChampionExposed or Kind.CallRecordings or Kind.DecisionTimeline;
        if (quality == Quality.Blank || (typed && quality == Quality.Filler))
        {
            if (col.Kind == Kind.ChampionExposed && _flavour == Flavour.Salesforce)
                csv.Field("false"); // a Salesforce checkbox is never empty
            else
                csv.Empty();
            return;
        }
        if (quality == Quality.Filler && col.Kind != Kind.RenewalDate)
        {
            csv.Field(Pick(Phrases.Filler));
            return;
        }
        var vague = quality == Quality.Vague;
        switch (col.Kind)
        {
            case Kind.ExecutiveSponsor:
            case Kind.Champion:
                if (vague)
                    VagueContact(csv);
                else
                    Contact(csv, company, col.Kind == Kind.Champion && rng.Next(100) < 4);
                break;
            case Kind.WhyNow:
                csv.Field(vague ? Pick(Phrases.WhyNowVague) : Pick(_banks.WhyNow));
                break;
            case Kind.SuccessMetric:
                csv.Field(vague ? Pick(Phrases.SuccessMetricVague) : Pick(_banks.SuccessMetrics));
                break;
            case Kind.DecisionCriteria:
                csv.Field(vague ? Pick(Phrases.DecisionCriteriaVague) : Pick(_banks.DecisionCriteria));
                break;
            case Kind.TechEnvironment:
                csv.Field(vague ? Pick(Phrases.TechVague) : Pick(_banks.TechEnvironments));
                break;
            case Kind.ToolsReplaced:
                csv.Field(vague ? Pick(Phrases.ToolsReplacedVague) : Pick(_banks.ToolsReplaced));
                break;
            case Kind.Competitors:
                csv.Field(vague ? "a few" : Pick(_banks.Competitors));
                break;
            case Kind.WhyWeWon:
                csv.Field(vague ? Pick(Phrases.WhyWeWonVague) : Pick(Phrases.WhyWeWon));
                break;
            case Kind.Promised:
                csv.Field(vague ? Pick(Phrases.PromisedVague) : Pick(_banks.Promised));
                break;
            case Kind.NonstandardTerms:
                csv.Field(vague ? Pick(Phrases.TermsVague) : Pick(_banks.Terms));
                break;
            case Kind.Risks:
                csv.Field(vague ? Pick(Phrases.RisksVague) : Pick(_banks.Risks));
                break;
            case Kind.Seats:
                var perSeat = segment switch { 0 => rng.Next(480, 900), 1 => rng.Next(600, 1200), _ => rng.Next(700, 1500) };
                var seats = Math.Max(3, amount / perSeat);
                csv.Number(seats > 50 ? seats / 5 * 5 : seats);
                break;
            case Kind.Products:
                csv.Field(Pick(_banks.Products));
                break;
            case Kind.Arr:
                var arr = amount;
                var style = rng.Next(10);
                if (style < 3 || _flavour == Flavour.Salesforce)
                    csv.Number(arr); // a Salesforce currency field exports as a bare number
                else
                    csv.Field(_scratch.Clear().Add(style < 9 ? "$" : "").Add(arr, "N0").Span);
                break;
            case Kind.ContractStart:
                csv.Field(_scratch.Clear().Add(start, "yyyy-MM-dd").Span);
                break;
            case Kind.RenewalDate:
                // The sloppy versions: the renewal typed as the start date, or a year off.
                var renewal = quality switch
                {
                    Quality.Vague => start,
                    Quality.Filler => start.AddYears(years).AddDays(-1).AddYears(-1).AddDays(-rng.Next(1, 40)),
                    _ => start.AddYears(years).AddDays(-1),
                };
                csv.Field(_scratch.Clear().Add(renewal, "yyyy-MM-dd").Span);
                break;
            case Kind.ChampionExposed:
                var yes = rng.Next(100) < 30;
                csv.Field(_flavour == Flavour.HubSpot ? (yes ? "Yes" : "No") : (yes ? "true" : "false"));
                break;
            case Kind.DecisionTimeline:
                var s = _scratch.Clear().Add("Shortlist ").Add(close.AddDays(-rng.Next(35, 60)), "d MMM")
                    .Add(", security review ").Add(close.AddDays(-rng.Next(12, 30)), "d MMM")
                    .Add(stage == _wonStage || stage == _lostStage ? ", signed " : ", target signature ").Add(close, "d MMM");
                csv.Field(s.Span);
                break;
            case Kind.CallRecordings:
                var rec = _scratch.Clear().Add("https://calls.example.com/r/").Add(rng.Next(1000, 99999));
                if (rng.Next(100) < 10)
                    rec.Add(", https://calls.example.com/r/").Add(rng.Next(1000, 99999));
                csv.Field(rec.Span);
                break;
            default:
                csv.Field(vague ? "" : col.Field.Example);
                break;
        }
    }

    private void Contact(CsvOut csv, Company company, bool two)
    {
        var s = _scratch.Clear();
        AppendContact(s, company);
        if (two)
            AppendContact(s.Add(", "), company);
        csv.Field(s.Span);
    }

    private void AppendContact(Scratch s, Company company)
    {
        var first = Pick(People.FirstNames);
        var last = Pick(People.LastNames);
        s.Add(first).Add(' ').Add(last).Add(" <");
        switch (_rng.Next(10))
        {
            case < 4:
                s.AddLower(first).Add('.').AddLower(last);
                break;
            case < 8:
                s.AddLower(first[..1]).AddLower(last);
                break;
            default:
                s.AddLower(first);
                break;
        }
        s.Add('@').Add(company.Domain).Add('>');
    }

    private void VagueContact(CsvOut csv)
    {
        var roll = _rng.Next(10);
        if (roll < 5)
            csv.Field(Pick(People.TitlesOnly));
        else if (roll < 8)
            csv.Field(Pick(People.FirstNames));
        else
            csv.Field(_scratch.Clear().Add(Pick(People.FirstNames)).Add(' ').Add(Pick(People.LastNames)).Span);
    }

    private static readonly string[] NewDealNames =
        ["New Business", "Core", "Annual", "Analytics", "Pilot to annual", "Platform", "New logo"];

    private static readonly string[] ExpansionDealNames =
        ["Analytics add-on", "Expansion", "Workflows", "Upsell", "SSO add-on", "Seat true-up", "EMEA rollout"];

    private ReadOnlySpan<char> DealName(Company company, bool existing) =>
        _scratch.Clear().Add(company.Name).Add(" - ").Add(Pick(existing ? ExpansionDealNames : NewDealNames)).Span;

    private long DrawAmount(SegmentFocus focus)
    {
        var r = _rng.Next(100);
        var (lo, hi) = focus switch
        {
            SegmentFocus.Smb => r < 86 ? (4_000, 25_000) : (25_000, 48_000),
            SegmentFocus.MidMarket => r < 10 ? (14_000, 25_000) : r < 92 ? (25_000, 100_000) : (100_000, 160_000),
            _ => r < 18 ? (60_000, 100_000) : (100_000, 650_000),
        };
        var value = lo * Math.Exp(_rng.NextDouble() * Math.Log((double)hi / lo));
        var step = value < 25_000 ? 500 : value < 100_000 ? 1_000 : 5_000;
        var rounded = (long)(value / step) * step;
        return Math.Max(lo, Math.Min(rounded, hi - step));
    }

    private int SegmentOf(long amount)
    {
        var segments = _playbook.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var b = segments[i];
            if ((b.From is null || amount >= b.From) && (b.Below is null || amount < b.Below))
                return Math.Min(i, 2);
        }
        return 0;
    }

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>An 18-character opportunity id: key prefix 006, pod, counter, and the case-checksum suffix.</summary>
    private ReadOnlySpan<char> SalesforceId(long seq)
    {
        Span<char> id = stackalloc char[18];
        "0065g00000".CopyTo(id);
        for (var i = 14; i >= 10; i--)
        {
            id[i] = Base62[(int)(seq % 62)];
            seq /= 62;
        }
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var flags = 0;
            for (var k = 0; k < 5; k++)
            {
                if (id[chunk * 5 + k] is >= 'A' and <= 'Z')
                    flags |= 1 << k;
            }
            id[15 + chunk] = SuffixAlphabet[flags];
        }
        return _scratch.Clear().Add(id).Span;
    }

    private Column BuildColumn(ManifestField field)
    {
        var kind = field.Key switch
        {
            "executive_sponsor" => Kind.ExecutiveSponsor,
            "champion" => Kind.Champion,
            "why_now" => Kind.WhyNow,
            "success_metric" => Kind.SuccessMetric,
            "decision_criteria" => Kind.DecisionCriteria,
            "tech_environment" => Kind.TechEnvironment,
            "tools_replaced" => Kind.ToolsReplaced,
            "competitors" => Kind.Competitors,
            "why_we_won" => Kind.WhyWeWon,
            "promised" => Kind.Promised,
            "nonstandard_terms" => Kind.NonstandardTerms,
            "seats" => Kind.Seats,
            "products" => Kind.Products,
            "arr" => Kind.Arr,
            "contract_start" => Kind.ContractStart,
            "renewal_date" => Kind.RenewalDate,
            "risks" => Kind.Risks,
            "champion_politically_exposed" => Kind.ChampionExposed,
            "decision_timeline" => Kind.DecisionTimeline,
            "call_recordings" => Kind.CallRecordings,
            _ => Kind.Other,
        };
        var requiredFrom = Math.Max(0, _playbook.Stages.ToList().FindIndex(s => s.Name.Equals(field.RequiredFrom, StringComparison.OrdinalIgnoreCase)));
        var segmentNames = _playbook.Segments.Select(s => s.Name).ToList();
        while (segmentNames.Count < 3)
            segmentNames.Add("");
        var applies = segmentNames.Take(3)
            .Select(n => field.Segments.Length == 0 || field.Segments.Contains(n, StringComparer.OrdinalIgnoreCase))
            .ToArray();
        // The fields reps most like to skip: the ones that take thought or admit a weakness.
        var difficulty = kind switch
        {
            Kind.Risks or Kind.WhyWeWon or Kind.Promised => 1.5,
            Kind.NonstandardTerms or Kind.SuccessMetric => 1.2,
            Kind.ExecutiveSponsor or Kind.Champion or Kind.Seats or Kind.Arr or Kind.Products => 0.5,
            Kind.ContractStart or Kind.RenewalDate => 0.6,
            _ => 1.0,
        };
        var thresholds = People.Team.Select((ae, index) =>
        {
            var h = ae.Habit;
            // Reps who share a habit still differ a little: a fixed per-rep factor of 0.8 to 1.25.
            var personal = 0.8 + 0.45 * (index * 37 % 25) / 24.0;
            double blank, filler, vague;
            switch (field.Requirement)
            {
                case "soft":
                    (blank, filler, vague) = (h.Blank * 2 + 0.3, h.Filler * 0.6, h.Vague);
                    break;
                case "optional":
                    (blank, filler, vague) = (0.82 + h.Blank / 2, h.Filler * 0.2, h.Vague * 0.3);
                    break;
                default:
                    (blank, filler, vague) = (h.Blank * difficulty, h.Filler * difficulty, h.Vague * difficulty);
                    break;
            }
            (blank, filler, vague) = (blank * personal, filler * personal, vague * personal);
            if (kind == Kind.RenewalDate)
                (filler, vague) = (filler * 0.2, vague * 0.2);
            return new[] { blank, blank + filler, Math.Min(0.95, blank + filler + vague), h.Early };
        }).ToArray();
        return new Column { Field = field, Kind = kind, RequiredFrom = requiredFrom, AppliesToSegment = applies, Thresholds = thresholds };
    }

    private int IndexOfOutcome(string outcome)
    {
        for (var i = 0; i < _playbook.Stages.Count; i++)
        {
            if (_playbook.Stages[i].Outcome == outcome)
                return i;
        }
        throw new UsageException($"playbook has no stage with outcome '{outcome}'");
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var w = weights.ToArray();
        var total = w.Sum();
        var acc = 0.0;
        var result = new double[w.Length];
        for (var i = 0; i < w.Length; i++)
        {
            acc += w[i] / total;
            result[i] = acc;
        }
        result[^1] = 1.0;
        return result;
    }

    private int Pick(double[] cumulative)
    {
        var r = _rng.NextDouble();
        var i = 0;
        while (i < cumulative.Length - 1 && r >= cumulative[i])
            i++;
        return i;
    }

    private string Pick(string[] bank) => bank[_rng.Next(bank.Length)];
}
