using System.Globalization;
using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Inbox;
using Baton.Core.Playbook;
using Baton.Domain.Fields;

namespace Baton.Core.Integrations.Salesforce;

/// <summary>
/// Turns stored Outbound Message notifications into Baton's use cases: an Opportunity's notification carries its latest
/// values, so Baton brings its deal there through <see cref="CrmDealSync"/> (fields, then the stage through the gate).
/// Only the fields the message carries count: a field the outbound action does not send is left as Baton has it.
/// </summary>
public sealed class SalesforceInbox(PlaybookContext context, CrmDealSync sync) : IInboxHandler
{
    public string Source => SalesforceOutboundMessage.Source;

    public async Task<InboxResult> HandleAsync(InboxRow row, CancellationToken ct)
    {
        var n = SalesforceOutboundMessage.Read(row.Body);
        if (n is null) return new InboxResult.Failed("the stored notification is not readable");
        if (n.ObjectType != "Opportunity") return new InboxResult.Done($"a {n.ObjectType} needs nothing from Baton");
        var id = n["Id"];
        if (string.IsNullOrEmpty(id)) return new InboxResult.Failed("the notification's Opportunity has no Id: add Id to the outbound message's fields");
        var playbook = context.Playbook;
        var stageName = n["StageName"];
        if (stageName is null) return new InboxResult.Failed($"Opportunity {id}: the outbound message does not send StageName; add it to the action's fields");
        var stage = playbook.Stages.FirstOrDefault(s => string.Equals(s.SalesforceName, stageName, StringComparison.OrdinalIgnoreCase));
        if (stage is null) return new InboxResult.Done($"stage '{stageName}' is none of the playbook's stages; ignored");

        var ownerId = n["OwnerId"] is { Length: >= 15 } owner
            ? playbook.Team.FirstOrDefault(p => p.SalesforceUserId is { } sf && SalesforceOutboundMessage.SameOrg(sf, owner))?.Id ?? $"salesforce-user:{owner}"
            : "unassigned";
        DateTimeOffset? modified = DateTimeOffset.TryParse(n["LastModifiedDate"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var m) ? m : null;
        var values = playbook.Fields.Fields
            .Where(f => f.SalesforceField is { Length: > 0 } api && n.Fields.ContainsKey(api))
            .Select(f =>
            {
                var theirs = FromSalesforce(f, n[f.SalesforceField!]);
                return new CrmFieldValue(f, theirs, modified, stored => Same(f, stored, theirs));
            }).ToList();
        var name = n["Name"] ?? $"Opportunity {id}";
        var amount = decimal.TryParse(n["Amount"], NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && a >= 0 ? a : 0;
        var snapshot = new CrmDealSnapshot(Source, id, $"sf-{id}", name, name, ownerId, amount, stage, values);
        return await sync.ApplyAsync(snapshot, row.Id, ct);
    }

    /// <summary>A value as Salesforce sends it, in Baton's spelling: numbers without Salesforce's ".0", blanks as none.</summary>
    public static string? FromSalesforce(FieldDefinition field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        return field.Type is FieldType.Number or FieldType.Currency && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? d.ToString("0.##", CultureInfo.InvariantCulture)
            : value;
    }

    private static bool Same(FieldDefinition field, string? stored, string? theirs)
    {
        if (string.Equals(stored ?? "", theirs ?? "", StringComparison.Ordinal)) return true;
        // "$12,000" in Baton and 12000 in Salesforce are the same amount.
        return field.Type is FieldType.Number or FieldType.Currency && Number(stored) is { } s && Number(theirs) is { } t && s == t;
    }

    private static decimal? Number(string? value) =>
        decimal.TryParse(value?.Replace("$", "", StringComparison.Ordinal).Replace("€", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
}
