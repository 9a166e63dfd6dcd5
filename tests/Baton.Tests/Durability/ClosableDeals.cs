using Baton.Core.Deals;
using Baton.Core.Playbook;

namespace Baton.Tests.Durability;

/// <summary>Deals one stage before the win with every field the gate wants, filled from the manifest's examples.</summary>
internal static class ClosableDeals
{
    public const string OpenStage = "Contract Sent";
    public const string WonStage = "Closed Won";

    public static NewDeal Make(PlaybookContext playbook, string id) => new(
        id, $"Deal {id}", $"Company {id}", OpenStage, "rachel.goldberg", 48_000m, null, null,
        playbook.Playbook.Fields.Fields.Where(f => f.Example.Length > 0)
            .ToDictionary(f => f.Key, f => (string?)f.Example, StringComparer.OrdinalIgnoreCase));
}
