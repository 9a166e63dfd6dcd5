using System.Globalization;
using System.Security;
using System.Text;
using Baton.Domain.Fields;
using Baton.Domain.Playbook;

namespace Baton.Core.Integrations.Salesforce;

/// <summary>
/// The Salesforce DX source project <c>baton provision salesforce</c> writes: the manifest's fields as Opportunity custom
/// fields, a permission set for them, and validation rules that hold the hard fields at each stage with the checks a
/// formula can make. Pure: paths and contents, sorted and free of dates, so two runs are byte for byte the same.
/// </summary>
/// <remarks>
/// What a formula cannot judge stays with Baton: long text areas accept only <c>ISBLANK</c> in a validation rule, so
/// their filler, vagueness and copies are caught by Baton's own gate (docs/salesforce.md lists which is which).
/// </remarks>
public static class SalesforceDxProject
{
    public const string ApiVersion = "62.0";
    public const string PermissionSetName = "Baton_Handoff";
    private const string Ns = "http://soap.sforce.com/2006/04/metadata";
    private const string Root = "force-app/main/default";

    /// <summary>Placeholders a formula can recognise in a one-line text (lower-cased and trimmed).</summary>
    public static readonly IReadOnlyList<string> Placeholders =
        ["n/a", "na", "n.a.", "tbd", "tbc", "todo", "none", "nothing", "-", "--", ".", "?", "x", "xx", "xxx", "asdf", "test", "unknown", "see notes", "see above", "ask ae", "same", "same as above", "idk"];

    /// <summary>Under this many characters a one-line answer says nothing (Baton's own rules judge words, not length).</summary>
    public const int MinTextLength = 8;

