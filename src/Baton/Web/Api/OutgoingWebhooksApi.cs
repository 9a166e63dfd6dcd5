using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Api;

/// <summary>/api/webhooks/outgoing: what went to each webhook receiver (the delivery log), and replay.</summary>
internal static class OutgoingWebhooksApi
{
    private static readonly string[] Statuses = [OutboxStatus.Pending, OutboxStatus.Sent, OutboxStatus.Parked];

    /// <summary>One delivery as the log shows it.</summary>
    public sealed record Delivery(long Id, string Endpoint, string MessageId, string Type, string DealId, string Status, int Attempts,
        DateTime CreatedAtUtc, DateTime? SentAtUtc, DateTime NextAttemptAtUtc, string? LastError, string? Answer);

    /// <summary>Replays every delivery to an endpoint since an instant, e.g. after the receiver lost a day of events.</summary>
    public sealed record ReplayRange(string? Endpoint, DateTimeOffset? Since, string? Type);

    public static void MapOutgoingWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhooks/outgoing").WithTags("Outgoing webhooks");

        group.MapGet("", async (string? endpoint, string? status, string? dealId, long? before, int? limit, BatonDb db, CancellationToken ct) =>
        {
            if (status is not null && !Statuses.Contains(status))
                return Problems.Invalid([new FieldProblem("status", "unknown", $"'{status}' is not a delivery status; statuses: {string.Join(", ", Statuses)}")]);
            if (limit is < 1 or > 500)
                return Problems.Invalid([new FieldProblem("limit", "invalid", "limit is between 1 and 500")]);
            var rows = db.Outbox.AsNoTracking().Where(o => o.Channel == OutboxChannels.Webhook);
            if (status is not null) rows = rows.Where(o => o.Status == status);
            if (dealId is not null) rows = rows.Where(o => o.DealId == dealId);
            if (before is not null) rows = rows.Where(o => o.Id < before);
            // The endpoint is in the key (webhook:{endpoint}:{id}), which is indexed; the payload is not.
            if (endpoint is not null) rows = rows.Where(o => o.IdempotencyKey.StartsWith("webhook:" + endpoint + ":"));
            var page = await rows.OrderByDescending(o => o.Id).Take(limit ?? 100).ToListAsync(ct);
            return Results.Ok(page.Select(View).OfType<Delivery>().ToList());
        })
        .RequireAuthorization(Access.Policies.Admin)
        .WithSummary("The delivery log, newest first: each event sent to each webhook receiver, with its status (pending, sent, parked), attempts, the receiver's answer and the last error; filter by endpoint, status and dealId; page with before=<id>.");

        group.MapPost("/{id:long}/replay", async (long id, BatonDb db, TimeProvider time, CancellationToken ct) =>
        {
            var row = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Channel == OutboxChannels.Webhook, ct);
            if (row is null) return Problems.NotFound($"no webhook delivery {id}", "id");
            if (row.Status == OutboxStatus.Pending) return Problems.Conflict($"delivery {id} is still pending; it will be sent without a replay", "status");
            var replay = Replay(row, time.GetUtcNow());
            db.Outbox.Add(replay);
            await db.SaveChangesAsync(ct);
            return Results.Accepted($"/api/webhooks/outgoing?dealId={Uri.EscapeDataString(row.DealId)}", new { id = replay.Id, replayOf = id, status = replay.Status });
        })
        .RequireAuthorization(Access.Policies.AdminWrite)
        .WithSummary("Send a delivery again, the same body under the same webhook-id (a receiver that already has it ignores it), newly signed; the original stays in the log.");

        group.MapPost("/replay", async (JsonBody<ReplayRange> json, BatonDb db, PlaybookContext context, TimeProvider time, CancellationToken ct) => await json.Then(async body =>
        {
            var problems = new List<FieldProblem>();
            if (string.IsNullOrWhiteSpace(body.Endpoint))
                problems.Add(new FieldProblem("endpoint", "required", $"name the webhook; the playbook declares: {string.Join(", ", context.Playbook.Webhooks.Select(w => w.Name))}"));
            else if (context.Playbook.Webhooks.All(w => w.Name != body.Endpoint))
                problems.Add(new FieldProblem("endpoint", "unknown", $"'{body.Endpoint}' is not a webhook of the playbook; webhooks: {string.Join(", ", context.Playbook.Webhooks.Select(w => w.Name))}"));
            if (body.Since is null) problems.Add(new FieldProblem("since", "required", "since is an ISO 8601 instant, e.g. 2026-12-01T00:00:00Z"));
            if (problems.Count > 0) return Problems.Invalid(problems);
            var since = body.Since!.Value.UtcDateTime;
            var prefix = "webhook:" + body.Endpoint + ":";
            // Only what was sent or parked: pending rows will go anyway. Originals only, so a replay is not replayed again.
            var rows = await db.Outbox.AsNoTracking()
                .Where(o => o.Channel == OutboxChannels.Webhook && o.IdempotencyKey.StartsWith(prefix) && o.CreatedAtUtc >= since && o.Status != OutboxStatus.Pending)
                .OrderBy(o => o.Id).ToListAsync(ct);
            var now = time.GetUtcNow();
            var replays = rows.Where(r => !r.IdempotencyKey.Contains(":replay:", StringComparison.Ordinal))
                .Where(r => body.Type is null || (OutboxMessage.Read(r.Kind, r.Payload) as WebhookEvent)?.Type == body.Type)
                .Select(r => Replay(r, now)).ToList();
            db.Outbox.AddRange(replays);
            await db.SaveChangesAsync(ct);
            return Results.Accepted("/api/webhooks/outgoing?endpoint=" + Uri.EscapeDataString(body.Endpoint!), new { endpoint = body.Endpoint, replayed = replays.Count });
        }))
        .RequireAuthorization(Access.Policies.AdminWrite)
        .Accepts<ReplayRange>("application/json")
        .WithSummary("Replay every event sent (or parked) to one webhook since an instant, optionally of one type, in the order they happened.");
    }

    private static OutboxRow Replay(OutboxRow original, DateTimeOffset now) => new()
    {
        IdempotencyKey = $"{original.IdempotencyKey}:replay:{Guid.CreateVersion7():N}",
        DealId = original.DealId,
        Channel = original.Channel,
        Kind = original.Kind,
        Payload = original.Payload,
        Status = OutboxStatus.Pending,
        CreatedAtUtc = now.UtcDateTime,
        NextAttemptAtUtc = now.UtcDateTime,
    };

    private static Delivery? View(OutboxRow row) => OutboxMessage.Read(row.Kind, row.Payload) is WebhookEvent e
        ? new Delivery(row.Id, e.Endpoint, e.MessageId, e.Type, row.DealId, row.Status, row.Attempts, row.CreatedAtUtc, row.SentAtUtc, row.NextAttemptAtUtc, row.LastError, row.ExternalId)
        : null;
}
