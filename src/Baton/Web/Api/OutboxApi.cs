using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Queries;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Api;

/// <summary>/api/outbox: what Baton must send, what failed and why; /api/feed: what went to the in-app feed instead of Slack.</summary>
internal static class OutboxApi
{
    private static readonly string[] Statuses = [OutboxStatus.Pending, OutboxStatus.Sent, OutboxStatus.Parked];

    public static void MapOutboxApi(this IEndpointRouteBuilder app)
    {
        var outbox = app.MapGroup("/api/outbox").WithTags("Outbox");

        outbox.MapGet("", async (string? status, string? channel, BatonDb db, CancellationToken ct) =>
            status is not null && !Statuses.Contains(status)
                ? Problems.Invalid([new FieldProblem("status", "unknown", $"'{status}' is not an outbox status; statuses: {string.Join(", ", Statuses)}")])
                : Results.Ok(await new OutboxQueries(db).ListAsync(status, channel, 500, ct)))
            .RequireAuthorization(Access.Policies.Admin)
            .WithSummary("List outbox messages, newest first (at most 500), with attempts, the last error and where each was delivered; filter by status (pending, sent, parked) and channel.");

        outbox.MapPost("/{id:long}/retry", async (long id, BatonDb db, TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            // One conditional update: only a parked row goes back, so a double click or a racing pump cannot resend a sent message.
            // A row that was tried keeps one attempt: a row parked after a 5xx or a timeout may have reached the receiver,
            // and a delivery sees Attempts > 1 on its next try and looks for the earlier post before sending again.
            var updated = await db.Outbox.Where(o => o.Id == id && o.Status == OutboxStatus.Parked)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.Status, OutboxStatus.Pending)
                    .SetProperty(o => o.Attempts, o => o.Attempts > 0 ? 1 : 0)
                    .SetProperty(o => o.NextAttemptAtUtc, now)
                    .SetProperty(o => o.ClaimedUntilUtc, (DateTime?)null), ct);
            if (updated == 1) return Results.Ok(new { id, status = OutboxStatus.Pending });
            var status = await db.Outbox.AsNoTracking().Where(o => o.Id == id).Select(o => o.Status).FirstOrDefaultAsync(ct);
            return status is null
                ? Problems.NotFound($"no outbox message {id}", "id")
                : Problems.Conflict($"message {id} is {status}; only a parked message can be retried", "status");
        })
        .RequireAuthorization(Access.Policies.AdminWrite)
        .WithSummary("Put a parked message back in the queue with its attempts reset (to 1 when it was tried, so the retry first checks whether the receiver already has it).");

        app.MapGet("/api/feed", async (string? after, BatonDb db, CancellationToken ct) =>
            after is not null && !long.TryParse(after, out _)
                ? Problems.Invalid([new FieldProblem("after", "invalid", "after is the id of the last message you have")])
                : Results.Ok(await new OutboxQueries(db).FeedAsync(after is null ? null : long.Parse(after), 200, ct)))
            .RequireAuthorization(Access.Policies.Read)
            .WithTags("Feed")
            .WithSummary("The in-app feed, newest first: messages that were NOT sent to Slack because it is not configured, with their rendered text; after=<id> returns only newer ones.");
    }
}