    public static IReadOnlyList<(string Path, string Content)> Generate(Domain.Playbook.Playbook playbook)
    {
        var files = new List<(string, string)>
        {
            ("sfdx-project.json", ProjectJson()),
            ($"{Root}/permissionsets/{PermissionSetName}.permissionset-meta.xml", PermissionSet(playbook)),
        };
        foreach (var field in Mapped(playbook))
        {
            files.Add(($"{Root}/objects/Opportunity/fields/{field.SalesforceField}.field-meta.xml", CustomField(field)));
            if (ValidationRule(playbook, field) is { } rule)
                files.Add(($"{Root}/objects/Opportunity/validationRules/{RuleName(field)}.validationRule-meta.xml", rule));
        }
        return files.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>The fields with a Salesforce API name, in manifest order.</summary>
    public static IEnumerable<FieldDefinition> Mapped(Domain.Playbook.Playbook playbook) =>
        playbook.Fields.Fields.Where(f => !string.IsNullOrWhiteSpace(f.SalesforceField));

    public static string RuleName(FieldDefinition field) => "Baton_" + field.SalesforceField![..^3].TrimEnd('_');

    /// <summary>The Salesforce field type a manifest type becomes.</summary>
    public static string TypeOf(FieldDefinition field) => field.Type switch
    {
        FieldType.LongText or FieldType.Scope => "LongTextArea",
        FieldType.Number => "Number",
        FieldType.Currency => "Currency",
        FieldType.Date => "Date",
        // A picklist, not a checkbox: a checkbox cannot be left unanswered, and "not asked yet" must stay visible.
        FieldType.Boolean or FieldType.Choice => "Picklist",
        FieldType.MultiChoice => "MultiselectPicklist",
        FieldType.Url => "Url",
        _ => "Text",
    };

    private static string ProjectJson() => """
        {
          "packageDirectories": [
            {
              "path": "force-app",
              "default": true
            }
          ],
          "name": "baton-handoff",
          "namespace": "",
          "sfdcLoginUrl": "https://login.salesforce.com",
          "sourceApiVersion": "62.0"
        }

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string CustomField(FieldDefinition f)
    {
        var x = new Xml("CustomField");
        x.Element("fullName", f.SalesforceField!);
        if (Description(f) is { Length: > 0 } description) x.Element("description", Cut(description, 1000));
        if (f.Help.Length > 0) x.Element("inlineHelpText", Cut(f.Help, 510));
        x.Element("label", Cut(f.Label, 40));
        switch (TypeOf(f))
        {
            case "LongTextArea":
                x.Element("length", "32768");
                x.Element("type", "LongTextArea");
                x.Element("visibleLines", "4");
                break;
            case "Number":
                x.Element("precision", "18");
                x.Element("required", "false");
                x.Element("scale", "0");
                x.Element("type", "Number");
                x.Element("unique", "false");
                break;
            case "Currency":
                x.Element("precision", "18");
                x.Element("required", "false");
                x.Element("scale", "2");
                x.Element("type", "Currency");
                break;
            case "Date":
                x.Element("required", "false");
                x.Element("type", "Date");
                break;
            case "Url":
                x.Element("required", "false");
                x.Element("type", "Url");
                break;
            case "Picklist":
            case "MultiselectPicklist":
                x.Element("required", "false");
                x.Element("type", TypeOf(f));
                x.Open("valueSet");
                x.Element("restricted", "true");
                x.Open("valueSetDefinition");
                x.Element("sorted", "false");
                foreach (var choice in f.Type == FieldType.Boolean ? ["Yes", "No"] : f.Choices)
                {
                    x.Open("value");
                    x.Element("fullName", choice);
                    x.Element("default", "false");
                    x.Element("label", Cut(choice, 255));
                    x.Close("value");
                }
                x.Close("valueSetDefinition");
                x.Close("valueSet");
                if (f.Type == FieldType.MultiChoice) x.Element("visibleLines", "4");
                break;
            default:
                x.Element("length", "255");
                x.Element("required", "false");
                x.Element("type", "Text");
                x.Element("unique", "false");
                break;
        }
        return x.Done();
    }

    private static string Description(FieldDefinition f) =>
        $"Baton handoff field '{f.Key}' ({f.Requirement.ToString().ToLowerInvariant()} from {f.RequiredFrom}).";

    private static string PermissionSet(Domain.Playbook.Playbook playbook)
    {
        var x = new Xml("PermissionSet");
        x.Element("description", "Read and edit the handoff fields Baton provisions on Opportunity.");
        foreach (var f in Mapped(playbook).OrderBy(f => f.SalesforceField, StringComparer.Ordinal))
        {
            x.Open("fieldPermissions");
            x.Element("editable", "true");
            x.Element("field", "Opportunity." + f.SalesforceField);
            x.Element("readable", "true");
            x.Close("fieldPermissions");
        }
        x.Element("hasActivationRequired", "false");
        x.Element("label", "Baton Handoff");
        return x.Done();
    }

    /// <summary>
    /// The rule that refuses an Opportunity at or past the field's stage (fractional capture) while the field is
    /// blank or, where a formula can tell, filler. Null for fields that only warn (soft, optional) or have no stage.
    /// </summary>
    public static string? ValidationRule(Domain.Playbook.Playbook playbook, FieldDefinition f)
    {
        if (f.Requirement != Requirement.Hard) return null;
        var from = playbook.FindStage(f.RequiredFrom);
        if (from is null) return null;
        // Every stage from the field's own on, lost ones excluded: a lost deal needs no handoff.
        var stages = playbook.Stages.Where(s => s.Order >= from.Order && s.Outcome != StageOutcome.Lost && s.SalesforceName is not null).ToList();
        if (stages.Count == 0) return null;
        var inStage = stages.Count == 1
            ? $"ISPICKVAL(StageName, {Quote(stages[0].SalesforceName!)})"
            : "OR(" + string.Join(", ", stages.Select(s => $"ISPICKVAL(StageName, {Quote(s.SalesforceName!)})")) + ")";
        var conditions = new List<string> { inStage };
        if (SegmentCondition(playbook, f) is { } segment) conditions.Add(segment);
        conditions.Add(Bad(f));
        var formula = "AND(\n    " + string.Join(",\n    ", conditions) + "\n)";

        var x = new Xml("ValidationRule");
        x.Element("fullName", RuleName(f));
        x.Element("active", "true");
        x.Element("description", Cut($"Baton: {f.Label} must be filled with a real answer from {f.RequiredFrom} on. Baton checks the rest of its quality rules itself.", 1000));
        x.Element("errorConditionFormula", formula);
        x.Element("errorDisplayField", f.SalesforceField!);
        x.Element("errorMessage", ErrorMessage(f));
        return x.Done();
    }

    /// <summary>What the AE reads under the field: the field, the stage, what is wrong and what good looks like.</summary>
    public static string ErrorMessage(FieldDefinition f)
    {
        var what = TypeOf(f) switch
        {
            "Text" when f.Rules.Any(r => r.Name == "metric") => "it needs a real answer with a number (not blank, not \"n/a\" or \"tbd\")",
            "Text" when f.Rules.Any(r => r.Name == "email") || f.Type == FieldType.Contact => "it needs the person's name and e-mail address",
            "Text" => "it needs a real answer (not blank, not \"n/a\", \"tbd\" or \"see notes\")",
            _ => "it cannot be blank",
        };
        var message = $"{f.Label} is required from {f.RequiredFrom}: {what}.";
        if (f.Example.Length > 0 && message.Length + f.Example.Length + 12 <= 255) message += $" Example: {f.Example}";
        return Cut(message, 255);
    }

    private static string? SegmentCondition(Domain.Playbook.Playbook playbook, FieldDefinition f)
    {
        if (f.Segments.Count == 0) return null;
        var bands = f.Segments.Select(playbook.FindSegment).OfType<Segment>()
            .Select(s => (s.ArrFrom, s.ArrBelow) switch
            {
                (null, null) => "TRUE",
                ({ } a, null) => $"Amount >= {Money(a)}",
                (null, { } b) => $"Amount < {Money(b)}",
                ({ } a, { } b) => $"AND(Amount >= {Money(a)}, Amount < {Money(b)})",
            }).ToList();
        return bands.Count switch { 0 => null, 1 => bands[0], _ => "OR(" + string.Join(", ", bands) + ")" };
    }

    /// <summary>The part of the formula that says the value is not an answer.</summary>
    private static string Bad(FieldDefinition f)
    {
        var api = f.SalesforceField!;
        switch (TypeOf(f))
        {
            case "Picklist":
                return $"ISBLANK(TEXT({api}))";
            case "MultiselectPicklist":
                return $"ISBLANK({api})";
            case "Text":
                var trimmed = $"LOWER(TRIM({api}))";
                var parts = new List<string>
                {
                    $"ISBLANK({api})",
                    $"LEN(TRIM({api})) < {MinTextLength.ToString(CultureInfo.InvariantCulture)}",
                    $"CASE({trimmed}, {string.Join(", ", Placeholders.Select(p => Quote(p) + ", 1"))}, 0) = 1",
                };
                if (f.Rules.Any(r => r.Name == "metric")) parts.Add($"NOT(REGEX({api}, \".*[0-9].*\"))");
                if (f.Rules.Any(r => r.Name == "email") || f.Type == FieldType.Contact) parts.Add($"NOT(CONTAINS({api}, \"@\"))");
                return "OR(\n        " + string.Join(",\n        ", parts) + "\n    )";
            default:
                // Long text areas, numbers, dates, URLs: a formula can only see whether there is a value.
                return $"ISBLANK({api})";
        }
    }

    private static string Money(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)].TrimEnd() + "…";

    /// <summary>The metadata XML layout Salesforce's own tools write: UTF-8, four-space indent, LF.</summary>
    private sealed class Xml
    {
        private readonly StringBuilder _b = new();
        private readonly string _root;
        private int _depth = 1;

        public Xml(string root)
        {
            _root = root;
            _b.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").Append('<').Append(root).Append(" xmlns=\"").Append(Ns).Append("\">\n");
        }

        public void Element(string name, string value) =>
            Indent().Append('<').Append(name).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(name).Append(">\n");

        public void Open(string name)
        {
            Indent().Append('<').Append(name).Append(">\n");
            _depth++;
        }

        public void Close(string name)
        {
            _depth--;
            Indent().Append("</").Append(name).Append(">\n");
        }

        public string Done() => _b.Append("</").Append(_root).Append(">\n").ToString();

        private StringBuilder Indent() => _b.Append(' ', _depth * 4);
    }
}
