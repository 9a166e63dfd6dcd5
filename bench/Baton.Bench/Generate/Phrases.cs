namespace Baton.Bench.Generate;

/// <summary>
/// Hand-written answers an AE might type into each handoff field: specific ones a CSM can act on,
/// vague ones that are true but useless, and the filler typed only to get past a required field.
/// Templated entries (numbers, months) are expanded once per run by <see cref="PhraseBanks"/>.
/// </summary>
internal static class Phrases
{
    public static readonly string[] Filler =
    [
        "n/a", "N/A", "TBD", "tbd", "see notes", "See notes", "-", "asdf", "same as above", "TBC", "?", "x",
        "will update", "see call notes", "na", "--", ".", "pending",
    ];

    public static readonly string[] Months =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    public static readonly string[] MonthsShort =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    // {a} > {b} numbers, {d} days, {p} percent (10-40), {f} small percent (2-10), {P} high percent (60-95),
    // {m} month, {q} quarter, {n} count, {h} hours, {w} weeks
    public static readonly string[] SuccessMetricTemplates =
    [
        "Backlog from {a} to under {b} in {d} days.",
        "Close books in {y} days, not {x}, by Q{q} 2027.",
        "First response < {h}h on {P}% of tickets by Q{q} 2027.",
        "{P}% of reps log activity weekly by day {d}.",
        "Forecast within {f}% of actuals in 2 quarters.",
        "{n} field techs off paper in {d} days.",
        "Save {n} analyst hours/month by day {d}.",
        "WAU from {s}% to {t}% of seats by renewal.",
        "Deflect {p}% of tier-1 tickets in {d} days.",
        "Onboarding from {x} weeks to {y} by Q{q} 2027.",
        "Gross churn under {f}% a quarter by day {d}.",
        "Quote-to-cash from {x} to {y} days in {d} days.",
        "{n} workflows live in {d} days.",
        "Audit prep from {x} weeks to {y} before renewal.",
        "NPS {s} -> {t} in two quarters.",
    ];

    public static readonly string[] SuccessMetricVague =
    [
        "improve efficiency", "increase adoption", "wanted better analytics", "better visibility into pipeline",
        "save time", "happier customers", "Improve reporting", "faster onboarding", "get more out of their data",
        "ROI", "scale the team", "better forecasting", "reduce churn", "more productivity",
    ];

    public static readonly string[] WhyNow =
    [
        "Board wants one renewal forecast before the Series C.",
        "New COO starts in {m}; wants onboarding time halved.",
        "Lost 2 big renewals last Q, saw usage drop too late.",
        "Incumbent raising price {p}% on 1 {m}; finance said no.",
        "SOC 2 audit in {m}; manual access reviews got flagged.",
        "Merger: two support teams on one queue by January.",
        "Hiring freeze, ticket volume up {p}% with {n} agents.",
        "Top customer demands weekly SLA reports from next Q.",
        "Analyst who owned the Excel reporting quit in {m}.",
        "Second warehouse opens in {m}; process won't scale.",
        "Two triggers:\n1) old contract ends 31 Dec\n2) CFO wants cost per ticket monthly",
        "Peer got fined for late complaint handling.",
        "EU launch in Q{q} needs data residency.",
        "VP Sales missed forecast twice, must fix by {m}.",
        "Series B in {m}; plan doubles customers in 12 months.",
        "Current tool end-of-life in {m}, no more patches.",
        "Churn hit {f}% a month after a bad migration.",
        "Shared logins must go after a security incident.",
        "CFO: \"no more renewals run out of Excel\".",
        "CS team grew from {s} to {t}; handoffs get dropped.",
        "Budget approved in {m}, must be spent this quarter.",
        "New pricing in Q{q};\nbilling data must reach CS same day.",
    ];

    public static readonly string[] WhyNowVague =
    [
        "timing was right", "they need a better tool", "growth", "budget available", "wanted to modernize",
        "good fit", "they were looking", "inbound lead", "end of year",
    ];

    public static readonly string[] DecisionCriteria =
    [
        "SOC 2, Salesforce sync, live in 4 weeks.",
        "1) Okta SSO 2) price per seat 3) EU hosting",
        "Time to value, low admin effort, open API.",
        "Security review, 2 references, monthly billing.",
        "Native HubSpot sync, no services project.",
        "Data residency, audit log, SLA, 3-year cost.",
        "Mobile app with offline mode; Zendesk sync.",
        "Integrations 40%, price 30%, support 20%, roadmap 10%",
        "Replace two tools, one invoice, live by {m}.",
        "Regional reporting without SQL; sandbox.",
    ];

    public static readonly string[] DecisionCriteriaVague =
        ["price", "ease of use", "features", "the demo", "gut feel", "overall fit", "cost"];

