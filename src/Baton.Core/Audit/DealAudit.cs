using Baton.Domain.Fields;
using Baton.Domain.Gate;
using Baton.Domain.Quality;

namespace Baton.Core.Audit;

/// <summary>0-100 per pillar: the share of the pillar's required fields that carry a good answer; -1 when none applies.</summary>
public readonly record struct PillarScores(int Facts, int Context, int Commitments, int Risk, int Overall)
{
    public int this[Pillar p] => p switch
    {
        Pillar.Facts => Facts,
        Pillar.Context => Context,
        Pillar.Commitments => Commitments,
        _ => Risk,
    };

    public static PillarScores Compute(GatePlan plan, ReadOnlySpan<Verdict> verdicts)
    {
        Span<int> ok = stackalloc int[4];
        Span<int> total = stackalloc int[4];
        var fields = plan.FieldSpan;
        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            if (f.Requirement == Requirement.Optional) continue;
            total[(int)f.Pillar]++;
            if (verdicts[i].IsOk) ok[(int)f.Pillar]++;
        }
        static int Score(int ok, int total) => total == 0 ? -1 : (int)Math.Round(100.0 * ok / total);
        var allOk = ok[0] + ok[1] + ok[2] + ok[3];
        var all = total[0] + total[1] + total[2] + total[3];
        return new PillarScores(Score(ok[0], total[0]), Score(ok[1], total[1]), Score(ok[2], total[2]), Score(ok[3], total[3]), Score(allOk, all));
    }
}

/// <summary>One closed-won deal as the audit judged it; valid only during the sink call (it points into the reader's buffer).</summary>
public readonly ref struct DealAudit
{
    public required int Line { get; init; }
    public required ReadOnlySpan<char> Id { get; init; }
    public required ReadOnlySpan<char> Name { get; init; }
    public required ReadOnlySpan<char> Owner { get; init; }
    public required string? Segment { get; init; }
    public required bool Passed { get; init; }
    public required GatePlan Plan { get; init; }
    public required ReadOnlySpan<Verdict> Verdicts { get; init; }
    public required PillarScores Scores { get; init; }
    /// <summary>The deal's raw values, to tell a blank optional field (not judged) from one judged good; null when unknown.</summary>
    public IFieldValues? Values { get; init; }

    /// <summary>Whether the gate judged the i-th planned field: always, except an optional field left blank.</summary>
    public bool Judged(int i)
    {
        var f = Plan.FieldSpan[i];
        return f.Requirement != Requirement.Optional || Values is null || !Values.Get(f.Ordinal).IsWhiteSpace();
    }

    public int BlockingCount
    {
        get
        {
            var n = 0;
            var fields = Plan.FieldSpan;
            for (var i = 0; i < Verdicts.Length; i++)
                if (!Verdicts[i].IsOk && fields[i].Requirement == Requirement.Hard) n++;
            return n;
        }
    }
}

/// <summary>Receives each audited deal as it is read, so the audit never holds the file in memory.</summary>
public interface IAuditSink
{
    void Begin(AuditContext context);
    void Deal(in DealAudit deal);
    void End(AuditSummary summary);
}

/// <summary>What the audit knows once the header is read.</summary>
public sealed record AuditContext(string File, CrmFlavor Flavor, Domain.Playbook.Playbook Playbook, CrmExportSchema Schema);
