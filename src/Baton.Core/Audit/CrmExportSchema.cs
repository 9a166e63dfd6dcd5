using Baton.Domain.Fields;

namespace Baton.Core.Audit;

/// <summary>Which CRM wrote the export, and how its headers are spelled.</summary>
public enum CrmFlavor { Unknown, HubSpot, Salesforce }

/// <summary>Where the deal columns and the manifest's fields sit in an export's header.</summary>
public sealed class CrmExportSchema
{
    // Headers as the CRMs write them: UI exports use labels, API/report exports use internal names.
    private static readonly string[] StageHeaders = ["Deal Stage", "dealstage", "StageName", "Stage", "Opportunity Stage"];
    private static readonly string[] IdHeaders = ["Record ID", "hs_object_id", "Deal ID", "Opportunity ID", "Id", "ID"];
    private static readonly string[] NameHeaders = ["Deal Name", "dealname", "Opportunity Name", "Name"];
    private static readonly string[] OwnerHeaders = ["Deal owner", "hubspot_owner_id", "Opportunity Owner", "Owner.Name", "OwnerName", "Owner Name", "Owner", "OwnerId"];
    private static readonly string[] AmountHeaders = ["Amount", "amount", "Amount (company currency)"];
    private static readonly string[] SegmentHeaders = ["Segment", "segment", "Segment__c"];
    private static readonly string[] HubSpotMarkers = ["Record ID", "hs_object_id", "Deal Stage", "dealstage", "Deal owner", "hubspot_owner_id", "Deal Name", "dealname", "Pipeline"];
    private static readonly string[] SalesforceMarkers = ["StageName", "Opportunity ID", "Opportunity Name", "Opportunity Owner", "Owner.Name", "OwnerId", "CloseDate", "AccountId"];

    public required CrmFlavor Flavor { get; init; }
    public required int Stage { get; init; }
    public required int Id { get; init; }
    public required int Name { get; init; }
    public required int Owner { get; init; }
    public required int Amount { get; init; }
    public required int Segment { get; init; }
    /// <summary>Export column of each manifest field, by ordinal; -1 when the export lacks it.</summary>
    public required int[] FieldColumns { get; init; }
    public required string[] Headers { get; init; }

    public IEnumerable<FieldDefinition> MissingFields(FieldManifest manifest) =>
        manifest.Fields.Where(f => FieldColumns[f.Ordinal] < 0);

    public static CrmExportSchema Detect(string file, IReadOnlyList<string> headers, FieldManifest manifest)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++) index.TryAdd(headers[i].Trim(), i);
        int Find(IEnumerable<string?> names) => names.Where(n => !string.IsNullOrEmpty(n)).Select(n => index.GetValueOrDefault(n!.Trim(), -1)).FirstOrDefault(i => i >= 0, -1);

        var hubspot = HubSpotMarkers.Count(index.ContainsKey) + manifest.Fields.Count(f => f.HubSpotProperty is { } p && index.ContainsKey(p));
        var salesforce = SalesforceMarkers.Count(index.ContainsKey) + headers.Count(h => h.EndsWith("__c", StringComparison.OrdinalIgnoreCase));
        var flavor = hubspot == 0 && salesforce == 0 ? CrmFlavor.Unknown : hubspot >= salesforce ? CrmFlavor.HubSpot : CrmFlavor.Salesforce;

        var stage = Find(StageHeaders);
        if (stage < 0)
        {
            var seen = string.Join(", ", headers.Take(12).Select(h => $"'{h}'")) + (headers.Count > 12 ? ", …" : "");
            var why = headers.Count <= 1
                ? "the header has a single column: is this a CSV file, with commas between columns?"
                : $"no deal-stage column; expected one of: {string.Join(", ", StageHeaders.Select(h => $"'{h}'"))}; the header has {seen}";
            throw new AuditInputException(file, 1, why);
        }

        var fieldColumns = manifest.Fields
            .Select(f => Find([f.Label, f.Key, flavor == CrmFlavor.Salesforce ? f.SalesforceField : f.HubSpotProperty, f.HubSpotProperty, f.SalesforceField]))
            .ToArray();
        return new CrmExportSchema
        {
            Flavor = flavor,
            Stage = stage,
            Id = Find(IdHeaders),
            Name = Find(NameHeaders),
            Owner = Find(OwnerHeaders),
            Amount = Find(AmountHeaders),
            Segment = Find(SegmentHeaders),
            FieldColumns = fieldColumns,
            Headers = headers.ToArray(),
        };
    }
}
