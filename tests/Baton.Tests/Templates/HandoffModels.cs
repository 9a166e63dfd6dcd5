using Baton.Core.Playbook;
using Baton.Core.Templates;

namespace Baton.Tests.Templates;

/// <summary>Realistic handoffs for each segment of the default playbook.</summary>
internal static class HandoffModels
{
    public const string SuccessMetric = "Cut month-end close from 9 to 5 days by the March audit.";
    public const string Promised = "Dedicated Slack channel for 90 days; CSV export of historical data by 15 Feb.";
    public const string Risks = "IT lead who opposed the purchase owns the SSO rollout.";

    public static HandoffTemplateModel For(string segment, string kickoffWhen = "Tuesday, December 8 at 10:00 AM ET")
    {
        var manifest = PlaybookLoader.Load(Repo.DefaultPlaybook).Playbook!.Fields;
        var values = new Dictionary<string, string?>
        {
            ["executive_sponsor"] = "Priya Raman <priya.raman@northwind.io>",
            ["champion"] = "Marcus Lee <marcus.lee@northwind.io>",
            ["why_now"] = "The board wants a five-day close before the Series C audit in March.",
            ["success_metric"] = SuccessMetric,
            ["decision_criteria"] = "SOC 2 report, native NetSuite sync.",
            ["tech_environment"] = "Okta SSO, Snowflake, NetSuite",
            ["why_we_won"] = "Only vendor that reconciled by entity without a services project.",
            ["promised"] = Promised,
            ["nonstandard_terms"] = segment == "SMB" ? null : "Net-60 payment terms.",
            ["seats"] = "45",
            ["products"] = "Core;Analytics",
            ["arr"] = "$48,000",
            ["contract_start"] = "2026-12-01",
            ["renewal_date"] = "2027-11-30",
            ["risks"] = Risks,
            ["champion_politically_exposed"] = "Yes",
        };
        return new HandoffTemplateModel
        {
            Deal = new TemplateDeal { Name = "Northwind Finance Ops", Company = "Northwind", Segment = segment, Arr = "$48,000" },
            Csm = new TemplatePerson("Dana Whitfield", "dana.whitfield@baton.example", "<@U024BE7LH>"),
            Ae = new TemplatePerson("Sam Ortega", "sam.ortega@baton.example"),
            Fields = HandoffTemplateModel.FieldsFrom(manifest, values),
            HandoffUrl = "https://baton.example/handoffs/h-1042",
            HandoffState = "Posted",
            PlaybookName = "Default B2B SaaS handoff",
            OnboardingUrl = "https://app.example.com/start/northwind",
            KickoffWhen = kickoffWhen,
        };
    }
}
