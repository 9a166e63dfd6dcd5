namespace Baton.Domain.Quality;

/// <summary>
/// Whether a competitors, tools-replaced or technical-environment answer names a product, a vendor or a way of
/// working that stands in for one (a spreadsheet, an in-house build). "Their current vendor, contract ends soon" and
/// "Das alte Ticketsystem" name none; "Zendesk, ends 31 Jan", "okta + sfdc + zendesk" and "内部用Access做的工具" do.
/// </summary>
/// <remarks>
/// A name is written with a capital ("Planhat", "HubSpot", "SAP"), carries a digit ("Dynamics 365", "S/4HANA"),
/// or is a well-known product typed in lower case ("sfdc", "zendesk"), which the list below knows. A capitalized
/// first word counts only when something set apart follows it ("Freshdesk, ...", "Clari (ends Mar 15)") or a
/// second name does: sentences start with a capital whether or not they name anything. German capitalizes every
/// noun, so a compound that ends in a category ("Ticketsystem", "Helpdesk-Software") names a category, not a
/// product. Chinese and Japanese answers are judged by <see cref="CjkContent"/>.
/// </remarks>
internal static class ProductNames
{
    /// <summary>Well-known business software and vendors, as AEs type them in lower case in a hurry.</summary>
    internal static readonly string[] Lexicon =
    [
        // CRM, support, CS, sales tools
        "salesforce", "sfdc", "hubspot", "dynamics", "pipedrive", "zoho", "freshworks", "freshdesk", "freshservice",
        "freshsales", "zendesk", "intercom", "kustomer", "gorgias", "helpscout", "gladly", "servicenow", "jira",
        "jsm", "confluence", "atlassian", "gainsight", "totango", "churnzero", "planhat", "vitally", "catalyst",
        "clientsuccess", "custify", "clari", "gong", "chorus", "outreach", "salesloft", "zoominfo",
        "insightly", "attio", "asana", "clickup", "trello", "notion", "airtable",
        "smartsheet", "medallia", "qualtrics", "surveymonkey", "typeform", "kintone", "topdesk", "otrs",
        "glpi", "odoo", "sugarcrm", "vtiger", "suitecrm", "veeva", "marketo", "pardot", "eloqua", "mailchimp",
        "braze", "iterable", "klaviyo", "mixpanel", "amplitude", "pendo", "fullstory", "hotjar",
        "aviso", "people.ai", "xactly", "anaplan", "workday", "bamboohr", "personio", "successfactors", "adp",
        "genesys", "five9", "talkdesk", "aircall", "ringcentral", "twilio", "vonage", "avaya", "udesk",
        // identity, collaboration, platforms
        "okta", "auth0", "onelogin", "pingfed", "pingone", "keycloak", "entra", "aad", "adfs", "jumpcloud",
        "google", "gsuite", "g-suite", "microsoft", "azure", "aws", "gcp", "o365", "m365",
        "office365", "slack", "zoom", "webex", "sharepoint", "onedrive", "dropbox", "outlook",
        "gmail", "whatsapp", "telegram", "wechat", "lark", "feishu", "dingtalk",
        // data and BI
        "snowflake", "databricks", "bigquery", "bq", "redshift", "synapse", "teradata", "postgres",
        "postgresql", "mysql", "mariadb", "mongodb", "oracle", "sql", "mssql", "tableau", "looker", "powerbi",
        "metabase", "qlik", "qlikview", "qliksense", "domo", "sisense", "superset", "fivetran", "airbyte",         "dbt", "airflow", "kafka", "mulesoft", "boomi", "zapier", "workato", "celigo", "sap", "s4hana",
        "hana", "netsuite", "sage", "xero", "quickbooks", "afas", "visma", "datev", "totvs", "protheus",
        "zucchetti", "teamsystem", "dynamics365", "navision", "infor", "epicor", "ifs", "unit4", "coupa", "ariba",
        "stripe", "chargebee", "recurly", "zuora", "adyen", "paypal", "shopify", "magento", "woocommerce",
        "bigcommerce", "docusign", "pandadoc", "ironclad", "conga", "cpq", "django", "kubernetes",
        "heroku", "vercel", "cloudflare", "github", "gitlab", "bitbucket", "figma", "miro", "loom",
        "filemaker", "excel", "tableur", "cerner", "guidewire",
        "bling", "omie", "holded", "a3", "sellsy", "axonaut", "divalto", "cegid", "pennylane",
        "yonyou", "kingdee", "salesforce.com", "service-cloud", "hubspot's", "zendesk's",
    ];

    /// <summary>Not a vendor, yet an answer here: "spreadsheets, no contract", "homegrown scripts", "greenfield".</summary>
    internal static readonly string[] StandInWords =
    [
        "greenfield", "spreadsheet", "spreadsheets", "spreadsheet-based", "homegrown", "home-grown", "in-house",
        "inhouse", "self-built", "custom-built", "built", "scripts", "script", "planilha", "planilhas", "hoja",
        "hojas", "tableurs", "fichiers", "fogli", "foglio", "spreadsheet's", "excel-lijstjes", "excel-listen",
        "excel-tabellen", "excel-dateien", "eigenbau", "eigenentwicklung", "selbstgebaut", "selbst", "maison",
        "interne", "interno", "interna", "internamente", "propio", "propia", "próprio", "própria", "zelfgebouwd",
        "zelf", "maatwerk", "papier", "paper", "papel", "carta", "sole-source", "sole", "uniek", "único", "única",
        "unico", "einzige", "build-vs-buy", "build", "diy",
    ];

