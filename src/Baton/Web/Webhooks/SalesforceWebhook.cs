using Baton.Core.Inbox;
using Baton.Core.Integrations.Salesforce;
using Microsoft.Extensions.Options;

namespace Baton.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/salesforce</c>: an Outbound Message from a flow or workflow on Opportunity. Checked by its
/// organization id (Outbound Messages are not signed: HTTPS and the org id are what Salesforce offers), each
/// notification stored in the inbox (a retried message is a no-op), then the SOAP acknowledgment that stops Salesforce
/// retrying. The inbox pump does the work.
/// </summary>
internal static partial class SalesforceWebhook
{
    /// <summary>100 notifications of a few KB each; anything this large is not an Outbound Message.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    public static void MapSalesforceWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/salesforce", ReceiveAsync).AllowAnonymous().WithTags("Webhooks")
            .WithSummary("Salesforce Outbound Messages (SOAP, 1 to 100 Opportunity notifications), checked by organization id; stored and acknowledged at once.");

    private static async Task<IResult> ReceiveAsync(HttpContext http, InboxStore inbox, IOptions<SalesforceOptions> options, WebhookRefusals refusals,
        ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger("Baton.Web.Webhooks.Salesforce");
        var (raw, tooLarge) = await WebhookBody.ReadAsync(http.Request, MaxBodyBytes, ct);
        if (tooLarge) return Refuse(refusals, log, "too_large", StatusCodes.Status413PayloadTooLarge, $"the body is over {MaxBodyBytes / 1024} KB; an Outbound Message carries at most 100 notifications");
        var org = options.Value.OrganizationId.Trim();
        if (org.Length == 0)
            return Refuse(refusals, log, "not_configured", StatusCodes.Status401Unauthorized, "Salesforce:OrganizationId is not configured, so no Outbound Message can be checked");
        var (message, problem) = SalesforceOutboundMessage.Parse(System.Text.Encoding.UTF8.GetString(raw));
        if (message is null) return Refuse(refusals, log, "not_outbound_message", StatusCodes.Status400BadRequest, problem!);
        if (!SalesforceOutboundMessage.SameOrg(message.OrganizationId, org))
            return Refuse(refusals, log, "foreign_org", StatusCodes.Status403Forbidden, $"the message comes from organization {message.OrganizationId}, not the one Baton serves");
        var events = message.Events();
        var stored = await inbox.StoreAsync(SalesforceOutboundMessage.Source, events, ct);
        if (stored < events.Count) LogDuplicates(log, events.Count - stored);
        return Results.Text(SalesforceOutboundMessage.Ack, "text/xml; charset=utf-8", System.Text.Encoding.UTF8);
    }

    private static IResult Refuse(WebhookRefusals refusals, ILogger log, string reason, int status, string detail)
    {
        refusals.Refused(SalesforceOutboundMessage.Source, reason);
        LogRefused(log, reason, detail);
        return Results.Problem(statusCode: status, title: "Salesforce Outbound Message refused", detail: detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce Outbound Message refused ({Reason}): {Detail}")]
    private static partial void LogRefused(ILogger logger, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Salesforce Outbound Message: {Count} notification(s) already received (Salesforce retried); ignored")]
    private static partial void LogDuplicates(ILogger logger, int count);
}
