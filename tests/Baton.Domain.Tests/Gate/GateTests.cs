using Baton.Domain.Calendar;
using Baton.Domain.Fields;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;
using Baton.Domain.Quality;

namespace Baton.Domain.Tests.Gate;

public sealed class GateTests
{
    private static readonly Playbook.Playbook Playbook = new()
    {
        Name = "test",
        Stages =
        [
            new Stage("Discovery", 0, StageOutcome.Open, null, null),
            new Stage("Proposal", 1, StageOutcome.Open, null, null),
            new Stage("Closed Won", 2, StageOutcome.Won, null, null),
            new Stage("Closed Lost", 3, StageOutcome.Lost, null, null),
        ],
        Segments = [new Segment("SMB", null, 25_000, HandoffType.Cold), new Segment("Enterprise", 25_000, null, HandoffType.Hot)],
        Calendar = new CalendarSpec("America/New_York", new HashSet<DayOfWeek> { DayOfWeek.Monday }, new TimeOnly(9, 0), new TimeOnly(17, 0), new HashSet<DateOnly>()),
        Clocks = [],
        Fields = new FieldManifest(
        [
            Field("champion", "Champion", FieldType.Contact, Requirement.Hard, "Discovery"),
            Field("why_now", "Why they bought now", FieldType.LongText, Requirement.Hard, "Discovery"),
            Field("competitors", "Competitors", FieldType.Text, Requirement.Soft, "Proposal"),
            Field("promised", "Promised", FieldType.LongText, Requirement.Hard, "Closed Won") with { Rules = [new QualityRule("explicit_none")] },
            Field("terms", "Non-standard terms", FieldType.LongText, Requirement.Hard, "Proposal") with { Segments = ["Enterprise"] },
            Field("recordings", "Recordings", FieldType.Url, Requirement.Optional, "Discovery"),
        ]),
    };

    private static FieldDefinition Field(string key, string label, FieldType type, Requirement requirement, string from) =>
        new() { Key = key, Label = label, Type = type, Requirement = requirement, RequiredFrom = from };

    private static FieldValues Values(params (string Key, string Value)[] values) =>
        FieldValues.From(Playbook.Fields, values.ToDictionary(v => v.Key, v => (string?)v.Value));

    private static readonly (string, string)[] GoodAnswers =
    [
        ("champion", "Marcus Lee <marcus.lee@northwind.io>"),
        ("why_now", "Board mandated cutting month-end close from 9 to 5 days before the March audit."),
        ("competitors", "Gong, Clari"),
        ("promised", "Nothing beyond the contract"),
        ("terms", "Net-60 payment terms and a 99.9% uptime SLA with service credits."),
    ];

    [Fact]
    public void Evaluate_EveryHardFieldGood_Passes()
    {
        var result = Baton.Domain.Gate.Gate.Evaluate(Playbook, Playbook.FindStage("Closed Won")!, "Enterprise", Values(GoodAnswers));

        Assert.True(result.Passed, string.Join("; ", result.Blocking.Select(b => $"{b.Field.Key}: {b.Verdict.Reason}")));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Evaluate_EarlyStage_AsksOnlyForFieldsRequiredByThen()
    {
        // Fractional capture: entering Discovery needs the Discovery fields, not what only close can know.
        var result = Baton.Domain.Gate.Gate.Evaluate(Playbook, Playbook.FindStage("Discovery")!, "Enterprise", Values(GoodAnswers[..2]));

        Assert.True(result.Passed);
        Assert.Equal(["champion", "why_now", "recordings"], result.Checks.Select(c => c.Field.Key));
    }

    [Fact]
    public void Evaluate_FillerInHardField_BlocksWithReasonPerField()
    {
        var answers = GoodAnswers.Select(a => a.Item1 == "why_now" ? ("why_now", "n/a") : a).Where(a => a.Item1 != "promised").ToArray();

        var result = Baton.Domain.Gate.Gate.Evaluate(Playbook, Playbook.FindStage("Closed Won")!, "Enterprise", Values(answers));

        Assert.False(result.Passed);
        var blocking = result.Blocking.ToDictionary(b => b.Field.Key, b => b.Verdict.Kind);
        Assert.Equal(VerdictKind.Filler, blocking["why_now"]);
        Assert.Equal(VerdictKind.Missing, blocking["promised"]);
        Assert.Equal(2, blocking.Count);
    }

    [Fact]
    public void Evaluate_SoftFieldMissing_WarnsButPasses()
    {
        var result = Baton.Domain.Gate.Gate.Evaluate(Playbook, Playbook.FindStage("Closed Won")!, "Enterprise", Values(GoodAnswers.Where(a => a.Item1 != "competitors").ToArray()));

        Assert.True(result.Passed);
        Assert.Equal("competitors", Assert.Single(result.Warnings).Field.Key);
    }

    [Fact]
    public void Evaluate_FieldForAnotherSegment_IsNotAsked()
    {
        var result = Baton.Domain.Gate.Gate.Evaluate(Playbook, Playbook.FindStage("Closed Won")!, "SMB", Values(GoodAnswers.Where(a => a.Item1 != "terms").ToArray()));

        Assert.True(result.Passed);
        Assert.DoesNotContain(result.Checks, c => c.Field.Key == "terms");
    }

    [Fact]
    public void Evaluate_OptionalFieldLeftBlank_IsNeitherBlockingNorWarning()
    {
        var result = Baton.Domain.Gate.Gate.Evaluate(Playbook, Playbook.FindStage("Closed Won")!, "Enterprise", Values(GoodAnswers));

        Assert.True(result.Checks.Single(c => c.Field.Key == "recordings").Verdict.IsOk);
    }

    [Fact]
    public void Evaluate_LostStage_ChecksNothing()
    {
        var result = Baton.Domain.Gate.Gate.Evaluate(Playbook, Playbook.FindStage("Closed Lost")!, "Enterprise", Values());

        Assert.True(result.Passed);
        Assert.Empty(result.Checks);
    }

    [Fact]
    public void EvaluateIntoSpan_MatchesTheAllocatingForm()
    {
        var plan = GatePlan.For(Playbook, Playbook.FindStage("Closed Won")!, "Enterprise");
        var values = Values(("champion", "tbd"), ("why_now", "Board mandated cutting close time before the audit in March."));
        var verdicts = new Verdict[plan.Fields.Count];

        var passed = plan.Evaluate(values, verdicts);

        var result = plan.Evaluate(values);
        Assert.Equal(result.Passed, passed);
        Assert.Equal(result.Checks.Select(c => c.Verdict), verdicts);
    }
}
