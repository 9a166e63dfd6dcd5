using Baton.Domain.Fields;
using Baton.Domain.Quality;

namespace Baton.Core.Audit;

/// <summary>How one field fared across the closed-won deals it applies to.</summary>
public sealed class FieldTally(FieldDefinition field)
{
    public FieldDefinition Field { get; } = field;
    public int Checked { get; internal set; }
    public int Filled { get; internal set; }
    public int Good { get; internal set; }
    public int Missing { get; internal set; }
    public int Filler { get; internal set; }
    public int Vague { get; internal set; }
    public int Invalid { get; internal set; }
    public double FillRate => Checked == 0 ? 1 : (double)Filled / Checked;
    public double GoodRate => Checked == 0 ? 1 : (double)Good / Checked;
}

/// <summary>One AE's closed-won deals.</summary>
public sealed class OwnerTally(string owner, int fieldCount)
{
    public string Owner { get; } = owner;
    public int ClosedWon { get; internal set; }
    public int Complete { get; internal set; }
    internal long ScoreSum { get; set; }
    internal int Scored { get; set; }
    public int Checked { get; internal set; }
    public int Good { get; internal set; }
    /// <summary>Good answers per field ordinal, for the AE-by-field fill matrix.</summary>
    public int[] GoodByField { get; } = new int[fieldCount];
    public int[] CheckedByField { get; } = new int[fieldCount];
    public double CompletenessRate => ClosedWon == 0 ? 0 : (double)Complete / ClosedWon;
    public double FillRate => Checked == 0 ? 1 : (double)Good / Checked;
    public double AverageScore => Scored == 0 ? 0 : (double)ScoreSum / Scored;
}

/// <summary>A deal among the worst handoffs, kept with its problems spelled out.</summary>
public sealed record Offender(int Line, string Id, string Name, string Owner, string? Segment, int Blocking, int Score, IReadOnlyList<string> Problems);

/// <summary>The audit's totals.</summary>
public sealed class AuditSummary
{
    public required string File { get; init; }
    public required CrmFlavor Flavor { get; init; }
    public required string PlaybookName { get; init; }
    public long DealsRead { get; internal set; }
    public int ClosedWon { get; internal set; }
    public int Complete { get; internal set; }
    public double CompletenessRate => ClosedWon == 0 ? 0 : (double)Complete / ClosedWon;
    public required IReadOnlyDictionary<string, long> DealsByStage { get; init; }
    public required IReadOnlyList<FieldTally> Fields { get; init; }
    public required IReadOnlyCollection<OwnerTally> Owners { get; init; }
    public required IReadOnlyList<Offender> WorstOffenders { get; init; }
    public required IReadOnlyList<FieldDefinition> FieldsNotInExport { get; init; }
    /// <summary>Average pillar scores over closed-won deals; -1 when no deal had the pillar.</summary>
    public required PillarScores AverageScores { get; init; }
}

/// <summary>Accumulates the summary row by row with fixed memory: counters, one entry per AE, a bounded offender list.</summary>
internal sealed class AuditTally
{
    public const int OffenderCount = 10;
    private readonly FieldTally[] _fields;
    private readonly Dictionary<string, OwnerTally> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OwnerTally>.AlternateLookup<ReadOnlySpan<char>> _ownerLookup;
    private readonly List<Offender> _offenders = [];
    private readonly long[] _scoreSums = new long[4];
    private readonly int[] _scoreCounts = new int[4];
    private readonly int _fieldCount;

