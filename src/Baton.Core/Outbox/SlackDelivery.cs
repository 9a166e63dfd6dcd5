using System.Globalization;
using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Integrations.Slack;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Outbox;

/// <summary>
/// Delivers Slack rows through the Web API: the card to the team channel (a <c>#name</c> resolved to its id first), its
/// updates, thread replies, and direct messages (dm, escalation, preclose, refusal). Maps every <see cref="SlackResult{T}"/>
/// to retry or park.
/// </summary>
/// <remarks>
/// Posts carry <see cref="SlackMessageMetadata.Handoff"/>; a retried row first looks for the post an earlier attempt may
/// have made (<see cref="SlackApi.FindPostedAsync"/>), since <c>chat.postMessage</c> has no idempotency key.
/// </remarks>
public sealed partial class SlackDelivery(OutgoingMessages messages, SlackApi slack, SlackUserIdCache users, SlackChannelDirectory channels, ILogger<SlackDelivery> log)
    : IOutboxDelivery
{
    /// <summary>Clock skew between Baton and Slack when searching history from the row's creation.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    public string Channel => OutboxChannels.Slack;

    public async Task<DeliveryResult> DeliverAsync(OutboxRow row, CancellationToken ct)
    {
        DeliveryResult? lookupTrouble = null;
        async Task<SlackPerson> Mention(TeamMember member, CancellationToken token)
        {
            if (member.SlackUserId is { Length: > 0 } known) return new SlackPerson(known, member.Name);
            var found = await users.FindUserIdAsync(member.Email, token);
            if (found is SlackResult<string>.Ok ok) return new SlackPerson(ok.Value, member.Name);
            if (found.IsRetryable) lookupTrouble ??= Map(found, "users.lookupByEmail");
            else LogNoSlackUser(log, member.Id, member.Email, Describe(found));
            return new SlackPerson(null, member.Name);
        }

        var message = await messages.ComposeAsync(row, Mention, ct);
        // A mention is worth waiting for: a card that names the CSM in plain text notifies nobody.
        if (lookupTrouble is not null) return lookupTrouble;

        var metadata = SlackMessageMetadata.Handoff(row.Id.ToString(CultureInfo.InvariantCulture), row.DealId);
        var since = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAtUtc, DateTimeKind.Utc)) - Skew;
        switch (message)
        {
            case OutgoingMessage.Card card:
            {
                // History takes channel ids only, so a "#name" in the playbook is resolved first: the post, the check
                // before a retry and the channel stored with the handoff all use the id.
                var resolved = await channels.ResolveAsync(card.Channel, ct);
                if (resolved is not SlackResult<string>.Ok channel) return Map(resolved, $"conversations.list (finding {card.Channel})");
                if (row.Attempts > 1)
                {
                    var earlier = await slack.FindPostedAsync(channel.Value, metadata.Payload[SlackMessageMetadata.OutboxMessageIdKey], since, cancellationToken: ct);
                    if (earlier is not SlackResult<PostedMessage?>.Ok found) return Map(earlier, "conversations.history");
                    if (found.Value is { } p)
                    {
                        LogFoundEarlierPost(log, row.Id, p.Ts);
                        return new DeliveryResult.Delivered("slack", p.Ts, card.Body, new PostedToChannel(p.Channel, p.Ts));
                    }
                }
                var posted = await slack.PostMessageAsync(channel.Value, HandoffPostBlocks.FallbackText(card.Post), HandoffPostBlocks.Build(card.Post), metadata: metadata, cancellationToken: ct);
                return posted is SlackResult<PostedMessage>.Ok ok
                    ? new DeliveryResult.Delivered("slack", ok.Value.Ts, card.Body, new PostedToChannel(ok.Value.Channel, ok.Value.Ts))
                    : Map(posted, "chat.postMessage");
            }
            case OutgoingMessage.CardUpdate update:
            {
                var updated = await slack.UpdateMessageAsync(update.Channel, update.PostId, HandoffPostBlocks.FallbackText(update.Post), HandoffPostBlocks.Build(update.Post), ct);
                return updated is SlackResult<PostedMessage>.Ok
                    ? new DeliveryResult.Delivered("slack", update.PostId, $"Card updated: {update.Post.StateLabel}")
                    : Map(updated, "chat.update");
            }
            case OutgoingMessage.ThreadReply reply:
                return await PostOnceAsync(row, reply.Channel, reply.Text, reply.PostId, metadata, since, ct);
            case OutgoingMessage.Direct direct:
            {
                var userId = direct.To.SlackUserId;
                if (userId is null && direct.To.Member is { } member)
                {
                    var person = await Mention(member, ct);
                    if (lookupTrouble is not null) return lookupTrouble;
                    userId = person.UserId;
                }
                if (userId is null)
                    return new DeliveryResult.Failed($"no Slack user for {direct.To.Label} ({direct.To.Member?.Email ?? "no e-mail"}): users.lookupByEmail found nobody; add slack_user_id to the team in playbook.yaml");
                var opened = await slack.OpenDirectMessageAsync(userId, ct);
                if (opened is not SlackResult<string>.Ok dm) return Map(opened, "conversations.open");
                return await PostOnceAsync(row, dm.Value, direct.Text, null, metadata, since, ct);
            }
            case OutgoingMessage.Impossible impossible:
                return new DeliveryResult.Failed(impossible.Reason);
            default:
                return new DeliveryResult.Failed($"unexpected message {message.GetType().Name}");
        }
    }

    private async Task<DeliveryResult> PostOnceAsync(OutboxRow row, string channel, string text, string? threadTs, SlackMessageMetadata metadata, DateTimeOffset since, CancellationToken ct)
    {
        if (row.Attempts > 1)
        {
            var earlier = await slack.FindPostedAsync(channel, metadata.Payload[SlackMessageMetadata.OutboxMessageIdKey], since, threadTs, ct);
            if (earlier is not SlackResult<PostedMessage?>.Ok found) return Map(earlier, threadTs is null ? "conversations.history" : "conversations.replies");
            if (found.Value is { } p) return new DeliveryResult.Delivered("slack", p.Ts, text);
        }
        var posted = await slack.PostMessageAsync(channel, text, threadTs: threadTs, metadata: metadata, cancellationToken: ct);
        return posted is SlackResult<PostedMessage>.Ok ok
            ? new DeliveryResult.Delivered("slack", ok.Value.Ts, text)
            : Map(posted, "chat.postMessage");
    }

    /// <summary>429 waits as long as Slack asked; 5xx, timeouts and Slack's own trouble codes retry; every other code parks.</summary>
    internal static DeliveryResult Map<T>(SlackResult<T> result, string method) => result switch
    {
        SlackResult<T>.RateLimited r => new DeliveryResult.Retry($"{method}: rate limited, Slack asked to wait {r.Wait.TotalSeconds:0} s", r.Wait),
        SlackResult<T>.Transient t => new DeliveryResult.Retry($"{method}: {t.Reason}"),
        SlackResult<T>.Failed { Error.IsRetryable: true } f => new DeliveryResult.Retry($"{method}: Slack error {f.Error}"),
        SlackResult<T>.Failed f => new DeliveryResult.Failed($"{method}: Slack refused with {f.Error}" + (f.Error.Needed is { } scope ? $" (needs scope {scope})" : "")),
        _ => new DeliveryResult.Failed($"{method}: unexpected answer {result}"),
    };

    private static string Describe<T>(SlackResult<T> result) => result is SlackResult<T>.Failed f ? f.Error.ToString() : result.ToString();

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Slack user for {PersonId} <{Email}> ({Reason}); mentioning them by name")]
    private static partial void LogNoSlackUser(ILogger logger, string personId, string email, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Id}: an earlier attempt already posted it (ts {Ts}); not posting again")]
    private static partial void LogFoundEarlierPost(ILogger logger, long id, string ts);
}
