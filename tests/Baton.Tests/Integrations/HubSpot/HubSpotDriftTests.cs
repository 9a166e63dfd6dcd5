using Baton.Core.Integrations.HubSpot;
using Baton.Core.Playbook;

namespace Baton.Tests.Integrations.HubSpot;

public sealed class HubSpotDriftTests : IDisposable
{
    private readonly ScratchDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DriftReport Compare(HubSpotPortal portal, IReadOnlyList<PlaybookError>? templates = null) =>
        HubSpotDrift.Compare(Portals.DefaultPlaybook, Portals.Options, portal, templates ?? []);

    [Fact]
    public void Compare_ProvisionedPortal_IsClean()
    {
        var report = Compare(Portals.Provisioned());

        Assert.True(report.IsClean, report.ToText());
        Assert.Equal("no drift: the portal matches the playbook", report.ToText());
    }

    [Fact]
    public void Compare_PropertyMissing_SaysToProvision()
    {
        var finding = Assert.Single(Compare(Portals.Provisioned().Without("baton_risks")).Findings);

        Assert.Equal((DriftAreas.Properties, "baton_risks"), (finding.Area, finding.Subject));
        Assert.Contains("missing in HubSpot (field 'risks' (long_text))", finding.Message);
        Assert.Contains("baton provision hubspot", finding.Message);
    }

    [Fact]
    public void Compare_PropertyArchived_ReportsArchived()
    {
        var finding = Assert.Single(Compare(Portals.Provisioned().With("baton_why_now", p => p with { Archived = true })).Findings);

        Assert.StartsWith("archived in HubSpot", finding.Message);
    }

    [Fact]
    public void Compare_PropertyRetyped_ReportsBothTypes()
    {
        var finding = Assert.Single(Compare(Portals.Provisioned().With("baton_seats", p => p with { Type = "string", FieldType = "text" })).Findings);

        Assert.Equal("wrong type: string/text in HubSpot, field 'seats' (number) needs number/number", finding.Message);
    }

    [Fact]
    public void Compare_FieldTypeChangedOnly_IsWrongType()
    {
        var finding = Assert.Single(Compare(Portals.Provisioned().With("baton_why_now", p => p with { FieldType = "text" })).Findings);

        Assert.Contains("string/text in HubSpot", finding.Message);
        Assert.Contains("needs string/textarea", finding.Message);
    }

    [Fact]
    public void Compare_LabelRenamed_ReportsBothLabels()
    {
        var finding = Assert.Single(Compare(Portals.Provisioned().With("baton_competitors", p => p with { Label = "Competition" })).Findings);

        Assert.Equal("label renamed: 'Competition' in HubSpot, 'Competitors evaluated' in the playbook", finding.Message);
    }

    [Fact]
    public void Compare_OptionsChanged_ReportsAddedAndRemovedValues()
    {
        var portal = Portals.Provisioned().With("baton_products", p => p with
        {
            Options = [.. p.Options.Where(o => o.Value != "SSO"), new HubSpotPropertyOption("Legacy", "Legacy", 9)],
        });

        var finding = Assert.Single(Compare(portal).Findings);

        Assert.Equal("options changed: added in HubSpot 'Legacy'; missing from HubSpot 'SSO'", finding.Message);
    }

    [Fact]
    public void Compare_StageIdNoPipelineHas_NamesTheStage()
    {
        var portal = Portals.Provisioned();
        var sales = portal.Pipelines[0];
        portal = portal with { Pipelines = [sales with { Stages = [.. sales.Stages.Where(s => s.Id != "contractsent")] }, portal.Pipelines[1]] };

        var finding = Assert.Single(Compare(portal).Findings);

        Assert.Equal((DriftAreas.Stages, "stage 'Contract Sent'"), (finding.Area, finding.Subject));
        Assert.Contains("'contractsent'", finding.Message);
    }

    [Fact]
    public void Compare_ArchivedStage_CountsAsMissing()
    {
        var portal = Portals.Provisioned();
        var sales = portal.Pipelines[0];
        portal = portal with { Pipelines = [sales with { Stages = [.. sales.Stages.Select(s => s.Id == "closedwon" ? s with { Archived = true } : s)] }, portal.Pipelines[1]] };

        Assert.Equal("stage 'Closed Won'", Assert.Single(Compare(portal).Findings).Subject);
    }

    [Fact]
    public void Compare_NoCsPipeline_ReportsIt()
    {
        var portal = Portals.Provisioned() with { Pipelines = [Portals.SalesPipeline] };

        var finding = Assert.Single(Compare(portal).Findings);

        Assert.Equal((DriftAreas.CsPipeline, "'Customer Success'"), (finding.Area, finding.Subject));
    }

    [Fact]
    public void Compare_CsPipelineMissingAStage_NamesTheStage()
    {
        var portal = Portals.Provisioned();
        var cs = portal.Pipelines[1];
        portal = portal with { Pipelines = [portal.Pipelines[0], cs with { Stages = [.. cs.Stages.Where(s => s.Label != "Kickoff Scheduled")] }] };

        Assert.Equal("has no stage 'Kickoff Scheduled'; run baton provision hubspot", Assert.Single(Compare(portal).Findings).Message);
    }

    [Fact]
    public void Compare_NoCsmProperty_ReportsItInItsOwnArea()
    {
        var finding = Assert.Single(Compare(Portals.Provisioned().Without("baton_csm")).Findings);

        Assert.Equal((DriftAreas.CsmProperty, "baton_csm"), (finding.Area, finding.Subject));
    }

    [Fact]
    public void ToText_SeveralFindings_OneLinePerFindingGroupedByArea()
    {
        var portal = Portals.Provisioned().Without("baton_csm").Without("baton_risks") with { Pipelines = [Portals.SalesPipeline] };

        var text = Compare(portal).ToText().Split(Environment.NewLine);

        Assert.Equal(
        [
            "HubSpot drift: 3 findings",
            DriftAreas.Properties, "  baton_risks: missing in HubSpot (field 'risks' (long_text)); run baton provision hubspot",
            DriftAreas.CsPipeline, "  'Customer Success': no deal pipeline has this label; run baton provision hubspot",
            DriftAreas.CsmProperty, "  baton_csm: missing in HubSpot (the CSM property); run baton provision hubspot",
        ], text);
    }

    [Fact]
    public void TemplateProblems_PlaceholderNamingNoField_FoundWithTheCheckPlaybookCheckRuns()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        var template = Path.Combine(dir, "templates", "email", "csm-welcome.liquid");
        File.AppendAllText(template, "{{ fields.why_they_bought }}\n");

        var problems = HubSpotDriftCheck.TemplateProblems(dir);
        var finding = Assert.Single(Compare(Portals.Provisioned(), problems).Findings);

        Assert.Equal(DriftAreas.Templates, finding.Area);
        Assert.StartsWith(template, finding.Subject);
        Assert.Contains("placeholder 'fields.why_they_bought' names no field", finding.Message);
    }

    [Fact]
    public void TemplateProblems_ShippedPlaybook_None()
    {
        Assert.Empty(HubSpotDriftCheck.TemplateProblems(Repo.DefaultPlaybook));
    }
}
