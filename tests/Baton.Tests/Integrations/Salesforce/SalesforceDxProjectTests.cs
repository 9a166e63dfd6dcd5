using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Baton.Cli;
using Baton.Core.Playbook;

namespace Baton.Tests.Integrations.Salesforce;

/// <summary>
/// <c>baton provision salesforce --out DIR</c>, read back file by file against the Metadata API's documented format
/// (CustomField, ValidationRule, PermissionSet in source format, sfdx-project.json) and against the playbook.
/// </summary>
public sealed partial class SalesforceDxProjectTests
{
    private static readonly XNamespace Md = "http://soap.sforce.com/2006/04/metadata";

    private static (int Exit, string Out, string Err) Provision(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = BatonCli.Run(["provision", "salesforce", .. args], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string Generated(ScratchDir dir, string name = "sf")
    {
        var target = Path.Combine(dir.Path, name);
        var (exit, _, err) = Provision("--out", target, "--playbook", Repo.DefaultPlaybook);
        Assert.True(exit == ExitCodes.Ok, err);
        return target;
    }

    private static Dictionary<string, XElement> Fields(string root) =>
        Directory.GetFiles(Path.Combine(root, "force-app/main/default/objects/Opportunity/fields"))
            .ToDictionary(f => Path.GetFileName(f)[..^".field-meta.xml".Length], f => XDocument.Load(f).Root!);

    private static Dictionary<string, XElement> Rules(string root) =>
        Directory.GetFiles(Path.Combine(root, "force-app/main/default/objects/Opportunity/validationRules"))
            .ToDictionary(f => Path.GetFileName(f)[..^".validationRule-meta.xml".Length], f => XDocument.Load(f).Root!);

    private static string Value(XElement e, string name) => e.Element(Md + name)?.Value ?? throw new Xunit.Sdk.XunitException($"{e.Name.LocalName} {e.Element(Md + "fullName")?.Value} has no <{name}>");

    [Fact]
    public void Two_runs_write_the_same_bytes()
    {
        using var dir = new ScratchDir();
        var a = Generated(dir, "a");
        var b = Generated(dir, "b");
        var files = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f))));
        // No byte-order mark, LF endings: what `sf project retrieve` writes.
        Assert.All(files, f => Assert.NotEqual(0xEF, File.ReadAllBytes(Path.Combine(a, f))[0]));
        Assert.All(files, f => Assert.DoesNotContain("\r", File.ReadAllText(Path.Combine(a, f))));
    }

    [Fact]
    public void The_project_file_points_at_the_source_and_names_an_api_version()
    {
        using var dir = new ScratchDir();
        var root = Generated(dir);
        var project = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "sfdx-project.json"))).RootElement;
        var package = Assert.Single(project.GetProperty("packageDirectories").EnumerateArray());
        Assert.True(package.GetProperty("default").GetBoolean());
        Assert.True(Directory.Exists(Path.Combine(root, package.GetProperty("path").GetString()!)));
        Assert.Matches(@"^\d{2}\.0$", project.GetProperty("sourceApiVersion").GetString());
    }

    [Fact]
    public void Every_custom_field_is_well_formed_metadata_of_the_manifests_type()
    {
        using var dir = new ScratchDir();
        var fields = Fields(Generated(dir));
        var manifest = PlaybookContext.Load(Repo.DefaultPlaybook).Playbook.Fields.Fields.Where(f => f.SalesforceField is not null).ToList();
        Assert.Equal(manifest.Select(f => f.SalesforceField!).Order(StringComparer.Ordinal), fields.Keys.Order(StringComparer.Ordinal));

        foreach (var (name, xml) in fields)
        {
            Assert.Equal(Md + "CustomField", xml.Name);
            Assert.Equal(name, Value(xml, "fullName"));
            // API names: a letter first, letters, digits and single underscores, at most 40 before "__c".
            Assert.Matches(ApiName(), name);
            Assert.InRange(Value(xml, "label").Length, 1, 40);
            Assert.True((xml.Element(Md + "inlineHelpText")?.Value.Length ?? 0) <= 510, $"{name}: help over 510");
            Assert.True((xml.Element(Md + "description")?.Value.Length ?? 0) <= 1000, $"{name}: description over 1000");
            var type = Value(xml, "type");
            switch (type)
            {
                case "Text":
                    Assert.InRange(int.Parse(Value(xml, "length")), 1, 255);
                    break;
                case "LongTextArea":
                    Assert.InRange(int.Parse(Value(xml, "length")), 256, 131072);
                    Assert.InRange(int.Parse(Value(xml, "visibleLines")), 2, 50);
                    break;
                case "Number":
                case "Currency":
                    var precision = int.Parse(Value(xml, "precision"));
                    Assert.InRange(precision, 1, 18);
                    Assert.InRange(int.Parse(Value(xml, "scale")), 0, precision);
                    break;
                case "Picklist":
                case "MultiselectPicklist":
                    var values = xml.Element(Md + "valueSet")?.Element(Md + "valueSetDefinition")?.Elements(Md + "value").ToList() ?? [];
                    Assert.NotEmpty(values);
                    Assert.All(values, v => Assert.False(string.IsNullOrWhiteSpace(Value(v, "fullName"))));
                    Assert.Equal(values.Count, values.Select(v => Value(v, "fullName")).Distinct().Count());
                    if (type == "MultiselectPicklist") Assert.InRange(int.Parse(Value(xml, "visibleLines")), 3, 10);
                    break;
                case "Date":
                case "Url":
                    break;
                default:
                    Assert.Fail($"{name}: unexpected type {type}");
                    break;
            }
            var field = manifest.Single(f => f.SalesforceField == name);
            var expected = field.Type switch
            {
                Domain.Fields.FieldType.LongText => "LongTextArea",
                Domain.Fields.FieldType.Boolean or Domain.Fields.FieldType.Choice => "Picklist",
                Domain.Fields.FieldType.MultiChoice => "MultiselectPicklist",
                Domain.Fields.FieldType.Number => "Number",
                Domain.Fields.FieldType.Currency => "Currency",
                Domain.Fields.FieldType.Date => "Date",
                Domain.Fields.FieldType.Url => "Url",
                _ => "Text",
            };
            Assert.Equal(expected, type);
        }
        Assert.Equal(["Core", "Analytics", "Workflows", "API", "SSO"],
            fields["Products__c"].Descendants(Md + "value").Select(v => Value(v, "fullName")));
    }

    [Fact]
    public void Validation_rules_hold_each_hard_field_from_its_stage_on_and_name_the_field()
    {
        using var dir = new ScratchDir();
        var root = Generated(dir);
        var rules = Rules(root);
        var fields = Fields(root);
        var playbook = PlaybookContext.Load(Repo.DefaultPlaybook).Playbook;
        var hard = playbook.Fields.Fields.Where(f => f.SalesforceField is not null && f.Requirement == Domain.Fields.Requirement.Hard).ToList();
        Assert.Equal(hard.Count, rules.Count);
        var sfStages = playbook.Stages.Where(s => s.SalesforceName is not null).ToDictionary(s => s.SalesforceName!);

        foreach (var (name, xml) in rules)
        {
            Assert.Equal(Md + "ValidationRule", xml.Name);
            Assert.Equal(name, Value(xml, "fullName"));
            Assert.Matches(@"^[A-Za-z](?!.*__)[A-Za-z0-9_]{0,39}(?<!_)$", name);
            Assert.Equal("true", Value(xml, "active"));
            var display = Value(xml, "errorDisplayField");
            Assert.True(fields.ContainsKey(display), $"{name} displays its error on {display}, which is not provisioned");
            var field = hard.Single(f => f.SalesforceField == display);
            var message = Value(xml, "errorMessage");
            Assert.InRange(message.Length, 1, 255);
            Assert.StartsWith(field.Label, message);
            Assert.Contains(field.RequiredFrom, message);

            var formula = Value(xml, "errorConditionFormula");
            Assert.InRange(formula.Length, 1, 3900);
            Assert.Equal(formula.Count(c => c == '('), formula.Count(c => c == ')'));
            Assert.Equal(0, formula.Count(c => c == '"') % 2);
            // Only provisioned fields and the standard StageName and Amount are referenced.
            foreach (Match m in FieldReference().Matches(formula)) Assert.True(fields.ContainsKey(m.Value), $"{name} refers to {m.Value}");
            // A long text area can only be tested with ISBLANK in a formula.
            foreach (var (api, f) in fields.Where(f => Value(f.Value, "type") == "LongTextArea"))
                foreach (Match use in Regex.Matches(formula, $@"(\w+)\(\s*{api}\b"))
                    Assert.Equal("ISBLANK", use.Groups[1].Value);

            // Fractional capture: from the field's stage on (lost excluded), and no earlier stage.
            var from = playbook.FindStage(field.RequiredFrom)!;
            var named = Regex.Matches(formula, @"ISPICKVAL\(StageName, ""([^""]+)""\)").Select(m => m.Groups[1].Value).ToList();
            Assert.All(named, s => Assert.True(sfStages.ContainsKey(s), $"{name}: '{s}' is not a StageName of the playbook"));
            var expected = playbook.Stages.Where(s => s.Order >= from.Order && s.Outcome != Domain.Playbook.StageOutcome.Lost).Select(s => s.SalesforceName!);
            Assert.Equal(expected, named);
        }

        // A segment-only field applies in its segments' ARR bands only.
        var terms = Value(rules["Baton_Nonstandard_Terms"], "errorConditionFormula");
        foreach (var segment in playbook.Fields.Find("nonstandard_terms")!.Segments.Select(playbook.FindSegment))
            if (segment?.ArrFrom is { } arrFrom) Assert.Contains($"Amount >= {arrFrom:0.##}", terms);
        // What a formula can say about a one-line answer: placeholders, too short, no number in the metric, no e-mail.
        var metric = Value(rules["Baton_Success_Metric"], "errorConditionFormula");
        Assert.Contains("\"tbd\", 1", metric);
        Assert.Contains("REGEX(Success_Metric__c", metric);
        Assert.Contains("CONTAINS(Executive_Sponsor__c, \"@\")", Value(rules["Baton_Executive_Sponsor"], "errorConditionFormula"));
        // A yes/no field is a picklist so "not answered" is blank, which a checkbox cannot be.
        Assert.Contains("ISBLANK(TEXT(Champion_Exposed__c))", Value(rules["Baton_Champion_Exposed"], "errorConditionFormula"));
        // Soft and optional fields only warn in Baton: no rule.
        Assert.DoesNotContain("Baton_Decision_Criteria", rules.Keys);
        Assert.DoesNotContain("Baton_Decision_Timeline", rules.Keys);
    }

    [Fact]
    public void The_permission_set_grants_read_and_edit_on_every_provisioned_field()
    {
        using var dir = new ScratchDir();
        var root = Generated(dir);
        var set = XDocument.Load(Path.Combine(root, "force-app/main/default/permissionsets/Baton_Handoff.permissionset-meta.xml")).Root!;
        Assert.Equal(Md + "PermissionSet", set.Name);
        Assert.InRange(Value(set, "label").Length, 1, 80);
        var granted = set.Elements(Md + "fieldPermissions").ToDictionary(p => Value(p, "field"));
        Assert.Equal(Fields(root).Keys.Select(k => "Opportunity." + k).Order(StringComparer.Ordinal), granted.Keys.Order(StringComparer.Ordinal));
        Assert.All(granted.Values, p => Assert.Equal(("true", "true"), (Value(p, "readable"), Value(p, "editable"))));
    }

    [Fact]
    public void Without_out_or_with_a_broken_playbook_it_says_why_and_exits_2()
    {
        var missing = Provision("--playbook", Repo.DefaultPlaybook);
        Assert.Equal(ExitCodes.BadInput, missing.Exit);
        Assert.Contains("--out", missing.Err);

        using var dir = new ScratchDir();
        var playbook = dir.CopyOfDefaultPlaybook();
        File.AppendAllText(Path.Combine(playbook, "playbook.yaml"), "\nunknown_key: 1\n");
        var broken = Provision("--out", Path.Combine(dir.Path, "sf"), "--playbook", playbook);
        Assert.Equal(ExitCodes.BadInput, broken.Exit);
        Assert.Matches(@"playbook\.yaml:\d+:\d+: ", broken.Err);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "sf")));
    }

    [GeneratedRegex(@"^[A-Za-z](?!.*__.*__)(?:[A-Za-z0-9]|_(?!_)){0,39}__c$")]
    private static partial Regex ApiName();

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z0-9_]*__c\b")]
    private static partial Regex FieldReference();
}
