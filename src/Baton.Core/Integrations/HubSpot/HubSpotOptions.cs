namespace Baton.Core.Integrations.HubSpot;

/// <summary>The <c>HubSpot</c> configuration section.</summary>
public sealed class HubSpotOptions
{
    public const string SectionName = "HubSpot";

    /// <summary>Private-app or OAuth access token, sent as <c>Authorization: Bearer</c>. No default: from the environment (<c>HubSpot__AccessToken</c>) or user-secrets.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The app's client secret, the key of HubSpot's v3 webhook signatures. No default.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>CRM API root, ending in a slash. Default <c>https://api.hubapi.com/</c>; point it at a test double locally.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.hubapi.com/");

    /// <summary>The HubSpot account (hub id) Baton serves; webhook events from other portals are not Baton's. No default.</summary>
    public string PortalId { get; set; } = "";

    /// <summary>Internal name of the deal property group that holds the handoff fields. Default <c>handoff_information</c>.</summary>
    public string PropertyGroup { get; set; } = "handoff_information";

    /// <summary>Label of that group as people see it in HubSpot. Default <c>Handoff Information</c>.</summary>
    public string PropertyGroupLabel { get; set; } = "Handoff Information";

    /// <summary>Deal property where Baton writes the routed CSM. Default <c>baton_csm</c>.</summary>
    public string CsmProperty { get; set; } = "baton_csm";

    /// <summary>Label of the deal pipeline the CSM works in after the handoff. Default <c>Customer Success</c>.</summary>
    public string CsPipelineLabel { get; set; } = "Customer Success";

    /// <summary>How far a webhook's timestamp may be from now before it is refused as a replay. Default 5 minutes, HubSpot's own window.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the service compares the portal with the playbook. Default 7 days.</summary>
    public TimeSpan DriftCheckInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Search requests a second, for the whole process. Default 4: HubSpot allows 5 per account and sends no headers to pace by.</summary>
    public int SearchRequestsPerSecond { get; set; } = 4;

    /// <summary>Below this many requests left in the 10-second window, Baton waits for the window to roll. Default 10.</summary>
    public int SlowDownBelowRemaining { get; set; } = 10;

    /// <summary>Timeout of one attempt. Default 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt (429 in the 10-second window, 5xx, timeouts). Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>How long an owner looked up by id or e-mail is reused. Default 1 hour: owners rarely change, but people leave.</summary>
    public TimeSpan OwnerCacheTtl { get; set; } = TimeSpan.FromHours(1);
}
