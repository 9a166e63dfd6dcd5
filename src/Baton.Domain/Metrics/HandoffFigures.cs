using Baton.Domain.Calendar;
using Baton.Domain.Fields;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;
using Baton.Domain.Quality;

namespace Baton.Domain.Metrics;

/// <summary>How a required field stood when the deal closed, and what the CSM later said about it.</summary>
/// <param name="FlaggedJunk">The CSM named it when rejecting the handoff.</param>
/// <param name="Rediscovered">The CSM had to ask the customer about it again (named in a rating).</param>
public sealed record FieldAtClose(string Key, Requirement Requirement, VerdictKind Verdict, bool FlaggedJunk, bool Rediscovered);

/// <summary>A clock that ran out, and whom Baton told.</summary>
public sealed record ClockMiss(string Clock, DateTimeOffset AtUtc, string EscalatedTo);

/// <summary>One closed-won deal reduced to what the dashboard counts. Durations are in business days of the team's calendar.</summary>
public sealed record HandoffFigures
{
    public required string DealId { get; init; }
    public required string AeId { get; init; }
    public required string Segment { get; init; }
    public required string HandoffType { get; init; }
    public required DateTimeOffset ClosedAtUtc { get; init; }

    /// <summary>Times the gate refused the move into the won stage before it passed.</summary>
    public int RefusalsAtClose { get; init; }

    /// <summary>Every hard and soft field the close requires was good at the moment of the close.</summary>
    public bool CompleteAtClose { get; init; }

    public IReadOnlyList<FieldAtClose> Fields { get; init; } = [];

    /// <summary>Required fields that are not good in the deal's latest values.</summary>
    public IReadOnlyList<string> MissingNow { get; init; } = [];

    public string? CsmId { get; init; }
    public DateTimeOffset? AcknowledgedAtUtc { get; init; }
    public DateTimeOffset? WarmCallAtUtc { get; init; }
    public DateTimeOffset? AcceptedAtUtc { get; init; }
    public DateTimeOffset? FirstContactAtUtc { get; init; }
    public DateTimeOffset? KickoffHeldAtUtc { get; init; }
    public DateTimeOffset? ContractSentAtUtc { get; init; }
    public DateTimeOffset? ContractSignedAtUtc { get; init; }
    public double? DaysToFirstContact { get; init; }
    public double? DaysToKickoff { get; init; }
    public double? DaysToContractSent { get; init; }
    public double? DaysToContractSigned { get; init; }

    public int Rejections { get; init; }
    public IReadOnlyList<string> RejectionReasons { get; init; } = [];
    /// <summary>True while the latest rejection has not been answered by an acceptance.</summary>
    public bool RejectedNow { get; init; }
    public int? Stars { get; init; }
    public IReadOnlyList<ClockMiss> Misses { get; init; } = [];

    public required string CsStage { get; init; }
    /// <summary>When the customer entered each CS stage it reached.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> CsStageEnteredAtUtc { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>When the commission holdback came free: handoff complete, warm call held (hot handoffs) and accepted by the CSM.</summary>
    public DateTimeOffset? HoldbackReleasedAtUtc { get; init; }
    /// <summary>What the holdback still waits for, in words; empty once released.</summary>
    public IReadOnlyList<string> HoldbackWaitingFor { get; init; } = [];

    /// <summary>The kickoff has not been held yet.</summary>
    public bool Open => KickoffHeldAtUtc is null;
}

/// <summary>Reduces a deal's history to its <see cref="HandoffFigures"/>. Pure: the playbook and calendar are given.</summary>
public static class HandoffFiguresProjection
{
    public const string FirstCsStage = "HandoffReceived";

