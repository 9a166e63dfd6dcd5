using Microsoft.Extensions.Options;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>One change provisioning makes in the portal. Nothing here deletes, archives or retypes.</summary>
public abstract record ProvisioningAction
{
    private ProvisioningAction() { }

    /// <summary>The line the plan prints.</summary>
    public abstract string Describe();

    public sealed record CreatePropertyGroup(HubSpotPropertyGroup Group) : ProvisioningAction
    {
        public override string Describe() => $"create property group {Group.Name} '{Group.Label}'";
    }

    public sealed record CreateProperty(HubSpotPropertySpec Spec) : ProvisioningAction
    {
        public override string Describe() =>
            $"create deal property {Spec.Name} ({HubSpotSchema.Kind(Spec.Type, Spec.FieldType)}) '{Spec.Label}'"
            + (Spec.Type == "enumeration" ? $" with options {string.Join(", ", Spec.Options.Select(o => $"'{o.Label}'"))}" : "");
    }

    /// <param name="Changes">What changes, for people: "label 'A' → 'B'", "options: add 'SSO'".</param>
    public sealed record UpdateProperty(string Name, HubSpotPropertyUpdate Update, IReadOnlyList<string> Changes) : ProvisioningAction
    {
        public override string Describe() => $"update property {Name} {string.Join("; ", Changes)}";
    }

    public sealed record CreatePipeline(string Label, IReadOnlyList<HubSpotStageSpec> Stages) : ProvisioningAction
    {
        public override string Describe() => $"create pipeline '{Label}' with stages {string.Join(", ", Stages.Select(s => s.Label))}";
    }

    public sealed record CreateStages(string PipelineId, string PipelineLabel, IReadOnlyList<HubSpotStageSpec> Stages) : ProvisioningAction
    {
        public override string Describe() => $"add stages {string.Join(", ", Stages.Select(s => s.Label))} to pipeline '{PipelineLabel}'";
    }
}

/// <summary>Something provisioning will not change on its own, and what a person can do about it.</summary>
public sealed record ProvisioningConflict(string Subject, string Problem, string Fix)
{
    public override string ToString() => $"{Subject}: {Problem}. {Fix}";
}

/// <summary>The ordered actions that make the portal match the playbook, and the conflicts left for people.</summary>
public sealed record ProvisioningPlan(IReadOnlyList<ProvisioningAction> Actions, IReadOnlyList<ProvisioningConflict> Conflicts)
{
    public bool NothingToDo => Actions.Count == 0 && Conflicts.Count == 0;
}

/// <summary>
/// The pure planner: playbook + settings + what the portal has → what to create or update, in the order HubSpot needs
/// (the group before the properties in it).
/// </summary>
/// <remarks>
/// Additive only. A property with another type or field type is a conflict, not a change: it may hold data that a
/// retype would lose. An option in HubSpot that the manifest no longer lists stays (deals may carry it); drift reports it.
/// Labels and descriptions follow the manifest, which is under version control and is the source of truth.
/// </remarks>
public static class HubSpotProvisioning
{
    public static ProvisioningPlan Plan(Domain.Playbook.Playbook playbook, HubSpotOptions options, HubSpotPortal portal)
    {
        var actions = new List<ProvisioningAction>();
        var conflicts = new List<ProvisioningConflict>();

        if (!portal.Groups.Any(g => g.Name == options.PropertyGroup && !g.Archived))
            actions.Add(new ProvisioningAction.CreatePropertyGroup(new HubSpotPropertyGroup(options.PropertyGroup, options.PropertyGroupLabel)));

        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in playbook.Fields.Fields)
        {
            if (HubSpotSchema.PropertyFor(field, options) is not { } spec) continue;
            if (!planned.Add(spec.Name))
            {
                conflicts.Add(new(spec.Name, $"two manifest fields map to it (the second is '{field.Key}')",
                    "Give each field its own hubspot_property in handoff-fields.csv."));
                continue;
            }
            PlanProperty(spec, portal, actions, conflicts,
                $"Change field '{field.Key}' in handoff-fields.csv to a type that maps to the existing property, or point its hubspot_property at a new property name");
        }
        if (planned.Add(options.CsmProperty))
            PlanProperty(HubSpotSchema.CsmProperty(options), portal, actions, conflicts,
                "Set HubSpot:CsmProperty to a new property name, or retype the existing one by hand once nothing depends on its values");
        else
            conflicts.Add(new(options.CsmProperty, "a manifest field maps to the CSM property", "Set HubSpot:CsmProperty to a name no field uses."));

