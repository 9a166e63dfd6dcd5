using System.Text.Json.Nodes;

namespace Baton.Tests.Integrations.Slack;

/// <summary>Slack's published material in <c>../shared/specs/slack</c>; tests that need it skip, saying why, when a clone lacks it.</summary>
internal static class SlackSpecs
{
    public static string Directory { get; } = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "specs", "slack"));

    public static JsonNode Load(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        if (!File.Exists(path))
            Assert.Skip($"{path} is absent: the vendor specs live in shared/specs next to the repository, not in it.");
        return JsonNode.Parse(File.ReadAllText(path))!;
    }
}

internal static class JsonText
{
    private static readonly System.Text.Json.JsonSerializerOptions Readable =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON as Slack would read it: mentions and links unescaped, so tests can look for them.</summary>
    public static string Of(JsonNode node) => node.ToJsonString(Readable);
}