    public static readonly string[] Identity = ["Okta SSO", "Azure AD", "Google Workspace SSO", "OneLogin", "JumpCloud", "no SSO yet"];
    public static readonly string[] Warehouse = ["Snowflake", "BigQuery", "Redshift", "Databricks", "Postgres replica", "no warehouse"];
    public static readonly string[] Crm = ["Salesforce Sales Cloud", "HubSpot", "Salesforce Service Cloud", "Dynamics 365", "Pipedrive"];
    public static readonly string[] Ticketing = ["Zendesk", "Jira Service Management", "Freshdesk", "Intercom", "ServiceNow", "Help Scout"];
    public static readonly string[] TechExtra =
    [
        "Segment for events", "Slack Enterprise Grid", "dbt models owned by data team", "NetSuite for billing",
        "Stripe billing", "Microsoft Teams, not Slack", "on-prem SQL Server for legacy orders", "Workday HRIS",
    ];

    public static readonly string[] TechVague = ["standard stack", "the usual", "cloud", "Salesforce I think", "lots of tools"];

    public static readonly string[] ToolsReplaced =
    [
        "Zendesk Explore, ends 31 Jan", "Spreadsheets", "Looker dashboards (homegrown)",
        "Nothing, greenfield", "Tableau, lapses in March", "Freshdesk, renews 30 Nov",
        "Pulseboard, cancelled 1 {m}", "Excel macros", "Trellis, 3 months left",
        "Google Sheets + Zapier", "In-house tool, off in Q{q}",
    ];

    public static readonly string[] ToolsReplacedVague = ["legacy tool", "other vendor", "old system", "spreadsheets?"];

    public static readonly string[] Competitors =
        ["Pulseboard", "Trellis", "Stackwise", "Ledgerly", "Orbitly", "Signalgrid", "Cadence One", "in-house build", "status quo"];

    public static readonly string[] WhyWeWon =
    [
        "Only one with regional forecast, no services.",
        "Their ops lead built a workflow alone in trial.",
        "Pulseboard failed security review; we had SOC 2.",
        "Pricier but live in 3 weeks vs 3 months.",
        "Champion used us at her last company.",
        "Native HubSpot sync, no middleware.",
        "Reference call with a peer closed it.",
        "Monthly billing in year one.",
        "Managers preferred our mobile app in the pilot:\n8 of 10 votes.",
        "Stackwise dropped their Salesforce connector.",
        "Sponsor loved the renewal-risk view.",
        "Called us the only \"real\" HubSpot integration.",
        "Trial on their own data;\nbacklog matched their own count.",
    ];

    public static readonly string[] WhyWeWonVague =
        ["better product", "price", "relationship", "we were the best fit", "they liked us", "demo went well"];

    public static readonly string[] NothingPromised =
        ["Nothing beyond the contract", "Nothing beyond the contract.", "nothing beyond the contract", "Nothing beyond the contract - confirmed with champion"];

    public static readonly string[] Promises =
    [
        "Slack channel for 90 days",
        "Import 3 yrs of tickets by 15 Feb",
        "Quarterly roadmap call",
        "Sandbox sync before kickoff",
        "SSO session with IT in week 1",
        "Renewal price locked",
        "Early access to forecasting",
        "2 onsite trainings in {m}",
        "Map legacy region codes",
        "Weekly CSM check-in to go-live",
        "Named support engineer, 60 days",
        "\"White-glove\" onboarding (verbal, scope unclear)",
        "5 free contractor seats until {m}",
    ];

    public static readonly string[] PromisedVague =
        ["the usual", "standard onboarding", "some help with setup", "good support", "whatever they need"];

    public static readonly string[] TermsNone = ["None", "None - standard order form", "Standard paper", "none"];

    public static readonly string[] Terms =
    [
        "Net-60", "99.9% SLA with credits", "Termination for convenience after 6 months",
        "Renewal uplift capped at 5%", "Liability cap 2x fees", "EU data residency",
        "Quarterly invoicing", "Their MSA + our DPA", "Seat ramp: half billed for 6 months",
    ];

    public static readonly string[] TermsVague = ["some changes", "legal redlines", "a few edits", "see contract"];

    public static readonly string[] Risks =
    [
        "IT lead opposed us and owns SSO rollout.",
        "Champion on leave from {m}, no backup.",
        "Data in 3 Salesforce orgs; migration underestimated.",
        "Go-live hits their peak season.",
        "Only 2 of 8 regional managers saw a demo.",
        "Procurement squeezed price; renewal fight likely.",
        "Sponsor only {w} weeks in role.",
        "Admin is part-time, also runs payroll.",
        "Champion says it's \"my neck on the line\".",
        "Reorg in Q{q} may move champion's team.",
        "Metric depends on their Zendesk cleanup.",
        "- security review open on mobile\n- champion's boss neutral",
        "Failed with a similar tool in 2023;\nadoption fatigue.",
        "VP Support, who runs it, objected to the purchase.",
    ];

    public static readonly string[] RisksVague =
        ["none", "low risk", "should be fine", "standard", "no risks", "none known", "adoption"];
}
