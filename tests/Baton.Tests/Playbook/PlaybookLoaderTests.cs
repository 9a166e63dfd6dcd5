using Baton.Core.Playbook;
using Baton.Domain.Fields;
using Baton.Domain.Playbook;

namespace Baton.Tests.Playbook;

public sealed class PlaybookLoaderTests : IDisposable
{
    private readonly ScratchDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_DefaultPlaybook_LoadsWithoutErrors()
    {
        var result = PlaybookLoader.Load(Repo.DefaultPlaybook);

        Assert.Empty(result.Errors);
        var p = result.Playbook!;
        Assert.Equal("Closed Won", p.WonStage.Name);
        Assert.Equal(["Qualified", "Discovery", "Demo", "Proposal", "Contract Sent", "Closed Won", "Closed Lost"], p.Stages.Select(s => s.Name));
        Assert.Equal("America/New_York", p.Calendar.TimeZone);
        Assert.Contains(new DateOnly(2026, 11, 26), p.Calendar.Holidays);
        Assert.Equal(HandoffType.Hot, p.FindSegment("Enterprise")!.Handoff);
        Assert.Equal("SMB", p.SegmentFor(12_000)!.Name);
        Assert.Equal("Mid-Market", p.SegmentFor(25_000)!.Name);
        Assert.Equal("1 business day", p.Clocks.Single(c => c.Name == "acknowledge").Duration.ToString());
        Assert.Equal("2 business days", p.Clocks.Single(c => c.Name == "first_contact").Duration.ToString());
    }

    [Fact]
    public void Load_DefaultManifest_CoversTheHandoffAtTheStageTheAeKnowsIt()
    {
        var fields = PlaybookLoader.Load(Repo.DefaultPlaybook).Playbook!.Fields;

        Assert.Equal(FieldType.Contact, fields.Find("executive_sponsor")!.Type);
        Assert.Equal("Discovery", fields.Find("champion")!.RequiredFrom);
        Assert.Equal("Contract Sent", fields.Find("promised")!.RequiredFrom);
        Assert.True(fields.Find("promised")!.HasRule("explicit_none"));
        var renewalRule = fields.Find("renewal_date")!.Rules.Single();
        Assert.Equal(("after", fields.Find("contract_start")!.Ordinal), (renewalRule.Name, renewalRule.ArgumentOrdinal));
        Assert.Equal(Requirement.Optional, fields.Find("call_recordings")!.Requirement);
        // Fractional capture: not everything lands at close.
        Assert.True(fields.Fields.Select(f => f.RequiredFrom).Distinct().Count() >= 4);
    }

    [Fact]
    public void Load_DefaultPlaybook_ReadsCustomerChannelsAndTheRevOpsChannel()
    {
        var notifications = PlaybookLoader.Load(Repo.DefaultPlaybook).Playbook!.Notifications;

        Assert.Equal("#cs-handoffs", notifications.Channel);
        Assert.Equal("#revops", notifications.RevOpsChannel);
        var customer = notifications.CustomerChannels!;
        Assert.Equal(["Mid-Market", "Enterprise"], customer.Segments);
        Assert.Equal(30, customer.ArchiveAfterDays);
        Assert.Equal("cust-", customer.Prefix);
        Assert.True(customer.AppliesTo("enterprise"));
        Assert.False(customer.AppliesTo("SMB"));
    }

