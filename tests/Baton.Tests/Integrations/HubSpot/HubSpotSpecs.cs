using System.Text.Json.Nodes;

namespace Baton.Tests.Integrations.HubSpot;

/// <summary>HubSpot's published material in <c>../shared/specs/hubspot</c>; tests that need it skip, saying why, when a clone lacks it.</summary>
internal static class HubSpotSpecs
{
    public static string Directory { get; } = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "specs", "hubspot"));

    public static JsonNode Load(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        if (!File.Exists(path))
            Assert.Skip($"{path} is absent: the vendor specs live in shared/specs next to the repository, not in it.");
        return JsonNode.Parse(File.ReadAllText(path))!;
    }
}
