using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Baton.Tests.Doubles.HubSpot;

/// <summary>Properties and groups, pipelines, owners and v4 associations.</summary>
public sealed partial class HubSpotDouble
{
    // ---------------------------------------------------------------- properties

    /// <summary>fieldTypes HubSpot accepts for each property type.</summary>
    private static readonly Dictionary<string, string[]> FieldTypes = new()
    {
        ["string"] = ["text", "textarea", "html", "phonenumber", "file"],
        ["number"] = ["number", "calculation_equation"],
        ["date"] = ["date"],
        ["datetime"] = ["date"],
        ["enumeration"] = ["select", "radio", "checkbox", "booleancheckbox", "calculation_equation"],
        ["bool"] = ["booleancheckbox", "calculation_equation"],
    };

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex PropertyNamePattern();

    private JsonObject PropertyJson(string type, HubSpotPropertyDef def)
    {
        IEnumerable<HubSpotPropertyOption> options = def.Options;
        if (type == "deals" && def.Name == "dealstage")
            options = _pipelines.SelectMany(p => p.Stages).Select(s => new HubSpotPropertyOption(s.Label, s.Id, s.DisplayOrder));
        else if (type == "deals" && def.Name == "pipeline")
            options = _pipelines.Select(p => new HubSpotPropertyOption(p.Label, p.Id, p.DisplayOrder));
        else if (def.Name == "hubspot_owner_id")
            options = _owners.Select((o, i) => new HubSpotPropertyOption($"{o.FirstName} {o.LastName} ({o.Email})", o.Id, i));
        var json = new JsonObject
        {
            ["name"] = def.Name, ["label"] = def.Label, ["type"] = def.Type, ["fieldType"] = def.FieldType, ["description"] = def.Description,
            ["groupName"] = def.GroupName,
            ["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject
            {
                ["label"] = o.Label, ["value"] = o.Value, ["displayOrder"] = o.DisplayOrder, ["hidden"] = o.Hidden,
            })]),
            ["displayOrder"] = def.DisplayOrder, ["calculated"] = def.Calculated, ["externalOptions"] = def.Name is "hubspot_owner_id" or "dealstage" or "pipeline",
            ["hasUniqueValue"] = def.HasUniqueValue, ["hidden"] = def.Hidden, ["hubspotDefined"] = def.HubSpotDefined,
            ["modificationMetadata"] = new JsonObject
            {
                ["archivable"] = !def.HubSpotDefined, ["readOnlyDefinition"] = def.HubSpotDefined, ["readOnlyValue"] = def.ReadOnlyValue,
            },
            ["formField"] = def.FormField, ["archived"] = def.Archived,
            ["createdAt"] = Iso(_seededAt), ["updatedAt"] = Iso(_seededAt),
        };
        if (def.Name == "hubspot_owner_id") json["referencedObjectType"] = "OWNER";
        if (def.Archived) json["archivedAt"] = Iso(_seededAt);
        return json;
    }

    private Reply ListProperties(string t, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        var archived = QBool(c, "archived");
        return new Reply(200, new JsonObject
        {
            ["results"] = new JsonArray([.. Props(type).Values.Where(p => p.Archived == archived).Select(p => (JsonNode)PropertyJson(type, p))]),
        });
    }

    private Reply GetProperty(string t, string name, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        return Props(type).TryGetValue(name, out var def) && def.Archived == QBool(c, "archived")
            ? new Reply(200, PropertyJson(type, def))
            : NotFound($"Unable to find property {name}");
    }

    private Reply CreateProperty(string t, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        if (c.Json is not JsonObject input) return Invalid("Invalid input JSON: expected a property definition");
        var missing = new[] { "name", "label", "type", "fieldType", "groupName" }.Where(f => Str(input[f]) is not { Length: > 0 }).ToList();
        if (missing.Count > 0) return Invalid($"Missing required fields: [{string.Join(", ", missing)}]");
        var name = Str(input["name"])!;
        if (!PropertyNamePattern().IsMatch(name)) return Invalid($"Property name \"{name}\" is not valid: lower-case letters, digits and underscores, starting with a letter");
        if (Props(type).TryGetValue(name, out var existing))
            return Error(409, "OBJECT_ALREADY_EXISTS", existing.Archived
                ? $"A property named '{name}' already exists, archived; restore it or use another name."
                : $"A property named '{name}' already exists.");
        var (def, error) = ReadDefinition(type, input, new HubSpotPropertyDef(name, "", "string", "text", ""));
        if (error is not null) return error;
        Props(type)[name] = def!;
        return new Reply(201, PropertyJson(type, def!));
    }

    private Reply UpdateProperty(string t, string name, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        if (c.Json is not JsonObject input) return Invalid("Invalid input JSON: expected a property update");
        if (!Props(type).TryGetValue(name, out var def) || def.Archived) return NotFound($"Unable to find property {name}");
        if (input["name"] is not null && Str(input["name"]) != name) return Invalid("A property's name cannot be changed");
        if (def.HubSpotDefined && (input["type"] is not null || input["fieldType"] is not null))
            return Invalid($"{name} is a HubSpot-defined property: its type and fieldType cannot be changed");
        var (updated, error) = ReadDefinition(type, input, def);
        if (error is not null) return error;
        Props(type)[name] = updated!;
        return new Reply(200, PropertyJson(type, updated!));
    }

    private Reply DeleteProperty(string t, string name)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        if (!Props(type).TryGetValue(name, out var def) || def.Archived) return NotFound($"Unable to find property {name}");
        if (def.HubSpotDefined) return Invalid($"{name} is a HubSpot-defined property and cannot be archived");
        Props(type)[name] = def with { Archived = true };
        return new Reply(204, null);
    }

    /// <summary>Merges <paramref name="input"/> over <paramref name="def"/> and checks the result as HubSpot does.</summary>
    private (HubSpotPropertyDef? Def, Reply? Error) ReadDefinition(string type, JsonObject input, HubSpotPropertyDef def)
    {
        foreach (var field in new[] { "label", "type", "fieldType", "groupName", "description" })
            if (input[field] is { } node && Str(node) is null) return (null, Invalid($"{field} must be a string"));
        var result = def with
        {
            Label = Str(input["label"]) ?? def.Label,
            Type = Str(input["type"]) ?? def.Type,
            FieldType = Str(input["fieldType"]) ?? def.FieldType,
            GroupName = Str(input["groupName"]) ?? def.GroupName,
            Description = Str(input["description"]) ?? def.Description,
            Hidden = input["hidden"]?.GetValue<bool>() ?? def.Hidden,
            FormField = input["formField"]?.GetValue<bool>() ?? def.FormField,
            HasUniqueValue = input["hasUniqueValue"]?.GetValue<bool>() ?? def.HasUniqueValue,
            DisplayOrder = TryInt(input["displayOrder"], out var order) ? (int)order : def.DisplayOrder,
        };
        if (input["options"] is JsonArray options)
        {
            var list = new List<HubSpotPropertyOption>();
            foreach (var o in options)
            {
                if (Str(o?["label"]) is not { } label || Str(o?["value"]) is not { } value) return (null, Invalid("each option needs a label and a value (strings)"));
                list.Add(new HubSpotPropertyOption(label, value, TryInt(o?["displayOrder"], out var d) ? (int)d : list.Count, o?["hidden"]?.GetValue<bool>() ?? false));
            }
            if (list.GroupBy(o => o.Value).FirstOrDefault(g => g.Count() > 1) is { } dup) return (null, Invalid($"Duplicate option value {dup.Key}"));
            result = result with { Options = list };
        }
        else if (input["options"] is not null) return (null, Invalid("options must be an array"));

        if (!FieldTypes.TryGetValue(result.Type, out var fieldTypes))
            return (null, Invalid($"{result.Type} is not a valid property type; valid: [{string.Join(", ", FieldTypes.Keys)}]"));
        if (!fieldTypes.Contains(result.FieldType))
            return (null, Invalid($"fieldType {result.FieldType} is not valid for type {result.Type}; valid: [{string.Join(", ", fieldTypes)}]"));
        if (result.Type == "bool" && (result.Options.Count != 2 || !result.Options.Select(o => o.Value.ToLowerInvariant()).Order().SequenceEqual(["false", "true"])))
            return (null, Invalid("A bool property needs exactly two options, with values \"true\" and \"false\""));
        if (result.Type == "enumeration" && result.FieldType == "booleancheckbox" && result.Options.Count != 2)
            return (null, Invalid("An enumeration with fieldType booleancheckbox needs exactly two options"));
        if (result.Type is not ("enumeration" or "bool") && result.Options.Count > 0 && input["options"] is not null)
            return (null, Invalid($"Options are only allowed on enumeration and bool properties, not {result.Type}"));
        if (Groups(type).All(g => g.Name != result.GroupName || g.Archived))
            return (null, Invalid($"Property group {result.GroupName} does not exist"));
        return (result, null);
    }

    private static JsonObject GroupJson(PropertyGroup g) => new() { ["name"] = g.Name, ["label"] = g.Label, ["displayOrder"] = g.DisplayOrder, ["archived"] = g.Archived };

    private Reply ListGroups(string t) => CanonicalType(t) is not { } type
        ? UnknownType(t)
        : new Reply(200, new JsonObject { ["results"] = new JsonArray([.. Groups(type).Where(g => !g.Archived).Select(g => (JsonNode)GroupJson(g))]) });

    private Reply GetGroup(string t, string name)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        return Groups(type).FirstOrDefault(g => g.Name == name && !g.Archived) is { } g ? new Reply(200, GroupJson(g)) : NotFound($"Unable to find property group {name}");
    }

    private Reply CreateGroup(string t, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        if (c.Json is not JsonObject input || Str(input["name"]) is not { Length: > 0 } name || Str(input["label"]) is not { Length: > 0 } label)
            return Invalid("A property group needs a name and a label");
        if (!PropertyNamePattern().IsMatch(name)) return Invalid($"Group name \"{name}\" is not valid");
        if (Groups(type).Any(g => g.Name == name)) return Error(409, "OBJECT_ALREADY_EXISTS", $"A property group named '{name}' already exists.");
        var group = new PropertyGroup(name, label, TryInt(input["displayOrder"], out var d) ? (int)d : -1);
        Groups(type).Add(group);
        return new Reply(201, GroupJson(group));
    }

    // ---------------------------------------------------------------- pipelines

    private JsonObject StageJson(HubSpotStage s) => new()
    {
        ["id"] = s.Id, ["label"] = s.Label, ["displayOrder"] = s.DisplayOrder,
        ["metadata"] = new JsonObject([.. s.Metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))]),
        ["createdAt"] = Iso(_seededAt), ["updatedAt"] = Iso(_seededAt), ["archived"] = false, ["writePermissions"] = "CRM_PERMISSIONS_ENFORCEMENT",
    };

    private JsonObject PipelineJson(Pipe p) => new()
    {
        ["id"] = p.Id, ["label"] = p.Label, ["displayOrder"] = p.DisplayOrder,
        ["stages"] = new JsonArray([.. p.Stages.OrderBy(s => s.DisplayOrder).Select(s => (JsonNode)StageJson(s))]),
        ["createdAt"] = Iso(_seededAt), ["updatedAt"] = Iso(_seededAt), ["archived"] = p.Archived,
    };

    /// <summary>The double keeps deal pipelines only (Baton's need); other pipeline object types list empty.</summary>
    private static string? PipelineType(string t) => CanonicalType(t) == "deals" ? "deals" : t is "tickets" or "0-5" ? t : null;

    private Reply ListPipelines(string t)
    {
        if (PipelineType(t) is not { } type) return UnknownType(t);
        var list = type == "deals" ? _pipelines.Where(p => !p.Archived).Select(p => (JsonNode)PipelineJson(p)) : [];
        return new Reply(200, new JsonObject { ["results"] = new JsonArray([.. list]) });
    }

    private Reply GetPipeline(string t, string id)
    {
        if (PipelineType(t) is not { } type) return UnknownType(t);
        return type == "deals" && _pipelines.FirstOrDefault(p => p.Id == id && !p.Archived) is { } p ? new Reply(200, PipelineJson(p)) : NotFound($"Unable to find pipeline {id}");
    }

    private Reply ListStages(string t, string id)
    {
        if (PipelineType(t) is not { } type) return UnknownType(t);
        if (type != "deals" || _pipelines.FirstOrDefault(p => p.Id == id && !p.Archived) is not { } p) return NotFound($"Unable to find pipeline {id}");
        return new Reply(200, new JsonObject { ["results"] = new JsonArray([.. p.Stages.Select(s => (JsonNode)StageJson(s))]) });
    }

    private Reply CreatePipeline(string t, Call c)
    {
        if (PipelineType(t) != "deals") return t is "tickets" or "0-5" ? Invalid("The double serves deal pipelines only") : UnknownType(t);
        if (c.Json is not JsonObject input) return Invalid("Invalid input JSON: expected a pipeline");
        if (Str(input["label"]) is not { Length: > 0 } label) return Invalid("label is required");
        if (!TryInt(input["displayOrder"], out var order)) return Invalid("displayOrder is required (an integer)");
        if (input["stages"] is not JsonArray { Count: > 0 } stageInputs) return Invalid("stages is required: a pipeline needs at least one stage");
        if (stageInputs.Count > 100) return Invalid("A pipeline has at most 100 stages");
        var id = (++_nextPipelineId).ToString(CultureInfo.InvariantCulture);
        var stages = new List<HubSpotStage>();
        foreach (var s in stageInputs)
        {
            var (stage, error) = ReadStage(s, () => (++_nextPipelineId).ToString(CultureInfo.InvariantCulture));
            if (error is not null) return error;
            stages.Add(stage!);
        }
        if (stages.GroupBy(s => s.Label, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } dup)
            return Invalid($"Stage labels must be unique in a pipeline: {dup.Key}");
        var pipe = new Pipe(id, label, (int)order, stages);
        _pipelines.Add(pipe);
        return new Reply(201, PipelineJson(pipe));
    }

    private Reply CreateStage(string t, string id, Call c)
    {
        if (PipelineType(t) != "deals") return UnknownType(t);
        if (_pipelines.FirstOrDefault(p => p.Id == id && !p.Archived) is not { } pipe) return NotFound($"Unable to find pipeline {id}");
        var (stage, error) = ReadStage(c.Json, () => (++_nextPipelineId).ToString(CultureInfo.InvariantCulture));
        if (error is not null) return error;
        if (pipe.Stages.Any(s => s.Label.Equals(stage!.Label, StringComparison.OrdinalIgnoreCase))) return Invalid($"Stage labels must be unique in a pipeline: {stage!.Label}");
        pipe.Stages.Add(stage!);
        return new Reply(201, StageJson(stage!));
    }

    /// <summary>
    /// A deal stage input: label, displayOrder, and metadata with probability (0.0 to 1.0, number or string; required for deals).
    /// isClosed may be given ("true"/"false" or a bool); otherwise it is "true" for probability 0 or 1 (won or lost), as in the default pipeline.
    /// </summary>
    private static (HubSpotStage? Stage, Reply? Error) ReadStage(JsonNode? s, Func<string> newId)
    {
        if (s is not JsonObject stage) return (null, Invalid("each stage must be an object"));
        if (Str(stage["label"]) is not { Length: > 0 } label) return (null, Invalid("each stage needs a label"));
        if (!TryInt(stage["displayOrder"], out var order)) return (null, Invalid($"stage {label} needs a displayOrder (an integer)"));
        if (stage["metadata"] is not JsonObject metadata) return (null, Invalid($"stage {label} needs metadata; deal stages need metadata.probability"));
        var probabilityText = Str(metadata["probability"]) ?? (metadata["probability"] is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString(CultureInfo.InvariantCulture) : null);
        if (probabilityText is null || !double.TryParse(probabilityText, NumberStyles.Float, CultureInfo.InvariantCulture, out var probability) || probability is < 0 or > 1)
            return (null, Invalid($"stage {label}: metadata.probability is required for deal stages, between 0.0 and 1.0"));
        var closedNode = metadata["isClosed"];
        bool closed;
        if (closedNode is null) closed = probability is 0 or 1;
        else if (Str(closedNode) is { } text && bool.TryParse(text, out var parsed)) closed = parsed;
        else if (closedNode is JsonValue b && b.TryGetValue<bool>(out var flag)) closed = flag;
        else return (null, Invalid($"stage {label}: metadata.isClosed must be true or false"));
        var result = Stage(newId(), label, (int)order, probability, closed);
        var meta = new Dictionary<string, string>(result.Metadata);
        foreach (var (k, node) in metadata)
            if (k is not ("probability" or "isClosed") && node is not null) meta[k] = Str(node) ?? node.ToJsonString();
        return (result with { Metadata = meta }, null);
    }

    // ---------------------------------------------------------------- owners

    private JsonObject OwnerJson(OwnerRec o) => new()
    {
        ["id"] = o.Id, ["email"] = o.Email, ["type"] = "PERSON", ["firstName"] = o.FirstName, ["lastName"] = o.LastName, ["userId"] = o.UserId,
        ["userIdIncludingInactive"] = o.UserId, ["createdAt"] = Iso(o.CreatedAt), ["updatedAt"] = Iso(o.CreatedAt), ["archived"] = false, ["teams"] = new JsonArray(),
    };

    private Reply ListOwners(Call c)
    {
        if (!ReadLimit(Q(c, "limit"), 100, 500, out var limit, out var bad)) return bad!;
        // Archived owners are not modelled: archived=true lists none.
        var owners = QBool(c, "archived") ? [] : _owners.Where(o => Q(c, "email") is not { Length: > 0 } email || o.Email.Equals(email, StringComparison.OrdinalIgnoreCase)).ToList();
        var start = 0;
        if (Q(c, "after") is { Length: > 0 } after && !int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out start)) return Invalid($"invalid after: {after}");
        var page = owners.Skip(start).Take(limit).ToList();
        var json = new JsonObject { ["results"] = new JsonArray([.. page.Select(o => (JsonNode)OwnerJson(o))]) };
        if (start + page.Count < owners.Count) json["paging"] = Paging(c, Num(start + page.Count));
        return new Reply(200, json);
    }

    private Reply GetOwner(string id, Call c)
    {
        var owner = Q(c, "idProperty") == "userId" ? _owners.FirstOrDefault(o => Num(o.UserId) == id) : _owners.FirstOrDefault(o => o.Id == id);
        return owner is null ? NotFound($"Owner {id} not found") : new Reply(200, OwnerJson(owner));
    }

    // ---------------------------------------------------------------- associations v4

    private Reply AssociateLabelled(string f, string id, string to, string toId, Call c)
    {
        if (CanonicalType(f) is not { } from) return UnknownType(f);
        if (CanonicalType(to) is not { } toType) return UnknownType(to);
        if (Find(from, id, archived: false) is null) return NotFound($"No {Singular(from)} with id {id} exists");
        if (c.Json is not JsonArray { Count: > 0 } specs) return Invalid("The body must be a non-empty array of {associationCategory, associationTypeId}");
        var links = new List<(string ToType, string ToId, int TypeId, string Category)>();
        foreach (var spec in specs)
        {
            var (link, error) = ResolveSpec(from, spec, toId, toType);
            if (error is not null) return error;
            links.Add(link);
        }
        foreach (var l in links) Associate(from, id, l.ToType, l.ToId, l.TypeId, l.Category);
        var labels = links.Select(l => HubSpotDefined(from, toType, l.TypeId)?.Label).OfType<string>().Select(s => (JsonNode)s);
        return new Reply(200, new JsonObject
        {
            ["fromObjectTypeId"] = TypeIds[from], ["fromObjectId"] = long.Parse(id, CultureInfo.InvariantCulture),
            ["toObjectTypeId"] = TypeIds[toType], ["toObjectId"] = long.Parse(toId, CultureInfo.InvariantCulture),
            ["labels"] = new JsonArray([.. labels]),
        });
    }

    private Reply AssociateDefault(string f, string id, string to, string toId)
    {
        if (CanonicalType(f) is not { } from) return UnknownType(f);
        if (CanonicalType(to) is not { } toType) return UnknownType(to);
        if (Find(from, id, archived: false) is null) return NotFound($"No {Singular(from)} with id {id} exists");
        if (Find(toType, toId, archived: false) is null) return NotFound($"No {Singular(toType)} with id {toId} exists");
        if (AssocTypes.FirstOrDefault(a => a.From == from && a.To == toType && a.IsDefault) is not { } type)
            return Invalid($"HubSpot defines no default association from {Singular(from)} to {Singular(toType)}");
        Associate(from, id, toType, toId, type.Id, "HUBSPOT_DEFINED");
        JsonNode Result(string a, string aId, string b, string bId, int typeId) => new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = aId }, ["to"] = new JsonObject { ["id"] = bId },
            ["associationSpec"] = new JsonObject { ["associationCategory"] = "HUBSPOT_DEFINED", ["associationTypeId"] = typeId },
        };
        return new Reply(200, new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = new JsonArray(Result(from, id, toType, toId, type.Id), Result(toType, toId, from, id, type.Inverse)),
            ["startedAt"] = Iso(Time.GetUtcNow()), ["completedAt"] = Iso(Time.GetUtcNow()),
        });
    }

    private Reply Dissociate(string f, string id, string to, string toId)
    {
        if (CanonicalType(f) is not { } from) return UnknownType(f);
        if (CanonicalType(to) is not { } toType) return UnknownType(to);
        _associations.RemoveAll(a => (a.FromType == from && a.FromId == id && a.ToType == toType && a.ToId == toId)
                                     || (a.FromType == toType && a.FromId == toId && a.ToType == from && a.ToId == id));
        return new Reply(204, null);
    }

    private Reply ListAssociations(string f, string id, string to, Call c)
    {
        if (CanonicalType(f) is not { } from) return UnknownType(f);
        if (CanonicalType(to) is not { } toType) return UnknownType(to);
        if (!ReadLimit(Q(c, "limit"), 500, 500, out var limit, out var bad)) return bad!;
        if (Find(from, id, archived: false) is null) return NotFound($"No {Singular(from)} with id {id} exists");
        var grouped = _associations.Where(a => a.FromType == from && a.FromId == id && a.ToType == toType)
            .GroupBy(a => a.ToId).OrderBy(g => long.Parse(g.Key, CultureInfo.InvariantCulture)).ToList();
        var start = 0;
        if (Q(c, "after") is { Length: > 0 } after && !int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out start)) return Invalid($"invalid after: {after}");
        var page = grouped.Skip(start).Take(limit).ToList();
        var json = new JsonObject
        {
            ["results"] = new JsonArray([.. page.Select(g => (JsonNode)new JsonObject
            {
                ["toObjectId"] = long.Parse(g.Key, CultureInfo.InvariantCulture),
                ["associationTypes"] = new JsonArray([.. g.Select(a => (JsonNode)new JsonObject
                {
                    ["category"] = a.Category, ["typeId"] = a.TypeId, ["label"] = LabelOf(a) is { Length: > 0 } l ? l : null,
                })]),
            })]),
        };
        if (start + page.Count < grouped.Count) json["paging"] = Paging(c, Num(start + page.Count));
        return new Reply(200, json);
    }

    private Reply AssociationLabels(string f, string to)
    {
        if (CanonicalType(f) is not { } from) return UnknownType(f);
        if (CanonicalType(to) is not { } toType) return UnknownType(to);
        return new Reply(200, new JsonObject
        {
            ["results"] = new JsonArray([.. AssocTypes.Where(a => a.From == from && a.To == toType).Select(a => (JsonNode)new JsonObject
            {
                ["category"] = "HUBSPOT_DEFINED", ["typeId"] = a.Id, ["label"] = a.Label,
            })]),
        });
    }
}