    [Fact]
    public void Load_CustomerChannelsWithoutSegments_MeansTheHotSegments()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, PlaybookLoader.PlaybookFile, "    segments: [Mid-Market, Enterprise]\n    archive_after_days: 30\n    prefix: cust-\n", "    archive_after_days: 14\n");

        var result = PlaybookLoader.Load(dir);

        Assert.Empty(result.Errors);
        var customer = result.Playbook!.Notifications.CustomerChannels!;
        Assert.Equal(result.Playbook.Segments.Where(s => s.Handoff == HandoffType.Hot).Select(s => s.Name), customer.Segments);
        Assert.Equal(14, customer.ArchiveAfterDays);
        Assert.Equal("cust-", customer.Prefix);
    }

    [Fact]
    public void Load_CustomerChannelsNamingAnUnknownSegment_PointsAtTheName()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, PlaybookLoader.PlaybookFile, "segments: [Mid-Market, Enterprise]", "segments: [Mid-Market, Enterprize]");

        var error = Assert.Single(PlaybookLoader.Load(dir).Errors);

        Assert.EndsWith(PlaybookLoader.PlaybookFile, error.File);
        Assert.Equal((87, 28), (error.Line, error.Column));
        Assert.Contains("'Enterprize'", error.Message);
        Assert.Contains("Enterprise", error.Message);
    }

    [Theory]
    [InlineData("archive_after_days: 30", "archive_after_days: soon", "archive_after_days 'soon'")]
    [InlineData("archive_after_days: 30", "archive_after_days: 0", "positive whole number")]
    [InlineData("prefix: cust-", "prefix: \"Cust #\"", "lowercase letters")]
    [InlineData("prefix: cust-", "prefx: cust-", "unknown key 'prefx'")]
    public void Load_CustomerChannelsWithABadValue_SaysWhatIsWrong(string from, string to, string expected)
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, PlaybookLoader.PlaybookFile, from, to);

        var error = Assert.Single(PlaybookLoader.Load(dir).Errors);

        Assert.Contains(expected, error.Message);
        Assert.True(error.Line > 80);
    }

    [Fact]
    public void Load_FieldRequiredAtUnknownStage_PointsAtTheCell()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, PlaybookLoader.FieldsFile, "why_now,Why they bought now,long_text,hard,Discovery,", "why_now,Why they bought now,long_text,hard,Discovry,");

        var error = Assert.Single(PlaybookLoader.Load(dir).Errors);

        Assert.EndsWith(PlaybookLoader.FieldsFile, error.File);
        Assert.Equal((4, 44), (error.Line, error.Column));
        Assert.Contains("'Discovry'", error.Message);
        Assert.Contains("Discovery", error.Message);
    }

    [Fact]
    public void Load_DuplicateKeyAndUnknownType_ReportsBoth()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, PlaybookLoader.FieldsFile, "tools_replaced,Tools replaced,text,", "why_now,Tools replaced,strng,");

        var errors = PlaybookLoader.Load(dir).Errors;

        Assert.Contains(errors, e => e.Line == 8 && e.Column == 1 && e.Message.Contains("duplicate field key 'why_now'"));
        Assert.Contains(errors, e => e.Line == 8 && e.Column == 24 && e.Message.Contains("unknown type 'strng'") && e.Message.Contains("long_text"));
    }

    [Fact]
    public void Load_UnknownQualityRuleAndBadAfterTarget_AreReported()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, PlaybookLoader.FieldsFile, ",,metric,", ",,metrics,");
        Replace(dir, PlaybookLoader.FieldsFile, "after:contract_start", "after:contract_begin");

        var errors = PlaybookLoader.Load(dir).Errors;

        Assert.Contains(errors, e => e.Line == 5 && e.Message.Contains("unknown quality rule 'metrics'"));
        Assert.Contains(errors, e => e.Line == 17 && e.Message.Contains("'contract_begin' is not a field"));
    }

    [Fact]
    public void Load_BadDurationAndTimeZone_PointAtTheValues()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, PlaybookLoader.PlaybookFile, "duration: 3 business days", "duration: three business days");
        Replace(dir, PlaybookLoader.PlaybookFile, "time_zone: America/New_York", "time_zone: america/new_york");

        var errors = PlaybookLoader.Load(dir).Errors;

        var yaml = File.ReadAllLines(Path.Combine(dir, PlaybookLoader.PlaybookFile));
        var durationLine = Array.FindIndex(yaml, l => l.Contains("three business days")) + 1;
        var zoneLine = Array.FindIndex(yaml, l => l.Contains("america/new_york")) + 1;
        Assert.Contains(errors, e => e.Line == durationLine && e.Column == 15 && e.Message.Contains("'three business days' is not a duration"));
        Assert.Contains(errors, e => e.Line == zoneLine && e.Column == 14 && e.Message.Contains("did you mean 'America/New_York'"));
    }

    [Fact]
    public void Load_UnknownYamlKeyAndUnknownClock_AreReported()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, PlaybookLoader.PlaybookFile, "  working_hours:", "  workinghours:");
        Replace(dir, PlaybookLoader.PlaybookFile, "- name: kickoff", "- name: kick_off");

        var errors = PlaybookLoader.Load(dir).Errors;

        Assert.Contains(errors, e => e.Message.Contains("unknown key 'workinghours' in calendar"));
        Assert.Contains(errors, e => e.Message.Contains("unknown clock 'kick_off'"));
    }

    [Fact]
    public void Load_InvalidYaml_ReportsParserPosition()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        File.WriteAllText(Path.Combine(dir, PlaybookLoader.PlaybookFile), "name: x\npipeline:\n  stages: [a, b\n");

        var error = Assert.Single(PlaybookLoader.Load(dir).Errors);

        Assert.Contains("not valid YAML", error.Message);
        Assert.True(error.Line >= 3);
    }

    [Fact]
    public void Load_TemplatePlaceholderNamingNoField_IsReported()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        File.WriteAllText(Path.Combine(dir, PlaybookLoader.TemplatesDir, "bad.liquid"), "Hello {{ csm.name }},\nsee {{ fields.succes_metric }} and {{ deal.colour }}\n");

        var errors = PlaybookLoader.Load(dir).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Line == 2 && e.Column == 8 && e.Message.Contains("'fields.succes_metric' names no field"));
        Assert.Contains(errors, e => e.Line == 2 && e.Message.Contains("unknown placeholder 'deal.colour'"));
    }

    [Fact]
    public void Load_NoWonStageAndLatin1Csv_AreReported()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, PlaybookLoader.PlaybookFile, "      outcome: won\n", "");
        var csv = Path.Combine(dir, PlaybookLoader.FieldsFile);
        var bytes = File.ReadAllBytes(csv).ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'\n') + 1 + 10, [0xE9]); // 'é' in Windows-1252, on line 2
        File.WriteAllBytes(csv, bytes.ToArray());

        var errors = PlaybookLoader.Load(dir).Errors;

        Assert.Contains(errors, e => e.Message.Contains("no stage has 'outcome: won'"));
        Assert.Contains(errors, e => e.File.EndsWith(PlaybookLoader.FieldsFile) && e.Line == 2 && e.Message.Contains("not UTF-8"));
    }

    private static void Replace(string dir, string file, string from, string to)
    {
        var path = Path.Combine(dir, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }
}

