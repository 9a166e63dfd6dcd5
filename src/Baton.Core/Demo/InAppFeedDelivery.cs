using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Domain.Handoffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Demo;

/// <summary>
/// Delivers a channel's messages to the in-app feed (<c>DeliveredTo = "feed"</c>) when nothing real is configured for it:
/// the message is rendered and kept, and NOT sent anywhere. A card "post" is confirmed as posted so the handoff moves on.
/// </summary>
/// <remarks>
/// Registered after <c>AddBaton</c>: the outbox pump takes the first delivery registered for a channel, so a real
/// delivery (Slack, SMTP) always wins and this one only catches what would otherwise be parked.
/// </remarks>
public sealed class InAppFeedDelivery(string channel, BatonDb db, PlaybookContext context) : IOutboxDelivery
{
    public const string Feed = "feed";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Channel { get; } = channel;

    public static IServiceCollection AddFallback(IServiceCollection services)
    {
        foreach (var channel in new[] { OutboxChannels.Slack, OutboxChannels.Email, OutboxChannels.Invite })
            services.AddScoped<IOutboxDelivery>(sp => new InAppFeedDelivery(channel, sp.GetRequiredService<BatonDb>(), sp.GetRequiredService<PlaybookContext>()));
        return services;
    }

    public async Task<DeliveryResult> DeliverAsync(OutboxRow row, CancellationToken ct)
    {
        var h = await db.Handoffs.AsNoTracking().Where(x => x.DealId == row.DealId)
            .Select(x => new { x.AccountName, x.CsmId, x.AeId, x.Segment, x.Type, x.State, x.Channel })
            .FirstOrDefaultAsync(ct);
        var payload = JsonSerializer.Deserialize<Payload>(row.Payload, Json) ?? new Payload(null, null, null, null, null, null);
        var account = h?.AccountName ?? await db.Deals.AsNoTracking().Where(d => d.Id == row.DealId).Select(d => d.Company).FirstOrDefaultAsync(ct) ?? row.DealId;
        var csm = h?.CsmId ?? "(unassigned)";
        var text = (row.Channel, row.Kind) switch
        {
            (OutboxChannels.Slack, "post") => $"New handoff in {context.Playbook.Notifications.Channel}: {account} ({h?.Segment}, {h?.Type?.ToLowerInvariant()}) from {h?.AeId} to {csm}.",
            (OutboxChannels.Slack, "preclose") => $"Heads-up to {payload.To}: {account} reached {payload.Stage} and is likely to route to you.",
            (OutboxChannels.Slack, "dm") => $"Direct message to {payload.To}: {account}: {Words(payload.Kind)}.",
            (OutboxChannels.Slack, "escalation") => $"Escalation to {payload.Role}: the {payload.Clock} clock of {account} ran out (CSM {csm}).",
            (OutboxChannels.Slack, "update") => $"Card of {account} updated: {Words(payload.Kind)} (now {h?.State}).",
            (OutboxChannels.Slack, "reply") => $"Thread reply on {account}: {Words(payload.Kind)}.",
            (OutboxChannels.Email, _) => $"E-mail to the customer at {account}: {Words(payload.Kind)}.",
            (OutboxChannels.Invite, _) => $"Calendar invite for {account}: {Words(payload.Kind)}{(payload.AtUtc is { } at ? $" at {at:yyyy-MM-dd HH:mm} UTC" : ", attendees pick the slot")}.",
            _ => $"{row.Channel} {row.Kind} for {account}.",
        };
        HandoffTrigger? followUp = row.Kind == "post" ? new PostedToChannel(h?.Channel ?? context.Playbook.Notifications.Channel, $"feed-{row.Id}") : null;
        return new DeliveryResult.Delivered(Feed, $"feed-{row.Id}", text, followUp);
    }

    private static string Words(string? kind) => kind is null ? "update" :
        string.Concat(kind.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : i == 0 ? char.ToLowerInvariant(c).ToString() : c.ToString()));

    private sealed record Payload(string? Kind, string? To, string? Role, string? Clock, string? Stage, DateTimeOffset? AtUtc);
}
