using Baton.Core.Playbook;
using Microsoft.Extensions.Options;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>One way the portal, or the playbook's templates, no longer match the playbook.</summary>
/// <param name="Area">The group it is reported under: <see cref="DriftAreas"/>.</param>
/// <param name="Subject">What drifted: a property name, a stage, a template location.</param>
public sealed record DriftFinding(string Area, string Subject, string Message)
{
    public override string ToString() => $"{Subject}: {Message}";
}

public static class DriftAreas
{
    public const string Properties = "deal properties";
    public const string Stages = "sales pipeline stages";
    public const string CsPipeline = "CS pipeline";
    public const string CsmProperty = "CSM property";
    public const string Templates = "templates";

    public static readonly IReadOnlyList<string> InOrder = [Properties, Stages, CsPipeline, CsmProperty, Templates];
}

public sealed record DriftReport(IReadOnlyList<DriftFinding> Findings)
{
    public bool IsClean => Findings.Count == 0;

    /// <summary>Findings grouped by area, in <see cref="DriftAreas.InOrder"/>.</summary>
    public IEnumerable<IGrouping<string, DriftFinding>> ByArea() =>
        Findings.GroupBy(f => f.Area).OrderBy(g => DriftAreas.InOrder.ToList().IndexOf(g.Key) is var i && i < 0 ? int.MaxValue : i);

    /// <summary>The report as people read it: a heading per area, one line per finding.</summary>
    public string ToText()
    {
        if (IsClean) return "no drift: the portal matches the playbook";
        var lines = new List<string> { $"HubSpot drift: {Findings.Count} finding{(Findings.Count == 1 ? "" : "s")}" };
        foreach (var area in ByArea())
        {
            lines.Add(area.Key);
            lines.AddRange(area.Select(f => $"  {f}"));
        }
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// The pure comparer: playbook + settings + the portal + the template problems → drift. No I/O, so the service can
/// run it on a schedule (<see cref="HubSpotOptions.DriftCheckInterval"/>) as the admin command does once.
/// </summary>
public static class HubSpotDrift
{
    public static DriftReport Compare(
        Domain.Playbook.Playbook playbook, HubSpotOptions options, HubSpotPortal portal, IReadOnlyList<PlaybookError> templateProblems)
    {
        var findings = new List<DriftFinding>();

        foreach (var field in playbook.Fields.Fields)
        {
            if (HubSpotSchema.PropertyFor(field, options) is not { } spec) continue;
            var what = $"field '{field.Key}' ({HubSpotSchema.ManifestName(field.Type)})";
            CompareProperty(spec, portal, DriftAreas.Properties, what, findings);
        }
        CompareProperty(HubSpotSchema.CsmProperty(options), portal, DriftAreas.CsmProperty, "the CSM property", findings);

        var stageIds = portal.Pipelines.Where(p => !p.Archived)
            .SelectMany(p => p.Stages).Where(s => !s.Archived).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stage in playbook.Stages)
            if (!string.IsNullOrWhiteSpace(stage.HubSpotId) && !stageIds.Contains(stage.HubSpotId))
                findings.Add(new(DriftAreas.Stages, $"stage '{stage.Name}'",
                    $"no pipeline in HubSpot has the stage id '{stage.HubSpotId}'; fix the stage's hubspot id in playbook.yaml or restore the stage"));

        var cs = portal.FindPipeline(options.CsPipelineLabel);
        if (cs is null)
        {
            findings.Add(new(DriftAreas.CsPipeline, $"'{options.CsPipelineLabel}'", "no deal pipeline has this label; run baton provision hubspot"));
        }
        else
        {
            foreach (var label in HubSpotSchema.CsStageLabels)
                if (!cs.Stages.Any(s => !s.Archived && string.Equals(s.Label.Trim(), label, StringComparison.OrdinalIgnoreCase)))
                    findings.Add(new(DriftAreas.CsPipeline, $"'{cs.Label}'", $"has no stage '{label}'; run baton provision hubspot"));
        }

        foreach (var problem in templateProblems)
            findings.Add(new(DriftAreas.Templates, $"{problem.File}:{problem.Line}:{problem.Column}", problem.Message));

        return new DriftReport(findings);
    }

    private static void CompareProperty(HubSpotPropertySpec spec, HubSpotPortal portal, string area, string what, List<DriftFinding> findings)
    {
        void Add(string message) => findings.Add(new(area, spec.Name, message));
        var existing = portal.FindProperty(spec.Name);
        if (existing is null)
        {
            Add($"missing in HubSpot ({what}); run baton provision hubspot");
            return;
        }
        if (existing.Archived)
        {
            Add($"archived in HubSpot ({what}); restore it in HubSpot's archived properties");
            return;
        }
        if (existing.Type != spec.Type || existing.FieldType != spec.FieldType)
            Add($"wrong type: {HubSpotSchema.Kind(existing.Type, existing.FieldType)} in HubSpot, {what} needs {HubSpotSchema.Kind(spec.Type, spec.FieldType)}");
        if (existing.Label != spec.Label)
            Add($"label renamed: '{existing.Label}' in HubSpot, '{spec.Label}' in the playbook");
        if (spec.Type != "enumeration" || existing.Type != "enumeration") return;
        var added = existing.Options.Where(o => !spec.Options.Any(x => x.Value == o.Value)).Select(o => $"'{o.Value}'").ToArray();
        var removed = spec.Options.Where(o => !existing.Options.Any(x => x.Value == o.Value)).Select(o => $"'{o.Value}'").ToArray();
        if (added.Length > 0 || removed.Length > 0)
        {
            var parts = new List<string>();
            if (added.Length > 0) parts.Add($"added in HubSpot {string.Join(", ", added)}");
            if (removed.Length > 0) parts.Add($"missing from HubSpot {string.Join(", ", removed)}");
            Add($"options changed: {string.Join("; ", parts)}");
        }
    }
}

/// <summary>The drift check the host can call: reads the portal and the templates on disk, then compares.</summary>
public sealed class HubSpotDriftCheck(HubSpotApi api, IOptions<HubSpotOptions> options)
{
    /// <exception cref="HubSpotRequestException">HubSpot could not be read after the pipeline's retries.</exception>
    public async Task<DriftReport> CheckAsync(PlaybookContext playbook, CancellationToken cancellationToken = default)
    {
        var portal = await HubSpotPortal.ReadAsync(api, cancellationToken);
        if (portal is not HubSpotResult<HubSpotPortal>.Ok ok) throw HubSpotRequestException.From("reading the HubSpot portal", portal);
        return HubSpotDrift.Compare(playbook.Playbook, options.Value, ok.Value, TemplateProblems(playbook.Directory));
    }

    /// <summary>
    /// The placeholder problems <c>playbook check</c> reports, from the same loader: a running service was started
    /// with a valid playbook, but its templates are files people keep editing.
    /// </summary>
    public static IReadOnlyList<PlaybookError> TemplateProblems(string playbookDirectory)
    {
        var templates = Path.GetFullPath(Path.Combine(playbookDirectory, PlaybookLoader.TemplatesDir)) + Path.DirectorySeparatorChar;
        return [.. PlaybookLoader.Load(playbookDirectory).Errors
            .Where(e => Path.GetFullPath(e.File).StartsWith(templates, StringComparison.Ordinal))];
    }
}
