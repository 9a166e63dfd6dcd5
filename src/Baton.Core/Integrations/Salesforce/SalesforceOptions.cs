namespace Baton.Core.Integrations.Salesforce;

/// <summary>The <c>Salesforce</c> configuration section.</summary>
public sealed class SalesforceOptions
{
    public const string Section = "Salesforce";

    /// <summary>The org Baton serves (15 or 18 characters, 00D…). Outbound Messages carry no signature: the org id is what they are checked by, with HTTPS.</summary>
    public string OrganizationId { get; set; } = "";
}