    public AuditTally(FieldManifest manifest)
    {
        _fieldCount = manifest.Fields.Count;
        _fields = manifest.Fields.Select(f => new FieldTally(f)).ToArray();
        _ownerLookup = _owners.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public long[] StageCounts { get; set; } = [];
    public long DealsRead { get; set; }
    public int ClosedWon { get; private set; }
    public int Complete { get; private set; }

    public void Add(in DealAudit deal)
    {
        ClosedWon++;
        if (deal.Passed) Complete++;

        var ownerKey = deal.Owner.IsEmpty ? "(no owner)".AsSpan() : deal.Owner;
        if (!_ownerLookup.TryGetValue(ownerKey, out var owner))
        {
            owner = new OwnerTally(ownerKey.ToString(), _fieldCount);
            _owners.Add(owner.Owner, owner);
        }
        owner.ClosedWon++;
        if (deal.Passed) owner.Complete++;
        if (deal.Scores.Overall >= 0) { owner.ScoreSum += deal.Scores.Overall; owner.Scored++; }

        for (var p = 0; p < 4; p++)
        {
            var s = deal.Scores[(Pillar)p];
            if (s >= 0) { _scoreSums[p] += s; _scoreCounts[p]++; }
        }

        var fields = deal.Plan.FieldSpan;
        var verdicts = deal.Verdicts;
        var blocking = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            // A filled optional field is judged as a warning; a blank one is not judged, so it is not counted either.
            if (f.Requirement == Requirement.Optional && !deal.Judged(i)) continue;
            var t = _fields[f.Ordinal];
            var kind = verdicts[i].Kind;
            t.Checked++;
            owner.Checked++;
            owner.CheckedByField[f.Ordinal]++;
            // The gate calls a value Missing exactly when it is blank, so the verdict says whether it was filled.
            if (kind != VerdictKind.Missing) t.Filled++;
            if (kind != VerdictKind.Ok && f.Requirement == Requirement.Hard) blocking++;
            switch (kind)
            {
                case VerdictKind.Ok: t.Good++; owner.Good++; owner.GoodByField[f.Ordinal]++; break;
                case VerdictKind.Missing: t.Missing++; break;
                case VerdictKind.Filler: t.Filler++; break;
                case VerdictKind.Vague: t.Vague++; break;
                default: t.Invalid++; break;
            }
        }

        if (!deal.Passed) ConsiderOffender(deal, blocking);
    }

    /// <param name="blocking">The deal's <see cref="DealAudit.BlockingCount"/>, counted in the same pass as the tallies.</param>
    private void ConsiderOffender(in DealAudit deal, int blocking)
    {
        if (_offenders.Count == OffenderCount && !Worse(blocking, deal.Scores.Overall, _offenders[^1])) return;
        var problems = new List<string>();
        for (var i = 0; i < deal.Verdicts.Length; i++)
            if (!deal.Verdicts[i].IsOk && deal.Plan.Fields[i].Requirement == Requirement.Hard)
                problems.Add($"{deal.Plan.Fields[i].Label}: {KindName(deal.Verdicts[i].Kind)}");
        var o = new Offender(deal.Line, deal.Id.ToString(), deal.Name.ToString(), deal.Owner.ToString(), deal.Segment, blocking, deal.Scores.Overall, problems);
        var at = _offenders.FindIndex(x => Worse(blocking, o.Score, x));
        _offenders.Insert(at < 0 ? _offenders.Count : at, o);
        if (_offenders.Count > OffenderCount) _offenders.RemoveAt(_offenders.Count - 1);
    }

    // More blocking fields is worse; on a tie the lower score; on a tie the earlier row stays ahead.
    private static bool Worse(int blocking, int score, Offender other) =>
        blocking > other.Blocking || (blocking == other.Blocking && score < other.Score);

    public static string KindName(VerdictKind kind) => kind switch
    {
        VerdictKind.Missing => "missing",
        VerdictKind.Filler => "filler",
        VerdictKind.Vague => "vague",
        VerdictKind.Invalid => "invalid",
        _ => "ok",
    };

    public AuditSummary Build(AuditContext context)
    {
        int Avg(int p) => _scoreCounts[p] == 0 ? -1 : (int)Math.Round((double)_scoreSums[p] / _scoreCounts[p]);
        var overall = _owners.Values.Sum(o => o.Scored) is var n and > 0 ? (int)Math.Round((double)_owners.Values.Sum(o => o.ScoreSum) / n) : -1;
        return new AuditSummary
        {
            File = context.File,
            Flavor = context.Flavor,
            PlaybookName = context.Playbook.Name,
            DealsRead = DealsRead,
            ClosedWon = ClosedWon,
            Complete = Complete,
            DealsByStage = context.Playbook.Stages.ToDictionary(s => s.Name, s => s.Order < StageCounts.Length ? StageCounts[s.Order] : 0),
            Fields = _fields,
            Owners = _owners.Values,
            WorstOffenders = _offenders,
            FieldsNotInExport = context.Schema.MissingFields(context.Playbook.Fields).ToArray(),
            AverageScores = new PillarScores(Avg(0), Avg(1), Avg(2), Avg(3), overall),
        };
    }
}