    /// <summary>German and Dutch category heads: a compound ending in one names a kind of system ("Ticketsystem").</summary>
    private static readonly string[] CategoryHeads =
    [
        "system", "systeme", "systeem", "lösung", "oplossing", "tool", "tools", "software", "plattform", "platform",
        "programm", "programma", "anwendung", "applicatie", "pakket", "paket", "werkzeug", "datenbank", "portal",
        "portaal", "modul", "module", "umgebung", "omgeving", "landschaft", "landschap", "stack",
    ];

    /// <summary>Words that open a sentence without naming anything, checked only for a capitalized first word.</summary>
    private const WordClass NotAName = WordClass.Generic | WordClass.VendorGeneric | WordClass.Negation | WordClass.NumberWord
        | WordClass.Month | WordClass.DeadlineMarker | WordClass.StrongDeadline | WordClass.Relative | WordClass.TimeUnit
        | WordClass.CommitmentGeneric | WordClass.TermsGeneric | WordClass.Moment;

    /// <summary>True when the answer names a product, a vendor, an in-house build or a spreadsheet.</summary>
    public static bool Named(ReadOnlySpan<char> s)
    {
        var position = 0;
        var cjk = false;
        var opening = true;
        while (Quality.Words.TryNext(s, ref position, out var range))
        {
            var w = s[range];
            var start = range.Start.Value;
            var end = range.End.Value;
            var first = opening;
            // A new sentence or list line starts after . ! ? : ; or a line break; its first capital says nothing.
            opening = end < s.Length && s[end] is '.' or '!' or '?' or ':' or ';' or '\n' or '。' or '！' or '？';
            if (Quality.Words.HasDigit(w)) return true;
            if (SpecificRule.CjkLetters(w) > 0)
            {
                cjk = true;
                if (LatinName(w)) return true;
                continue;
            }
            if (w.Length > 2 && (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal))) w = w[..^2];
            var cls = Vocabulary.Classify(w);
            if ((cls & (WordClass.Product | WordClass.StandIn)) != 0) return true;
            if (!char.IsUpper(w[0]) && !HasInnerCapital(w)) continue;
            if ((cls & NotAName) != 0 || IsCategoryCompound(w)) continue;
            if (Quality.Words.IsAcronym(w) || HasInnerCapital(w)) return true;
            if (!first || SetApart(s, start, end)) return true;
        }
        return cjk && CjkContent.Residue(s) >= CjkContent.NameMinLetters;
    }

    /// <summary>"Zendesk, …", "Clari (ends Mar 15)", "Totango" alone, "Salesforce Service Cloud": a first word that is a name.</summary>
    private static bool SetApart(ReadOnlySpan<char> s, int start, int end)
    {
        var rest = s[end..].TrimStart(' ');
        if (rest.IsEmpty || rest[0] is ',' or ';' or '/' or '+' or '(' or '-' or '–' or '—' or ':' or '&' or '、' or '，' or '（' or '\n' or '.') return true;
        // The next word capitalized too ("Salesforce Service Cloud", "Google Workspace").
        var position = end;
        if (!Quality.Words.TryNext(s, ref position, out var next)) return true;
        var n = s[next];
        return char.IsUpper(n[0]) && (Vocabulary.Classify(n) & NotAName) == 0 && start == 0;
    }

    private static bool HasInnerCapital(ReadOnlySpan<char> w)
    {
        for (var i = 1; i < w.Length; i++)
            if (char.IsUpper(w[i]) && char.IsLower(w[i - 1])) return true;
        return false;
    }

    /// <summary>"Ticketsystem", "CRM-Lösung", "Helpdesk-Software": a category; "SAP-System" keeps the name before the dash.</summary>
    private static bool IsCategoryCompound(ReadOnlySpan<char> w)
    {
        if (w.Length < 6) return false;
        Span<char> lower = stackalloc char[w.Length];
        w.ToLowerInvariant(lower);
        foreach (var head in CategoryHeads)
        {
            if (lower.Length <= head.Length || !lower.EndsWith(head, StringComparison.Ordinal)) continue;
            var prefix = w[..^head.Length].TrimEnd('-');
            if (prefix.IsEmpty) return false;
            // The part before the dash is a name ("SAP-System", "Zendesk-Instanz") unless it is a category itself.
            return !(w[prefix.Length] == '-' && (Quality.Words.IsAcronym(prefix) || HasInnerCapital(prefix))
                     && (Vocabulary.Classify(prefix) & NotAName) == 0);
        }
        return false;
    }

    /// <summary>A Latin name inside Chinese or Japanese: "用Access做的", "kintone連携"; a category ("CRM", "ERP") is not one.</summary>
    private static bool LatinName(ReadOnlySpan<char> w)
    {
        var start = -1;
        for (var i = 0; i <= w.Length; i++)
        {
            var latin = i < w.Length && (char.IsAsciiLetterOrDigit(w[i]) || w[i] is '-' or '.');
            if (latin && start < 0) start = i;
            else if (!latin && start >= 0)
            {
                var part = w[start..i];
                if (Quality.Words.HasDigit(part) || part.Length >= 2 && (Vocabulary.Classify(part) & (WordClass.Generic | WordClass.VendorGeneric)) == 0)
                    return true;
                start = -1;
            }
        }
        return false;
    }
}
