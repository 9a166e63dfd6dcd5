using Baton.Core.Integrations.HubSpot;
using Baton.Domain.Fields;

namespace Baton.Tests.Integrations.HubSpot;

public sealed class HubSpotProvisioningTests
{
    [Theory]
    [InlineData(FieldType.LongText, "string", "textarea")]
    [InlineData(FieldType.Text, "string", "text")]
    [InlineData(FieldType.Contact, "string", "text")]
    [InlineData(FieldType.Url, "string", "text")]
    [InlineData(FieldType.Number, "number", "number")]
    [InlineData(FieldType.Currency, "number", "number")]
    [InlineData(FieldType.Date, "date", "date")]
    [InlineData(FieldType.Boolean, "bool", "booleancheckbox")]
    [InlineData(FieldType.Choice, "enumeration", "select")]
    [InlineData(FieldType.MultiChoice, "enumeration", "checkbox")]
    [InlineData(FieldType.Scope, "string", "text")]
    public void TypeOf_ManifestType_MapsToHubSpotTypeAndFieldType(FieldType type, string hubSpotType, string fieldType)
    {
        Assert.Equal((hubSpotType, fieldType), HubSpotSchema.TypeOf(type));
    }

    [Fact]
    public void Plan_FreshPortal_CreatesGroupThenEveryPropertyThenThePipeline()
    {
        var plan = HubSpotProvisioning.Plan(Portals.DefaultPlaybook, Portals.Options, Portals.Fresh);
        var lines = plan.Actions.Select(a => a.Describe()).ToList();

        Assert.Empty(plan.Conflicts);
        Assert.Equal("create property group handoff_information 'Handoff Information'", lines[0]);
        Assert.Contains("create deal property baton_why_now (string/textarea) 'Why they bought now'", lines);
        Assert.Contains("create deal property baton_products (enumeration/checkbox) 'Products' with options 'Core', 'Analytics', 'Workflows', 'API', 'SSO'", lines);
        Assert.Contains("create deal property baton_csm (string/text) 'CSM'", lines);
        Assert.Equal("create pipeline 'Customer Success' with stages Handoff Received, Kickoff Scheduled, Onboarding Active, Onboarding Complete, Ongoing Success", lines[^1]);
        Assert.Equal(1 + 20 + 1 + 1, plan.Actions.Count);
    }

    [Fact]
    public void Plan_FreshPortal_BooleanGetsTrueAndFalseAndHelpBecomesTheDescription()
    {
        var plan = HubSpotProvisioning.Plan(Portals.DefaultPlaybook, Portals.Options, Portals.Fresh);
        var exposed = plan.Actions.OfType<ProvisioningAction.CreateProperty>().Single(a => a.Spec.Name == "baton_champion_exposed").Spec;

        Assert.Equal(("bool", "booleancheckbox"), (exposed.Type, exposed.FieldType));
        Assert.Equal(["true", "false"], exposed.Options.Select(o => o.Value));
        Assert.StartsWith("Yes if the champion staked", exposed.Description);
        Assert.Equal("handoff_information", exposed.GroupName);
    }

    [Fact]
    public void Plan_ProvisionedPortal_HasNothingToDo()
    {
        var plan = HubSpotProvisioning.Plan(Portals.DefaultPlaybook, Portals.Options, Portals.Provisioned());

        Assert.True(plan.NothingToDo, string.Join(Environment.NewLine, plan.Actions.Select(a => a.Describe())));
    }

    [Fact]
    public void Plan_OptionMissingFromHubSpot_AddsItAndKeepsEveryExistingOption()
    {
        var portal = Portals.Provisioned().With("baton_products", p => p with
        {
            Options = [new("Core", "Core", 0), new("Analytics", "Analytics", 1), new("Workflows", "Workflows", 2), new("API", "API", 3), new("Legacy", "Legacy", 4)],
        });

        var plan = HubSpotProvisioning.Plan(Portals.DefaultPlaybook, Portals.Options, portal);

        var update = Assert.IsType<ProvisioningAction.UpdateProperty>(Assert.Single(plan.Actions));
        Assert.Equal("update property baton_products options: add 'SSO'", update.Describe());
        Assert.Equal(["Core", "Analytics", "Workflows", "API", "Legacy", "SSO"], update.Update.Options!.Select(o => o.Value));
        Assert.Equal(5, update.Update.Options![^1].DisplayOrder);
    }

    [Fact]
    public void Plan_LabelRenamedInHubSpot_RelabelsFromTheManifest()
    {
        var portal = Portals.Provisioned().With("baton_competitors", p => p with { Label = "Competition" });

        var plan = HubSpotProvisioning.Plan(Portals.DefaultPlaybook, Portals.Options, portal);

        Assert.Equal("update property baton_competitors label: 'Competition' → 'Competitors evaluated'", Assert.Single(plan.Actions).Describe());
    }

    [Fact]
    public void Plan_PropertyOfAnotherType_IsAConflictAndIsNotChanged()
    {
        var portal = Portals.Provisioned().With("baton_seats", p => p with { Type = "string", FieldType = "text" });

        var plan = HubSpotProvisioning.Plan(Portals.DefaultPlaybook, Portals.Options, portal);

        Assert.Empty(plan.Actions);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal("baton_seats", conflict.Subject);
        Assert.Contains("is string/text in HubSpot, Baton needs number/number", conflict.Problem);
        Assert.Contains("handoff-fields.csv", conflict.Fix);
    }

    [Fact]
    public void Plan_ArchivedProperty_IsAConflictSayingToRestoreIt()
    {
        var portal = Portals.Provisioned().With("baton_why_now", p => p with { Archived = true });

        var plan = HubSpotProvisioning.Plan(Portals.DefaultPlaybook, Portals.Options, portal);

        Assert.Empty(plan.Actions);
        Assert.Contains("Restore it in HubSpot", Assert.Single(plan.Conflicts).Fix);
    }

    [Fact]
    public void Plan_CsPipelineMissingStages_AddsOnlyThoseStages()
    {
        var portal = Portals.Provisioned();
        var cs = portal.Pipelines[1];
        portal = portal with { Pipelines = [portal.Pipelines[0], cs with { Label = "customer success", Stages = [.. cs.Stages.Take(3)] }] };

        var plan = HubSpotProvisioning.Plan(Portals.DefaultPlaybook, Portals.Options, portal);

        var add = Assert.IsType<ProvisioningAction.CreateStages>(Assert.Single(plan.Actions));
        Assert.Equal(cs.Id, add.PipelineId);
        Assert.Equal(["Onboarding Complete", "Ongoing Success"], add.Stages.Select(s => s.Label));
        Assert.Equal([3, 4], add.Stages.Select(s => s.DisplayOrder));
    }

    [Fact]
    public void CsStages_FromTheDomain_LastOneClosed()
    {
        Assert.Equal(["Handoff Received", "Kickoff Scheduled", "Onboarding Active", "Onboarding Complete", "Ongoing Success"], HubSpotSchema.CsStageLabels);
        Assert.Equal(["0.5", "0.5", "0.5", "0.5", "1.0"], HubSpotSchema.CsStages.Select(s => s.Probability));
    }
}