public sealed class PlaybookRoutingTests : IDisposable
{
    private readonly ScratchDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_DefaultPlaybook_RoutesEachSegmentToItsPool()
    {
        var p = PlaybookLoader.Load(Repo.DefaultPlaybook).Playbook!;

        Assert.NotNull(p.Routing);
        Assert.Empty(p.Routing!.Check());
        var enterprise = p.Routing.Route(new Domain.Routing.DealFacts("d1", "Enterprise", 150_000, null, "rachel.goldberg", null), Domain.Routing.RoutingState.Empty);
        Assert.Equal("strategic", enterprise.Pool);
        Assert.Equal("Contract Sent", p.Notifications.PreCloseStage);
        Assert.Equal("kevin.marsh", p.Resolve(Domain.Playbook.Roles.AeManager, "rachel.goldberg")!.Id);
        Assert.Equal(5, p.Cadence.Count);
    }

    [Fact]
    public void Load_PoolMemberNotInTeamAndUnknownFallback_AreReported()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        var yaml = Path.Combine(dir, PlaybookLoader.PlaybookFile);
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("members: [yuki.tanaka, tom.becker]", "members: [yuki.tanaka, tom.baker]").Replace("fallback: scaled", "fallback: everyone"));

        var errors = PlaybookLoader.Load(dir).Errors;

        var line = Array.FindIndex(File.ReadAllLines(yaml), l => l.Contains("tom.baker")) + 1;
        Assert.Contains(errors, e => e.Line == line && e.Message.Contains("'tom.baker' is not in the team"));
        Assert.Contains(errors, e => e.Message.Contains("routing.fallback names pool 'everyone'"));
    }
}
