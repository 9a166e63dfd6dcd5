using System.Text;
using Baton.Core.Playbook;

namespace Baton.Tests.Audit;

/// <summary>Writes small CRM exports the way HubSpot (labels) or Salesforce (API names) write them.</summary>
internal sealed class ExportBuilder
{
    private static readonly Domain.Playbook.Playbook Playbook = PlaybookLoader.Load(Repo.DefaultPlaybook).Playbook!;

    /// <summary>A closed-won deal whose handoff should pass the gate.</summary>
    public static Dictionary<string, string> GoodDeal() => new()
    {
        ["executive_sponsor"] = "Priya Raman <priya.raman@northwind.io>",
        ["champion"] = "Marcus Lee <marcus.lee@northwind.io>",
        ["why_now"] = "Board mandated cutting month-end close from 9 to 5 days before the March audit.",
        ["success_metric"] = "Cut ticket backlog from 1,200 to under 300 within 90 days of go-live",
        ["decision_criteria"] = "SOC 2 report, native Salesforce sync, first dashboard in under 4 weeks.",
        ["tech_environment"] = "Okta SSO, Snowflake, Salesforce Service Cloud",
        ["tools_replaced"] = "Zendesk Explore, contract ends 31 January",
        ["competitors"] = "Gong, Clari",
        ["why_we_won"] = "Only vendor whose forecast rolled up by region without a services project.",
        ["promised"] = "Nothing beyond the contract",
        ["nonstandard_terms"] = "Net-60 payment terms; 99.9% uptime SLA with service credits.",
        ["seats"] = "45",
        ["products"] = "Core;Analytics",
        ["arr"] = "48000",
        ["contract_start"] = "2026-12-01",
        ["renewal_date"] = "2027-11-30",
        ["risks"] = "IT lead who opposed the purchase owns the SSO rollout; budget renews in April.",
        ["champion_politically_exposed"] = "No",
        ["decision_timeline"] = "",
        ["call_recordings"] = "",
    };

    private readonly List<string[]> _rows = [];
    private readonly bool _salesforce;
    private readonly string[] _dealHeaders;

    public ExportBuilder(bool salesforce = false)
    {
        _salesforce = salesforce;
        _dealHeaders = salesforce
            ? ["Id", "Name", "StageName", "Owner.Name", "Amount", "CloseDate"]
            : ["Record ID", "Deal Name", "Deal Stage", "Deal owner", "Amount", "Close Date"];
    }

    public string[] Headers => [.. _dealHeaders, .. Playbook.Fields.Fields.Select(f => _salesforce ? f.SalesforceField! : f.Label)];

    public ExportBuilder Deal(string id, string stage, string owner, Dictionary<string, string>? fields = null, string amount = "48000")
    {
        fields ??= GoodDeal();
        _rows.Add([id, $"Deal {id}", stage, owner, amount, "2026-10-15", .. Playbook.Fields.Fields.Select(f => fields.GetValueOrDefault(f.Key, ""))]);
        return this;
    }

    public string Build(bool bom = false)
    {
        var sb = new StringBuilder();
        if (bom) sb.Append('\uFEFF');
        sb.AppendJoin(',', Headers.Select(Quote)).Append("\r\n");
        foreach (var row in _rows) sb.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        return sb.ToString();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
