using Baton.Core.Inbox;
using Baton.Core.Integrations.HubSpot;
using Baton.Core.Messages;
using Microsoft.Extensions.Options;

namespace Baton.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/hubspot</c>: verify HubSpot's v3 signature over the raw body and the URL it called, split the batch,
/// store each event in the inbox (a redelivered one is a no-op), answer 200 at once. The inbox pump does the work.
/// </summary>
internal static partial class HubSpotWebhook
{
    /// <summary>HubSpot sends at most 100 events a request, each well under 1 KB; anything this large is not HubSpot.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static void MapHubSpotWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/hubspot", ReceiveAsync).AllowAnonymous().WithTags("Webhooks")
            .WithSummary("HubSpot's deal webhooks (signature v3, batches of up to 100 events); stored and answered at once.");

    private static async Task<IResult> ReceiveAsync(HttpContext http, InboxStore inbox, IOptions<HubSpotOptions> options, IOptions<MessageOptions> messages,
        WebhookRefusals refusals, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger("Baton.Web.Webhooks.HubSpot");
        var settings = options.Value;
        var (raw, tooLarge) = await WebhookBody.ReadAsync(http.Request, MaxBodyBytes, ct);
        if (tooLarge) return Refuse(refusals, log, "too_large", StatusCodes.Status413PayloadTooLarge, $"the body is over {MaxBodyBytes / 1024} KB; HubSpot sends at most 100 events a request");
        if (string.IsNullOrEmpty(settings.ClientSecret))
            return Refuse(refusals, log, "not_configured", StatusCodes.Status401Unauthorized, "HubSpot:ClientSecret is not configured, so no HubSpot request can be verified");

        var check = Verify(http, raw, settings, messages.Value, time.GetUtcNow());
        if (check != HubSpotSignatureCheck.Valid)
            return check switch
            {
                HubSpotSignatureCheck.MissingHeaders => Refuse(refusals, log, "missing_headers", 401, $"{HubSpotSignature.SignatureHeader} and {HubSpotSignature.TimestampHeader} are required"),
                HubSpotSignatureCheck.MalformedTimestamp => Refuse(refusals, log, "malformed_timestamp", 401, $"{HubSpotSignature.TimestampHeader} is not a time in milliseconds"),
                HubSpotSignatureCheck.StaleTimestamp => Refuse(refusals, log, "stale_timestamp", 401, $"the request timestamp is more than {settings.SignatureTolerance.TotalMinutes:0} minutes from now"),
                _ => Refuse(refusals, log, "bad_signature", 401, "the signature does not match the URL, the body and the timestamp"),
            };

        var (batch, error) = HubSpotTranslator.Split(System.Text.Encoding.UTF8.GetString(raw), settings.PortalId);
        if (batch is null) return Refuse(refusals, log, "not_hubspot_shape", StatusCodes.Status400BadRequest, error!);
        foreach (var skipped in batch.Skipped) LogSkipped(log, skipped);
        refusals.Refused(HubSpotTranslator.Source, "event_skipped", batch.Skipped.Count);
        var stored = await inbox.StoreAsync(HubSpotTranslator.Source, batch.Events, ct);
        if (stored < batch.Events.Count) LogDuplicates(log, batch.Events.Count - stored);
        return Results.Ok();
    }

    /// <summary>
    /// Against the public URL HubSpot was given (<c>Baton:PublicUrl</c>), and else the URL as this request arrived: behind
    /// a proxy only the first can match, on a direct connection either may. Both need the client secret.
    /// </summary>
    private static HubSpotSignatureCheck Verify(HttpContext http, byte[] raw, HubSpotOptions settings, MessageOptions messages, DateTimeOffset now)
    {
        var request = http.Request;
        var timestamp = request.Headers[HubSpotSignature.TimestampHeader].ToString();
        var signature = request.Headers[HubSpotSignature.SignatureHeader].ToString();
        var pathAndQuery = request.Path.Value!.TrimStart('/') + request.QueryString.Value;
        var configured = new Uri(new Uri(messages.PublicUrl.AbsoluteUri.EndsWith('/') ? messages.PublicUrl.AbsoluteUri : messages.PublicUrl.AbsoluteUri + "/"), pathAndQuery).AbsoluteUri;
        var check = HubSpotSignature.Verify(settings.ClientSecret, request.Method, configured, raw, timestamp, signature, now, settings.SignatureTolerance);
        if (check != HubSpotSignatureCheck.Mismatch) return check;
        var received = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        return HubSpotSignature.Verify(settings.ClientSecret, request.Method, received, raw, timestamp, signature, now, settings.SignatureTolerance);
    }

    private static IResult Refuse(WebhookRefusals refusals, ILogger log, string reason, int status, string detail)
    {
        refusals.Refused(HubSpotTranslator.Source, reason);
        LogRefused(log, reason, detail);
        return Results.Problem(statusCode: status, title: "HubSpot webhook refused", detail: detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot webhook refused ({Reason}): {Detail}")]
    private static partial void LogRefused(ILogger logger, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot webhook: {Detail}")]
    private static partial void LogSkipped(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "HubSpot webhook: {Count} event(s) already received (HubSpot retried); ignored")]
    private static partial void LogDuplicates(ILogger logger, int count);
}

/// <summary>Reading a webhook's raw body once, with a size cap, before anything parses it.</summary>
internal static class WebhookBody
{
    public static async Task<(byte[] Body, bool TooLarge)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return ([], true);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return ([], true);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), false);
    }
}
