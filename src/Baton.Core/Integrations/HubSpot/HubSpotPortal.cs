using System.Text.RegularExpressions;
using Baton.Domain.Contracts;
using Baton.Domain.Fields;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>What a portal has that the playbook cares about: deal property groups, deal properties (live and archived), deal pipelines.</summary>
public sealed record HubSpotPortal(
    IReadOnlyList<HubSpotPropertyGroup> Groups,
    IReadOnlyList<HubSpotProperty> Properties,
    IReadOnlyList<HubSpotPipeline> Pipelines)
{
    public static readonly HubSpotPortal Empty = new([], [], []);

    /// <summary>The live property with this name, else an archived one, else null.</summary>
    public HubSpotProperty? FindProperty(string name) =>
        Properties.FirstOrDefault(p => !p.Archived && p.Name == name) ?? Properties.FirstOrDefault(p => p.Name == name);

    public HubSpotPipeline? FindPipeline(string label) =>
        Pipelines.FirstOrDefault(p => !p.Archived && string.Equals(p.Label.Trim(), label.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the four lists; the first refusal is returned as it came.</summary>
    public static async Task<HubSpotResult<HubSpotPortal>> ReadAsync(HubSpotApi api, CancellationToken cancellationToken = default)
    {
        var groups = await api.ListDealPropertyGroupsAsync(cancellationToken);
        if (groups is not HubSpotResult<IReadOnlyList<HubSpotPropertyGroup>>.Ok g) return groups.Cast<HubSpotPortal>();
        var live = await api.ListDealPropertiesAsync(archived: false, cancellationToken);
        if (live is not HubSpotResult<IReadOnlyList<HubSpotProperty>>.Ok l) return live.Cast<HubSpotPortal>();
        var archived = await api.ListDealPropertiesAsync(archived: true, cancellationToken);
        if (archived is not HubSpotResult<IReadOnlyList<HubSpotProperty>>.Ok a) return archived.Cast<HubSpotPortal>();
        var pipelines = await api.ListDealPipelinesAsync(cancellationToken);
        if (pipelines is not HubSpotResult<IReadOnlyList<HubSpotPipeline>>.Ok p) return pipelines.Cast<HubSpotPortal>();
        return new HubSpotResult<HubSpotPortal>.Ok(new HubSpotPortal(g.Value, [.. l.Value, .. a.Value], p.Value));
    }
}

/// <summary>How Baton's handoff fields and CS pipeline look in HubSpot: the one mapping provisioning and drift share.</summary>
public static partial class HubSpotSchema
{
    /// <summary>HubSpot's <c>type</c>/<c>fieldType</c> for a manifest field type.</summary>
    public static (string Type, string FieldType) TypeOf(FieldType type) => type switch
    {
        FieldType.LongText => ("string", "textarea"),
        FieldType.Text or FieldType.Contact or FieldType.Url => ("string", "text"),
        FieldType.Number or FieldType.Currency => ("number", "number"),
        FieldType.Date => ("date", "date"),
        FieldType.Boolean => ("bool", "booleancheckbox"),
        FieldType.Choice => ("enumeration", "select"),
        FieldType.MultiChoice => ("enumeration", "checkbox"),
        _ => ("string", "text"),
    };

    /// <summary>A checkbox property stores "true"/"false"; the labels are what people see.</summary>
    public static readonly IReadOnlyList<HubSpotPropertyOption> BooleanOptions =
        [new("Yes", "true", 0), new("No", "false", 1)];

    /// <summary>The deal property for a manifest field, in the handoff group; null when the field maps to no HubSpot property.</summary>
    public static HubSpotPropertySpec? PropertyFor(FieldDefinition field, HubSpotOptions options)
    {
        if (string.IsNullOrWhiteSpace(field.HubSpotProperty)) return null;
        var (type, fieldType) = TypeOf(field.Type);
        IReadOnlyList<HubSpotPropertyOption> choices = field.Type switch
        {
            FieldType.Boolean => BooleanOptions,
            FieldType.Choice or FieldType.MultiChoice => [.. field.Choices.Select((c, i) => new HubSpotPropertyOption(c, c, i))],
            _ => [],
        };
        return new HubSpotPropertySpec(field.HubSpotProperty.Trim(), field.Label, type, fieldType, options.PropertyGroup, field.Help, choices);
    }

    public static HubSpotPropertySpec CsmProperty(HubSpotOptions options) => new(
        options.CsmProperty, "CSM", "string", "text", options.PropertyGroup,
        "The customer success manager Baton routed this customer to.", []);

    /// <summary>The CS pipeline's stage labels, in order, from the domain's <see cref="CsStage"/>.</summary>
    public static IReadOnlyList<string> CsStageLabels { get; } =
        [.. Enum.GetValues<CsStage>().Select(s => WordBoundary().Replace(s.ToString(), " "))];

    /// <summary>
    /// The CS stages as HubSpot deal stages. Deal stages need a probability; the customer has already bought, and
    /// Baton writes no amount on the CS deal, so it changes no forecast. Only the last stage is closed (probability 1).
    /// </summary>
    public static IReadOnlyList<HubSpotStageSpec> CsStages { get; } =
        [.. CsStageLabels.Select((label, i) => new HubSpotStageSpec(label, i, i == CsStageLabels.Count - 1 ? "1.0" : "0.5"))];

    /// <summary>The manifest's spelling of a field type (<c>long_text</c>), for messages.</summary>
    public static string ManifestName(FieldType type) => WordBoundary().Replace(type.ToString(), "_").ToLowerInvariant();

    public static string Kind(string type, string fieldType) => $"{type}/{fieldType}";

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex WordBoundary();
}