        var pipeline = portal.FindPipeline(options.CsPipelineLabel);
        if (pipeline is null)
        {
            actions.Add(new ProvisioningAction.CreatePipeline(options.CsPipelineLabel, HubSpotSchema.CsStages));
        }
        else
        {
            var missing = HubSpotSchema.CsStages
                .Where(s => !pipeline.Stages.Any(x => !x.Archived && string.Equals(x.Label.Trim(), s.Label, StringComparison.OrdinalIgnoreCase)))
                .ToArray();
            if (missing.Length > 0) actions.Add(new ProvisioningAction.CreateStages(pipeline.Id, pipeline.Label, missing));
        }
        return new ProvisioningPlan(actions, conflicts);
    }

    private static void PlanProperty(
        HubSpotPropertySpec spec, HubSpotPortal portal, List<ProvisioningAction> actions, List<ProvisioningConflict> conflicts, string retypeFix)
    {
        var existing = portal.FindProperty(spec.Name);
        if (existing is null)
        {
            actions.Add(new ProvisioningAction.CreateProperty(spec));
            return;
        }
        if (existing.Archived)
        {
            conflicts.Add(new(spec.Name, "the property is archived in HubSpot, so its name cannot be used for a new one",
                "Restore it in HubSpot (Settings → Properties → Archived properties; its values come back with it), then run provision again"));
            return;
        }
        if (existing.Type != spec.Type || existing.FieldType != spec.FieldType)
        {
            conflicts.Add(new(spec.Name,
                $"is {HubSpotSchema.Kind(existing.Type, existing.FieldType)} in HubSpot, Baton needs {HubSpotSchema.Kind(spec.Type, spec.FieldType)}; it may hold data, so Baton does not retype it",
                retypeFix));
            return;
        }

        var changes = new List<string>();
        string? label = null, description = null;
        IReadOnlyList<HubSpotPropertyOption>? options = null;
        if (existing.Label != spec.Label)
        {
            label = spec.Label;
            changes.Add($"label: '{existing.Label}' → '{spec.Label}'");
        }
        if (spec.Description.Length > 0 && (existing.Description ?? "") != spec.Description)
        {
            description = spec.Description;
            changes.Add("description from the manifest's help text");
        }
        var added = spec.Options.Where(o => !existing.Options.Any(x => x.Value == o.Value)).ToArray();
        if (added.Length > 0)
        {
            // HubSpot replaces the whole list on update: send every existing option too, so no value is dropped.
            var next = existing.Options.Count == 0 ? 0 : existing.Options.Max(o => o.DisplayOrder) + 1;
            options = [.. existing.Options, .. added.Select((o, i) => o with { DisplayOrder = next + i })];
            changes.Add($"options: add {string.Join(", ", added.Select(o => $"'{o.Label}'"))}");
        }
        if (changes.Count > 0)
            actions.Add(new ProvisioningAction.UpdateProperty(spec.Name, new HubSpotPropertyUpdate(label, description, options), changes));
    }
}

public enum ProvisioningStatus { Done, Failed, Skipped }

/// <summary>What happened to one action of a plan.</summary>
public sealed record ProvisioningStep(ProvisioningAction Action, ProvisioningStatus Status, string? Error = null);

/// <summary>Reads the portal, plans, and applies a plan through <see cref="HubSpotApi"/>.</summary>
public sealed class HubSpotProvisioner(HubSpotApi api, IOptions<HubSpotOptions> options)
{
    public async Task<HubSpotResult<ProvisioningPlan>> PlanAsync(Domain.Playbook.Playbook playbook, CancellationToken cancellationToken = default)
    {
        var portal = await HubSpotPortal.ReadAsync(api, cancellationToken);
        return portal is HubSpotResult<HubSpotPortal>.Ok ok
            ? new HubSpotResult<ProvisioningPlan>.Ok(HubSpotProvisioning.Plan(playbook, options.Value, ok.Value))
            : portal.Cast<ProvisioningPlan>();
    }

    /// <summary>Applies the actions in order and stops at the first refusal: later actions may need it (a property needs its group).</summary>
    public async Task<IReadOnlyList<ProvisioningStep>> ApplyAsync(ProvisioningPlan plan, CancellationToken cancellationToken = default)
    {
        var steps = new List<ProvisioningStep>(plan.Actions.Count);
        string? failure = null;
        foreach (var action in plan.Actions)
        {
            if (failure is not null)
            {
                steps.Add(new ProvisioningStep(action, ProvisioningStatus.Skipped, "an earlier action failed"));
                continue;
            }
            failure = await ApplyAsync(action, cancellationToken);
            steps.Add(new ProvisioningStep(action, failure is null ? ProvisioningStatus.Done : ProvisioningStatus.Failed, failure));
        }
        return steps;
    }

    /// <returns>Null when HubSpot accepted it, else why not.</returns>
    private async Task<string?> ApplyAsync(ProvisioningAction action, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case ProvisioningAction.CreatePropertyGroup a:
                return Why(await api.CreateDealPropertyGroupAsync(a.Group, cancellationToken));
            case ProvisioningAction.CreateProperty a:
                return Why(await api.CreateDealPropertyAsync(a.Spec, cancellationToken));
            case ProvisioningAction.UpdateProperty a:
                return Why(await api.UpdateDealPropertyAsync(a.Name, a.Update, cancellationToken));
            case ProvisioningAction.CreatePipeline a:
                return Why(await api.CreateDealPipelineAsync(a.Label, a.Stages, cancellationToken: cancellationToken));
            case ProvisioningAction.CreateStages a:
                foreach (var stage in a.Stages)
                    if (Why(await api.CreateDealStageAsync(a.PipelineId, stage, cancellationToken)) is { } why) return $"stage {stage.Label}: {why}";
                return null;
            default:
                return $"unknown action {action.GetType().Name}";
        }
    }

    private static string? Why<T>(HubSpotResult<T> result) => result is HubSpotResult<T>.Ok ? null : result.Describe();
}
