using System.Globalization;
using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Integrations.Slack;
using Baton.Core.Playbook;
using Baton.Domain.Handoffs;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Outbox;

/// <summary>
/// Stands in for Slack when <c>Slack:BotToken</c> is not set: every Slack row is "delivered" to the in-app feed
/// (<c>DeliveredTo = "feed"</c>, the text in <c>Rendered</c>) with the same follow-up Slack would give, so handoffs
/// still move and their clocks run. Nothing leaves Baton.
/// </summary>
public sealed partial class FeedDelivery(OutgoingMessages messages, PlaybookContext context, ILogger<FeedDelivery> log) : IOutboxDelivery
{
    public const string Feed = "feed";

    public string Channel => OutboxChannels.Slack;

    public async Task<DeliveryResult> DeliverAsync(OutboxRow row, CancellationToken ct)
    {
        var message = await messages.ComposeAsync(row, (member, _) => Task.FromResult(new SlackPerson(null, member.Name)), ct);
        var id = "feed:" + row.Id.ToString(CultureInfo.InvariantCulture);
        DeliveryResult result = message switch
        {
            OutgoingMessage.Card card => new DeliveryResult.Delivered(Feed, id, $"[{card.Channel}] {card.Body}", new PostedToChannel(card.Channel, id)),
            OutgoingMessage.CardUpdate update => new DeliveryResult.Delivered(Feed, id, $"[{update.Channel}] card of {update.Post.Company} now: {update.Post.StateLabel}"),
            OutgoingMessage.ThreadReply reply => new DeliveryResult.Delivered(Feed, id, $"[{reply.Channel}, thread] {reply.Text}"),
            OutgoingMessage.Direct direct => new DeliveryResult.Delivered(Feed, id, $"[to {direct.To.Label}] {direct.Text}"),
            OutgoingMessage.CustomerChannel customer => new DeliveryResult.Delivered(Feed, id,
                $"[#{customer.Name}, new channel with {string.Join(", ", customer.Invitees.Select(p => p.Name))}] {customer.Body}"),
            OutgoingMessage.ArchiveChannel archive => new DeliveryResult.Delivered(Feed, id, $"[#{archive.Name}] archived, {archive.AfterDays} days after the close"),
            OutgoingMessage.Notice notice => new DeliveryResult.Delivered(Feed, id, $"[{notice.Channel}] {notice.Text}"),
            OutgoingMessage.Impossible impossible => new DeliveryResult.Failed(impossible.Reason),
            _ => new DeliveryResult.Failed($"unexpected message {message.GetType().Name}"),
        };
        if (result is DeliveryResult.Delivered) LogNotSentToSlack(log, row.Id, row.Kind, row.DealId, context.Playbook.Notifications.Channel);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Id} ({Kind}, deal {DealId}) NOT sent to Slack: Slack:BotToken is not set, so it went to the in-app feed only ({Channel} saw nothing)")]
    private static partial void LogNotSentToSlack(ILogger logger, long id, string kind, string dealId, string channel);
}
