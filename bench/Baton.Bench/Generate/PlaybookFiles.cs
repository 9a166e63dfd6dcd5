using System.Globalization;
using Sylvan.Data.Csv;
using YamlDotNet.RepresentationModel;

namespace Baton.Bench.Generate;

/// <summary>The columns of <c>handoff-fields.csv</c> the generator needs.</summary>
internal sealed record ManifestField(
    string Key, string Label, string Type, string Requirement, string RequiredFrom,
    string[] Segments, string SalesforceField, string[] Choices, string Example);

internal sealed record StageInfo(string Name, string HubSpotId, string SalesforceName, string Outcome);

internal sealed record SegmentBand(string Name, decimal? From, decimal? Below);

/// <summary>
/// Reads the playbook the generator writes exports for. Kept independent of the product's own
/// loader on purpose: the bench must be able to produce input even when that loader is broken.
/// </summary>
internal sealed class PlaybookFiles
{
    public required IReadOnlyList<ManifestField> Fields { get; init; }
    public required IReadOnlyList<StageInfo> Stages { get; init; }
    public required IReadOnlyList<SegmentBand> Segments { get; init; }

    public static PlaybookFiles Load(string directory)
    {
        return new PlaybookFiles
        {
            Fields = LoadManifest(Path.Combine(directory, "handoff-fields.csv")),
            Stages = LoadStages(Path.Combine(directory, "playbook.yaml"), out var segments),
            Segments = segments,
        };
    }

    /// <summary>Walks up from the working directory to find <c>playbooks/default</c>.</summary>
    public static string FindDefaultDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "playbooks", "default");
                if (File.Exists(Path.Combine(candidate, "handoff-fields.csv")))
                    return candidate;
            }
        }
        throw new UsageException("cannot find playbooks/default above the working directory; pass --playbook DIR");
    }

    private static List<ManifestField> LoadManifest(string path)
    {
        using var csv = CsvDataReader.Create(path);
        var list = new List<ManifestField>();
        string Get(string name) => csv.GetString(csv.GetOrdinal(name)).Trim();
        string[] Split(string value, char sep) =>
            value.Length == 0 ? [] : value.Split(sep, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        while (csv.Read())
        {
            list.Add(new ManifestField(
                Get("key"), Get("label"), Get("type"), Get("requirement"), Get("required_from"),
                Split(Get("segments"), '|'), Get("salesforce_field"), Split(Get("choices"), '|'), Get("example")));
        }
        return list;
    }

    private static List<StageInfo> LoadStages(string path, out List<SegmentBand> segments)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
            yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        string Scalar(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value ?? "" : "";

        var pipeline = (YamlMappingNode)root.Children[new YamlScalarNode("pipeline")];
        var stages = new List<StageInfo>();
        foreach (var node in ((YamlSequenceNode)pipeline.Children[new YamlScalarNode("stages")]).Children.Cast<YamlMappingNode>())
        {
            var outcome = Scalar(node, "outcome");
            stages.Add(new StageInfo(Scalar(node, "name"), Scalar(node, "hubspot"), Scalar(node, "salesforce"),
                outcome.Length == 0 ? "open" : outcome));
        }

        segments = [];
        foreach (var node in ((YamlSequenceNode)root.Children[new YamlScalarNode("segments")]).Children.Cast<YamlMappingNode>())
        {
            static decimal? Num(string s) => s.Length == 0 ? null : decimal.Parse(s, CultureInfo.InvariantCulture);
            segments.Add(new SegmentBand(Scalar(node, "name"), Num(Scalar(node, "arr_from")), Num(Scalar(node, "arr_below"))));
        }
        return stages;
    }
}
