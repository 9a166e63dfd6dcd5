using Baton.Core.Integrations.HubSpot;
using Baton.Core.Playbook;

namespace Baton.Tests.Integrations.HubSpot;

/// <summary>Portals described as data, for the pure planner and comparer.</summary>
internal static class Portals
{
    public static readonly HubSpotOptions Options = new();

    public static Domain.Playbook.Playbook DefaultPlaybook { get; } = PlaybookContext.Load(Repo.DefaultPlaybook).Playbook;

    /// <summary>The sales pipeline HubSpot seeds, with the ids the default playbook names.</summary>
    public static HubSpotPipeline SalesPipeline { get; } = new("default", "Sales Pipeline", 0, false,
        [.. new[] { "appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost" }
            .Select((id, i) => Stage(id, id, i))]);

    /// <summary>A fresh portal: HubSpot's own group and the sales pipeline, nothing of Baton's.</summary>
    public static HubSpotPortal Fresh { get; } = new([new HubSpotPropertyGroup("dealinformation", "Deal information", 0)], [], [SalesPipeline]);

    /// <summary>What a portal looks like after provisioning the default playbook.</summary>
    public static HubSpotPortal Provisioned()
    {
        var specs = DefaultPlaybook.Fields.Fields.Select(f => HubSpotSchema.PropertyFor(f, Options)).OfType<HubSpotPropertySpec>()
            .Append(HubSpotSchema.CsmProperty(Options));
        var cs = new HubSpotPipeline("900000001", Options.CsPipelineLabel, 1, false,
            [.. HubSpotSchema.CsStageLabels.Select((label, i) => Stage($"cs{i}", label, i))]);
        return new HubSpotPortal(
            [.. Fresh.Groups, new HubSpotPropertyGroup(Options.PropertyGroup, Options.PropertyGroupLabel)],
            [.. specs.Select(Property)],
            [SalesPipeline, cs]);
    }

    public static HubSpotProperty Property(HubSpotPropertySpec s) => new(s.Name, s.Label, s.Type, s.FieldType, s.GroupName, s.Description, s.Options);

    public static HubSpotStage Stage(string id, string label, int order) =>
        new(id, label, order, false, new Dictionary<string, string?> { ["probability"] = "0.5", ["isClosed"] = "false" });

    /// <summary>The portal with one property replaced.</summary>
    public static HubSpotPortal With(this HubSpotPortal portal, string name, Func<HubSpotProperty, HubSpotProperty> change) =>
        portal with { Properties = [.. portal.Properties.Select(p => p.Name == name ? change(p) : p)] };

    public static HubSpotPortal Without(this HubSpotPortal portal, string name) =>
        portal with { Properties = [.. portal.Properties.Where(p => p.Name != name)] };
}