    /// <summary>The figures of one deal, or null when its history holds no handoff (not closed-won).</summary>
    /// <param name="facts">The deal's history in the order it was written.</param>
    public static HandoffFigures? Project(Playbook.Playbook playbook, BusinessCalendar calendar, string dealId, IReadOnlyList<DealFact> facts)
    {
        var opened = facts.OfType<HandoffOpened>().FirstOrDefault();
        if (opened is null) return null;
        var won = playbook.Stages.FirstOrDefault(s => s.Outcome == StageOutcome.Won);
        var required = won is null ? [] : GatePlan.For(playbook, won, opened.Segment).Fields.Where(f => f.Requirement != Requirement.Optional).ToArray();
        var hot = string.Equals(opened.HandoffType, "Hot", StringComparison.OrdinalIgnoreCase);

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, VerdictKind>? atClose = null;
        int refusals = 0, rejections = 0;
        bool closed = false, rejectedNow = false;
        var reasons = new List<string>();
        var junk = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rediscovered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var misses = new List<ClockMiss>();
        var csStages = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        string? csm = null;
        int? stars = null;
        DateTimeOffset? ack = null, warm = null, accepted = null, contact = null, kickoff = null, sent = null, signed = null, released = null;

        foreach (var fact in facts)
        {
            switch (fact)
            {
                case FieldChanged f: values[f.Key] = f.Value.Length == 0 ? null : f.Value; break;
                case StageRefused r when !closed && won is not null && string.Equals(r.Stage, won.Name, StringComparison.OrdinalIgnoreCase): refusals++; break;
                case HandoffOpened o when !closed:
                    closed = true;
                    atClose = Judge(playbook, required, values);
                    csStages[FirstCsStage] = o.AtUtc;
                    break;
                case CsmChosen c: csm = c.CsmId; break;
                case Acknowledged a: ack ??= a.AtUtc; break;
                case WarmCallHeld w: warm ??= w.AtUtc; break;
                case Accepted a: accepted ??= a.AtUtc; rejectedNow = false; break;
                case Rejected r:
                    rejections++;
                    rejectedNow = true;
                    reasons.AddRange(r.Reasons);
                    junk.UnionWith(r.JunkFieldKeys);
                    break;
                case KickoffScheduled k: contact ??= k.AtUtc; break;
                case KickoffHeld k: kickoff ??= k.AtUtc; break;
                case Rated r: stars = r.Stars; rediscovered.UnionWith(r.RediscoveredFieldKeys); break;
                case ClockRanOut m: misses.Add(new ClockMiss(m.Clock, m.AtUtc, m.EscalatedTo)); break;
                case ContractSent s: sent ??= s.AtUtc; break;
                case ContractSigned s: signed ??= s.AtUtc; break;
                case CsStageEntered s: csStages.TryAdd(s.Stage, s.AtUtc); break;
            }
            // The holdback comes free at the first moment all three conditions hold together.
            if (released is null && closed && accepted is not null && (!hot || warm is not null) && Judge(playbook, required, values).Values.All(v => v == VerdictKind.Ok))
                released = fact.AtUtc;
        }

        var now = Judge(playbook, required, values);
        var waiting = new List<string>();
        if (released is null)
        {
            if (accepted is null) waiting.Add("CSM acceptance");
            if (hot && warm is null) waiting.Add("warm call");
            var weak = now.Where(v => v.Value != VerdictKind.Ok).Select(v => v.Key).ToArray();
            if (weak.Length > 0) waiting.Add("fields: " + string.Join(", ", weak));
        }
        var closeAt = opened.AtUtc;
        double? Days(DateTimeOffset? to) => to is { } t ? Math.Round(calendar.BusinessDaysBetween(closeAt, t), 2) : null;
        var current = csStages.OrderBy(s => s.Value).ThenBy(s => StageOrder(s.Key)).Last().Key;
        atClose ??= [];

        return new HandoffFigures
        {
            DealId = dealId,
            AeId = opened.AeId,
            Segment = opened.Segment,
            HandoffType = opened.HandoffType,
            ClosedAtUtc = closeAt,
            RefusalsAtClose = refusals,
            CompleteAtClose = atClose.Values.All(v => v == VerdictKind.Ok),
            Fields = required.Select(f => new FieldAtClose(f.Key, f.Requirement, atClose.GetValueOrDefault(f.Key, VerdictKind.Missing), junk.Contains(f.Key), rediscovered.Contains(f.Key))).ToArray(),
            MissingNow = now.Where(v => v.Value != VerdictKind.Ok).Select(v => v.Key).ToArray(),
            CsmId = csm,
            AcknowledgedAtUtc = ack,
            WarmCallAtUtc = warm,
            AcceptedAtUtc = accepted,
            FirstContactAtUtc = contact,
            KickoffHeldAtUtc = kickoff,
            ContractSentAtUtc = sent,
            ContractSignedAtUtc = signed,
            DaysToFirstContact = Days(contact),
            DaysToKickoff = Days(kickoff),
            DaysToContractSent = Days(sent),
            DaysToContractSigned = Days(signed),
            Rejections = rejections,
            RejectionReasons = reasons,
            RejectedNow = rejectedNow,
            Stars = stars,
            Misses = misses,
            CsStage = current,
            CsStageEnteredAtUtc = csStages,
            HoldbackReleasedAtUtc = released,
            HoldbackWaitingFor = waiting,
        };
    }

    private static int StageOrder(string stage) => Enum.TryParse<Contracts.CsStage>(stage, out var s) ? (int)s : -1;

    private static Dictionary<string, VerdictKind> Judge(Playbook.Playbook playbook, IReadOnlyList<FieldDefinition> required, Dictionary<string, string?> values)
    {
        var all = FieldValues.From(playbook.Fields, values);
        var verdicts = new Dictionary<string, VerdictKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in required) verdicts[f.Key] = FieldQuality.Check(f, all.Get(f.Ordinal), all, playbook.Fields).Kind;
        return verdicts;
    }
}
