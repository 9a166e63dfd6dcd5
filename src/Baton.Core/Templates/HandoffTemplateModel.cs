using System.Globalization;
using Baton.Domain.Fields;
using Baton.Domain.Fields.Values;

namespace Baton.Core.Templates;

/// <summary>The deal as templates see it: <c>deal.name</c>, <c>deal.company</c>, <c>deal.arr</c>, … all display strings.</summary>
public sealed record TemplateDeal
{
    public required string Name { get; init; }
    public required string Company { get; init; }
    public required string Segment { get; init; }
    /// <summary>Contracted ARR as the customer reads it, e.g. "$48,000".</summary>
    public string Arr { get; init; } = "";
    public string Amount { get; init; } = "";
    public string Stage { get; init; } = "";
    public string CloseDate { get; init; } = "";
    public string Owner { get; init; } = "";
    public string Territory { get; init; } = "";
    public string CrmUrl { get; init; } = "";
}

/// <summary>An AE or CSM: <c>csm.name</c>, <c>csm.email</c>, <c>csm.slack_mention</c>.</summary>
public sealed record TemplatePerson(string Name, string Email = "", string SlackMention = "");

/// <summary>A handoff field's value as written for people, with the contact parts when it names one.</summary>
/// <remarks>Prints as <see cref="Display"/>; a contact also answers <c>.name</c>, <c>.first_name</c> and <c>.email</c>.</remarks>
public sealed record TemplateField(string Key, string Label, string Display, string? Name = null, string? Email = null)
{
    internal TemplateObject ToObject()
    {
        var members = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["label"] = Label,
            ["value"] = Display,
            ["name"] = Name ?? Display,
            ["first_name"] = (Name ?? Display).Split(' ', 2)[0],
            ["email"] = Email ?? "",
        };
        return new TemplateObject(Display, members);
    }
}

/// <summary>
/// What a playbook template sees. Names match <c>PlaybookLoader.TemplateVariables</c> plus <c>fields.KEY</c>,
/// <c>onboarding.url</c> (the customer's self-serve start page) and <c>kickoff.when</c> (the proposed kickoff, as text).
/// </summary>
/// <remarks>
/// Every manifest field is present, blank when the deal has no value, so that validation reports only names
/// that no deal could ever fill (a typo), never a field the AE left empty.
/// </remarks>
public sealed record HandoffTemplateModel
{
    public required TemplateDeal Deal { get; init; }
    public required TemplatePerson Csm { get; init; }
    public required TemplatePerson Ae { get; init; }
    public required IReadOnlyDictionary<string, TemplateField> Fields { get; init; }
    public string HandoffUrl { get; init; } = "";
    public string HandoffState { get; init; } = "";
    public string PlaybookName { get; init; } = "";
    public string OnboardingUrl { get; init; } = "";
    public string KickoffWhen { get; init; } = "";

    /// <summary>Display strings for every field of <paramref name="manifest"/> from the deal's raw values by key.</summary>
    public static IReadOnlyDictionary<string, TemplateField> FieldsFrom(FieldManifest manifest, IReadOnlyDictionary<string, string?> values)
    {
        var fields = new Dictionary<string, TemplateField>(StringComparer.Ordinal);
        foreach (var f in manifest.Fields)
        {
            var raw = values.TryGetValue(f.Key, out var v) ? v?.Trim() ?? "" : "";
            fields[f.Key] = Describe(f, raw);
        }
        return fields;
    }

    private static TemplateField Describe(FieldDefinition f, string raw)
    {
        if (raw.Length == 0) return new TemplateField(f.Key, f.Label, "");
        switch (f.Type)
        {
            // The domain's parsers, so a template reads every form the gate accepts ("11/3/2026", "Y", "Name (email)").
            case FieldType.Contact:
                FieldValueParser.ParseContact(raw, out var contact);
                var email = contact.HasEmail ? contact.Email.ToString() : null;
                return new TemplateField(f.Key, f.Label, raw, contact.Name.IsEmpty ? email ?? raw : contact.Name.ToString(), email);
            case FieldType.Date when FieldValueParser.TryParseDate(raw, out var date):
                return new TemplateField(f.Key, f.Label, date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture));
            case FieldType.Boolean when FieldValueParser.TryParseBoolean(raw, out var yes):
                return new TemplateField(f.Key, f.Label, yes ? "Yes" : "No");
            case FieldType.MultiChoice:
                var parts = raw.Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return new TemplateField(f.Key, f.Label, string.Join(", ", parts));
            default:
                return new TemplateField(f.Key, f.Label, raw);
        }
    }

    internal IReadOnlyDictionary<string, object?> ToScope() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["deal"] = Map(("name", Deal.Name), ("company", Deal.Company), ("arr", Deal.Arr), ("amount", Deal.Amount), ("segment", Deal.Segment),
            ("stage", Deal.Stage), ("close_date", Deal.CloseDate), ("owner", Deal.Owner), ("territory", Deal.Territory), ("crm_url", Deal.CrmUrl)),
        ["csm"] = Map(("name", Csm.Name), ("email", Csm.Email), ("slack_mention", Csm.SlackMention)),
        ["ae"] = Map(("name", Ae.Name), ("email", Ae.Email)),
        ["handoff"] = Map(("url", HandoffUrl), ("state", HandoffState)),
        ["playbook"] = Map(("name", PlaybookName)),
        ["onboarding"] = Map(("url", OnboardingUrl)),
        ["kickoff"] = Map(("when", KickoffWhen)),
        ["fields"] = Fields.ToDictionary(kv => kv.Key, kv => (object?)kv.Value.ToObject(), StringComparer.Ordinal),
    };

    private static Dictionary<string, object?> Map(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
}
