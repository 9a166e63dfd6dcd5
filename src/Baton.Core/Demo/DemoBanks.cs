namespace Baton.Core.Demo;

/// <summary>The made-up customers and answers the demo draws from; written for the demo, not taken from anywhere.</summary>
internal static class DemoBanks
{
    public static readonly string[] CompanyStems =
    [
        "Northwind", "Bluefin", "Cedarline", "Halcyon", "Ironbridge", "Juniper", "Kestrel", "Lakeshore", "Meridian", "Nimbus",
        "Orchard", "Pinecrest", "Quarry", "Redwood", "Saltmarsh", "Tidewater", "Umber", "Vantage", "Westgate", "Yellowtail",
        "Ashford", "Brightwater", "Copperleaf", "Driftwood", "Emberly", "Foxglove", "Granite", "Harbor", "Ivory", "Larkspur",
    ];

    public static readonly string[] CompanySuffixes =
        ["Logistics", "Health", "Foods", "Analytics", "Robotics", "Insurance", "Dental", "Freight", "Labs", "Outfitters", "Energy", "Learning", "Realty", "Payments", "Studios"];

    public static readonly string[] FirstNames =
        ["Priya", "Marcus", "Elena", "Jamal", "Sofia", "Chen", "Hannah", "Diego", "Amara", "Felix", "Nadia", "Owen", "Leila", "Tobias", "Grace", "Ravi", "Ingrid", "Mateo"];

    public static readonly string[] LastNames =
        ["Raman", "Lee", "Novak", "Carter", "Rossi", "Wei", "Schmidt", "Alvarez", "Okafor", "Brandt", "Haddad", "Murphy", "Nasser", "Lindqvist", "Park", "Iyer", "Berg", "Santos"];

    public static readonly string[] SponsorTitles = ["CFO", "COO", "VP Operations", "VP Customer Support", "Head of RevOps", "CTO"];

    public static readonly string[] WhyNow =
    [
        "Support backlog doubled after the spring launch and the board set a target to halve response times by Q3.",
        "Their current vendor's contract ends in {month} and renewal came with a 30% price increase.",
        "A failed SOC 2 audit finding requires an audit trail of every change before the next review in {month}.",
        "They are opening two new warehouses in {month} and the spreadsheet process will not scale to three sites.",
        "New COO mandated a single source of truth for pipeline numbers before the {month} board meeting.",
        "Churn rose to 9% last year; leadership tied this year's bonus plan to getting it under 6%.",
        "Month-end close takes 11 days; the CFO promised the auditors 6 days by fiscal year end.",
    ];

    public static readonly string[] SuccessMetrics =
    [
        "Cut first-response time from 14 hours to under 4 hours within 90 days of go-live.",
        "Reduce month-end close from 11 to 6 working days by the end of Q2.",
        "Onboard 300 field technicians with 80% weekly active use by day 60.",
        "Lower logo churn from 9% to under 6% over the next four quarters.",
        "Replace 3 manual reports with 1 dashboard used by every regional manager within 45 days.",
        "Get forecast accuracy within 5% of actuals for two consecutive quarters.",
        "Save 20 analyst hours a week on ticket triage by the end of the first quarter.",
    ];

    public static readonly string[] DecisionCriteria =
    [
        "SOC 2 Type II report, native HubSpot sync, admin can build reports without engineering.",
        "Total cost over three years, SSO with Okta, live in under six weeks.",
        "EU data residency, audit log export, a named CSM for the first year.",
        "Workflow builder their ops team can own, API rate limits that fit nightly syncs.",
    ];

    public static readonly string[] TechEnvironments =
    [
        "Okta SSO, Snowflake warehouse, Salesforce Sales Cloud, Zendesk for tickets.",
        "Azure AD, BigQuery, HubSpot CRM, Jira Service Management.",
        "Google Workspace SSO, Postgres reporting replica, Freshdesk, NetSuite.",
        "OneLogin, Redshift, Salesforce Service Cloud, Intercom on the website.",
        "Microsoft 365 with Entra ID, Power BI, Dynamics 365 being phased out.",
    ];

    public static readonly string[] ToolsReplaced =
        ["Zendesk Explore, contract ends 31 Mar", "Homegrown Excel models, no contract", "Looker for ops reporting, ends in June", "Tableau viewer seats, renewal in August", "A legacy Access database"];

    public static readonly string[] Competitors = ["Gong, Clari", "Gainsight", "Vitally, ChurnZero", "Totango", "Planhat", "an internal build"];

    public static readonly string[] WhyWeWon =
    [
        "Only vendor that showed their own data in the demo; the ops lead could build the pilot report herself.",
        "Implementation plan fit in five weeks with no services project; the others quoted three months.",
        "The CFO trusted our audit log after the security review; the runner-up could not export it.",
        "Regional managers preferred our mobile view in the pilot by a wide margin.",
        "Our HubSpot sync worked on day one of the trial; the competitor needed a middleware license.",
    ];

    public static readonly string[] Promised =
    [
        "Nothing beyond the contract.",
        "Shared Slack channel with the product team for the first 90 days.",
        "CSV import of three years of historical tickets by the end of onboarding.",
        "Two admin training sessions in the first month, recorded for new hires.",
        "A custom field mapping for their legacy region codes, delivered before kickoff.",
        "Early access to the forecasting beta once it opens.",
        "Nothing beyond the contract.",
    ];

    public static readonly string[] NonstandardTerms =
    [
        "None.",
        "Net-60 payment terms.",
        "99.9% uptime SLA with service credits.",
        "Price cap of 5% at the first renewal.",
        "Termination for convenience after 6 months with 60 days' notice.",
        "None.",
    ];

    public static readonly string[] Risks =
    [
        "The champion goes on parental leave in two months; the deputy has not seen the product.",
        "IT owns the SSO rollout and pushed back on the purchase; expect a slow security review.",
        "Budget comes from a one-off innovation fund; renewal needs a new budget line.",
        "Historical data is spread over three spreadsheets with different region codes.",
        "The sponsor is new in the role and still building credibility with the board.",
        "Two of five regional managers were not in the evaluation and may resist the change.",
    ];

    public static readonly string[] Timelines =
        ["Shortlist early in the month, security review two weeks later, signature at quarter end.", "Pilot for 30 days, decision at the steering committee."];

    public static readonly string[] Filler = ["tbd", "n/a", "TBD", "N/A"];

    public static readonly string[] RejectionReasons =
    [
        "The success metric has no baseline; I cannot plan the kickoff around it.",
        "The risks field does not say who opposed the purchase.",
        "Promised items are vague; the customer mentioned a training plan on our intro call.",
        "Why-now does not match what the sponsor told me; please confirm with them.",
        "Champion e-mail bounces.",
    ];

    public static readonly string[] JunkCandidates = ["success_metric", "risks", "promised", "why_now", "champion", "tech_environment"];

    public static readonly string[] RediscoveryCandidates = ["success_metric", "tech_environment", "promised", "risks", "decision_criteria", "tools_replaced", "champion", "why_now"];

    /// <summary>The field the demo's CSMs keep asking the customer about, however well it is filled.</summary>
    public const string UntrustedField = "tech_environment";

    /// <summary>The soft field most AEs leave blank at close.</summary>
    public const string UnknownField = "decision_criteria";

    /// <summary>The soft field sloppy AEs fill with filler, since the gate only warns about it.</summary>
    public const string FilledWithFiller = "competitors";

    public static readonly string[] Products = ["Core", "Analytics", "Workflows", "API", "SSO"];
}
