using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Data;
using Baton.Core.Inbox;
using Baton.Core.Integrations.Slack;
using Baton.Core.Playbook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Baton.Web.Webhooks;

/// <summary>
/// Slack's requests: verify the signature over the raw body, store the payload in the inbox (a duplicate is also 200),
/// answer fast. The inbox pump does the work. The one exception is the Reject button, whose modal must open within
/// Slack's 3-second trigger window.
/// </summary>
internal static partial class SlackWebhooks
{
    public static void MapSlackWebhooks(this IEndpointRouteBuilder app)
    {
        // Vendor signatures authenticate these, not Baton sign-in.
        var slack = app.MapGroup("/webhooks/slack").AllowAnonymous().WithTags("Webhooks");
        slack.MapPost("/interactions", InteractionAsync);
        slack.MapPost("/events", EventAsync);
    }

    private static async Task<IResult> InteractionAsync(HttpContext http, BatonDb db, InboxStore inbox, IOptions<SlackOptions> options, TimeProvider time,
        SlackApi api, PlaybookContext playbook, ILoggerFactory logs, CancellationToken ct)
    {
        var (body, refusal) = await ReadSignedAsync(http, options.Value, time, ct);
        if (refusal is not null) return refusal;
        var log = logs.CreateLogger("Baton.Web.Webhooks.Slack");

        var interaction = SlackInteraction.Parse(body);
        if (interaction.DedupKey is not { } key)
        {
            LogIgnored(log, ((SlackInteraction.Unrecognised)interaction).Reason);
            return Results.Ok();
        }
        if (await inbox.StoreAsync(SlackInbox.SourceName, [new ReceivedEvent(key, SlackInbox.InteractionKind, body)], ct) == 0) return Results.Ok();

        if (interaction is SlackInteraction.ButtonPressed { Button: HandoffButton.Reject } reject)
        {
            // The modal needs the click's trigger_id, which Slack spends after 3 s, so it opens before the answer; bounded,
            // so a slow Slack still gets its 200 in time (the click is stored either way, and the CSM can press again).
            using var bounded = new CancellationTokenSource(options.Value.ModalOpenTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, bounded.Token);
            try
            {
                await OpenRejectModalAsync(db, api, playbook, reject, log, linked.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                LogNoModal(log, reject.HandoffId, $"views.open did not answer within {options.Value.ModalOpenTimeout.TotalSeconds:0.#} s");
            }
        }
        return Results.Ok();
    }

    private static async Task<IResult> EventAsync(HttpContext http, InboxStore inbox, IOptions<SlackOptions> options, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        var (body, refusal) = await ReadSignedAsync(http, options.Value, time, ct);
        if (refusal is not null) return refusal;
        if (SlackUrlVerification.TryGetChallenge(body, out var challenge)) return Results.Json(new { challenge });

        string? eventId = null, type = null, envelopeType = null;
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
            eventId = Text(json, "event_id");
            envelopeType = Text(json, "type");
            type = Text(json?["event"] as JsonObject, "type");
        }
        catch (JsonException) { }
        // Slack says it dropped events past its hourly limit. The notice has no event_id; anything but a 2xx would count
        // as a failed delivery against the app's subscriptions.
        if (envelopeType == "app_rate_limited" || type == "app_rate_limited")
        {
            var minute = json?["minute_rate_limited"] ?? json?["event"]?["minute_rate_limited"];
            LogAppRateLimited(logs.CreateLogger("Baton.Web.Webhooks.Slack"), Text(json, "team_id") ?? "?", minute?.ToJsonString() ?? "?");
            return Results.Ok();
        }
        if (eventId is null)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a Slack event", detail: "the body has no event_id");

        await inbox.StoreAsync(SlackInbox.SourceName, [new ReceivedEvent(eventId, SlackInbox.EventKindPrefix + (type ?? "unknown"), body)], ct);
        return Results.Ok();
    }

    /// <summary>The raw body, or a 401 problem when the signature or its timestamp does not hold.</summary>
    private static async Task<(string Body, IResult? Refusal)> ReadSignedAsync(HttpContext http, SlackOptions options, TimeProvider time, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var raw = buffer.ToArray();
        if (string.IsNullOrEmpty(options.SigningSecret))
            return ("", Unauthorized("Slack:SigningSecret is not configured, so no Slack request can be verified"));
        var check = SlackSignature.Verify(options.SigningSecret,
            http.Request.Headers[SlackSignature.TimestampHeader].ToString(), http.Request.Headers[SlackSignature.SignatureHeader].ToString(),
            raw, time.GetUtcNow(), options.SignatureTolerance);
        return check switch
        {
            SlackSignatureCheck.Valid => (Encoding.UTF8.GetString(raw), null),
            SlackSignatureCheck.StaleTimestamp => ("", Unauthorized($"the request timestamp is more than {options.SignatureTolerance.TotalMinutes:0} minutes from now")),
            SlackSignatureCheck.MissingHeaders => ("", Unauthorized($"{SlackSignature.SignatureHeader} and {SlackSignature.TimestampHeader} are required")),
            SlackSignatureCheck.MalformedTimestamp => ("", Unauthorized($"{SlackSignature.TimestampHeader} is not a Unix time")),
            _ => ("", Unauthorized("the signature does not match the body")),
        };
    }

    private static IResult Unauthorized(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Slack signature refused", detail: detail);

    private static async Task OpenRejectModalAsync(BatonDb db, SlackApi api, PlaybookContext playbook, SlackInteraction.ButtonPressed reject, ILogger log, CancellationToken ct)
    {
        var deal = await db.Deals.AsNoTracking().Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == reject.HandoffId, ct);
        if (deal is null)
        {
            LogNoModal(log, reject.HandoffId, "no such deal");
            return;
        }
        // The fields the AE filled are the ones the CSM can call filler.
        var filled = playbook.Playbook.Fields.Fields
            .Where(f => deal.Fields.Any(v => string.Equals(v.Key, f.Key, StringComparison.OrdinalIgnoreCase) && v.Value.Length > 0))
            .Select(f => new JunkFieldOption(f.Key, f.Label))
            .ToList();
        var opened = await api.OpenViewAsync(reject.TriggerId, HandoffPostBlocks.RejectModal(deal.Id, deal.Company, filled), ct);
        if (opened is not SlackResult<string>.Ok) LogNoModal(log, reject.HandoffId, opened.ToString());
    }

    private static string? Text(JsonObject? node, string name) =>
        node?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack dropped events for workspace {TeamId}: the app went over Slack's 30,000 events an hour (minute {Minute}); thread replies of that time are missing from Baton's history")]
    private static partial void LogAppRateLimited(ILogger logger, string teamId, string minute);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack interaction ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reject modal for {HandoffId} did not open: {Reason}")]
    private static partial void LogNoModal(ILogger logger, string handoffId, string reason);
}
