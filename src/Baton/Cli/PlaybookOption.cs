using System.CommandLine;

namespace Baton.Cli;

/// <summary>The <c>--playbook</c> option and where the shipped default lives.</summary>
internal static class PlaybookOption
{
    public static Option<string> Create() => new("--playbook", "-p")
    {
        Description = "Playbook directory (playbook.yaml, handoff-fields.csv). Default: ./playbooks/default, else the one shipped with baton.",
        HelpName = "DIR",
    };

    public static string Resolve(string? given)
    {
        if (!string.IsNullOrEmpty(given)) return given;
        var local = Path.Combine("playbooks", "default");
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "playbooks", "default");
    }
}
