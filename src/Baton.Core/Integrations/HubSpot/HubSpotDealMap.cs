using System.Globalization;
using Baton.Core.Playbook;
using Baton.Domain.Fields;
using Baton.Domain.Playbook;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>How a HubSpot deal reads as Baton's: its stage, its owner as a team member, its amount, its handoff values.</summary>
public sealed class HubSpotDealMap(HubSpotApi api, PlaybookContext context)
{
    public static readonly string[] DealProperties = ["dealname", HubSpotCrm.DealStage, "pipeline", "amount", "hubspot_owner_id", HubSpotDealRecord.LastModifiedProperty];

    /// <summary>The manifest fields kept in HubSpot properties.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; } = [.. context.Playbook.Fields.Fields.Where(f => f.HubSpotProperty is { Length: > 0 })];

    /// <summary>Every property Baton reads of a deal: HubSpot's own and the manifest's.</summary>
    public IReadOnlyList<string> Properties => [.. DealProperties, .. Fields.Select(f => f.HubSpotProperty!)];

    public Stage? StageOf(HubSpotDealRecord hub) => context.Playbook.Stages.FirstOrDefault(s => s.HubSpotId == hub[HubSpotCrm.DealStage]);

    public static decimal Amount(HubSpotDealRecord hub) =>
        decimal.TryParse(hub["amount"], NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && a >= 0 ? a : 0;

    /// <summary>The handoff values HubSpot has, in Baton's spelling.</summary>
    public Dictionary<string, string?> Values(HubSpotDealRecord hub) =>
        Fields.Select(f => (f.Key, Value: HubSpotFieldValues.FromHubSpot(f, hub[f.HubSpotProperty!])))
            .Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value);

    /// <summary>
    /// The HubSpot owner as a team member (matched by e-mail), else their e-mail, else <c>hubspot-owner:{id}</c>;
    /// or the failed read when HubSpot could not say.
    /// </summary>
    public async Task<(string? Id, HubSpotResult<HubSpotOwner>? Failure)> OwnerAsync(string? ownerId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ownerId)) return ("unassigned", null);
        var owner = await api.GetOwnerAsync(ownerId, ct);
        return owner switch
        {
            HubSpotResult<HubSpotOwner>.Ok { Value.Email: { Length: > 0 } email } =>
                (context.Playbook.Team.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase))?.Id ?? email, null),
            HubSpotResult<HubSpotOwner>.Ok or HubSpotResult<HubSpotOwner>.NotFound => ($"hubspot-owner:{ownerId}", null),
            _ => (null, owner),
        };
    }
}
