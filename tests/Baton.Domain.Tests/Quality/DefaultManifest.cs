using Baton.Domain.Fields;

namespace Baton.Domain.Tests.Quality;

/// <summary>The shipped field manifest (playbooks/default/handoff-fields.csv), read with the columns it documents.</summary>
/// <remarks>Read here rather than through the playbook loader so the domain tests do not depend on Baton.Core.</remarks>
internal static class DefaultManifest
{
    private static readonly Lazy<FieldManifest> Manifest = new(Load);

    public static FieldManifest Value => Manifest.Value;

    public static FieldDefinition Field(string key) =>
        Value.Find(key) ?? throw new ArgumentException($"no field {key} in the default manifest");

    private static FieldManifest Load()
    {
        var rows = Csv.Read(File.ReadAllText(FindFile("playbooks/default/handoff-fields.csv")));
        var header = rows[0];
        int Col(string name) => Array.IndexOf(header, name);
        var fields = rows.Skip(1).Where(r => r.Length == header.Length).Select(r => new FieldDefinition
        {
            Key = r[Col("key")],
            Label = r[Col("label")],
            Type = Enum.Parse<FieldType>(r[Col("type")].Replace("_", ""), ignoreCase: true),
            Requirement = Enum.Parse<Requirement>(r[Col("requirement")], ignoreCase: true),
            RequiredFrom = r[Col("required_from")],
            Choices = Split(r[Col("choices")]),
            Rules = r[Col("rules")].Split(['|', ';', ' '], StringSplitOptions.RemoveEmptyEntries).Select(ParseRule).ToArray(),
            Example = r[Col("example")],
        }).ToList();

        // Resolve after:FIELD to the other field's ordinal, as the playbook loader does.
        var keys = fields.Select(f => f.Key).ToList();
        var resolved = fields.Select(f => f with
        {
            Rules = f.Rules.Select(q => q.Argument is { } a && keys.IndexOf(a) is var i and >= 0 && q.Name == "after" ? q with { ArgumentOrdinal = i } : q).ToArray(),
        });
        return new FieldManifest(resolved);
    }

    private static string[] Split(string s) => s.Length == 0 ? [] : s.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static QualityRule ParseRule(string s)
    {
        var colon = s.IndexOf(':');
        return colon < 0 ? new QualityRule(s) : new QualityRule(s[..colon], s[(colon + 1)..]);
    }

    public static string FindFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
