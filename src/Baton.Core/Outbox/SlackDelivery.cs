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
/// updates, thread replies, direct messages (dm, escalation, preclose, refusal), and the customer's own channel (opened
/// at close, archived later). Maps every <see cref="SlackResult{T}"/> to retry or park.
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
            case OutgoingMessage.Notice notice:
            {
                var resolved = await channels.ResolveAsync(notice.Channel, ct);
                return resolved is SlackResult<string>.Ok channel
                    ? await PostOnceAsync(row, channel.Value, notice.Text, null, metadata, since, ct)
                    : Map(resolved, $"conversations.list (finding {notice.Channel})");
            }
            case OutgoingMessage.CustomerChannel customer:
            {
                var invitees = new List<string>();
                foreach (var member in customer.Invitees)
                {
                    var person = await Mention(member, ct);
                    if (lookupTrouble is not null) return lookupTrouble;
                    if (person.UserId is { } id) invitees.Add(id);
                }
                return await OpenCustomerChannelAsync(row, customer, invitees, metadata, since, ct);
            }
            case OutgoingMessage.ArchiveChannel archive:
            {
                if (archive.ChannelId is null)
                    return new DeliveryResult.Failed($"#{archive.Name} was not archived: no customer channel is stored for this handoff (was its creation parked?)");
                var archived = await slack.ArchiveChannelAsync(archive.ChannelId, ct);
                return archived is SlackResult<string>.Ok
                    ? new DeliveryResult.Delivered("slack", archive.ChannelId, $"#{archive.Name} archived, {archive.AfterDays} days after the close")
                    : Map(archived, "conversations.archive");
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

    /// <summary>
    /// Creates the customer's channel (its name, or the name with the deal id when that is taken), invites the people and
    /// posts the card, each step safe to repeat: a retry first looks for the channel an earlier attempt may have created
    /// (Slack may have run a create it answered with a 5xx), and for the card it may have posted.
    /// </summary>
    private async Task<DeliveryResult> OpenCustomerChannelAsync(OutboxRow row, OutgoingMessage.CustomerChannel customer, IReadOnlyList<string> invitees,
        SlackMessageMetadata metadata, DateTimeOffset since, CancellationToken ct)
    {
        var channelId = customer.Stored;
        var name = customer.Name;
        if (channelId is null && row.Attempts > 1)
        {
            var listed = await slack.ListChannelsAsync(ct);
            if (listed is not SlackResult<IReadOnlyList<SlackChannel>>.Ok all) return Map(listed, "conversations.list");
            // The name with the deal id can only be this deal's; the plain name is ours if the bot is in it and no other handoff holds it.
            foreach (var candidate in new[] { customer.NameWithDealId, customer.Name })
            {
                var found = all.Value.FirstOrDefault(c => c.Name == candidate && c.IsMember);
                if (found is null || await messages.IsCustomerChannelOfAnotherAsync(found.Id, row.DealId, ct)) continue;
                LogFoundEarlierChannel(log, row.Id, found.Name, found.Id);
                (channelId, name) = (found.Id, found.Name);
                break;
            }
        }
        var createdNow = false;
        if (channelId is null)
        {
            var created = await slack.CreateChannelAsync(customer.Name, isPrivate: false, ct);
            if (created is SlackResult<SlackChannel>.Failed { Error.Code: "name_taken" })
            {
                name = customer.NameWithDealId;
                created = await slack.CreateChannelAsync(name, isPrivate: false, ct);
            }
            if (created is not SlackResult<SlackChannel>.Ok ok) return Map(created, $"conversations.create (#{name})");
            channelId = ok.Value.Id;
            createdNow = true;
        }
        // Once this attempt has created the channel, a later rate limit counts as an attempt: the next one must look
        // for the channel instead of creating another.
        DeliveryResult After(DeliveryResult result) =>
            createdNow && result is DeliveryResult.Deferred d ? new DeliveryResult.Retry(d.Reason, d.After) : result;

        if (invitees.Count > 0)
        {
            var invited = await slack.InviteToChannelAsync(channelId, [.. invitees.Distinct()], ct);
            if (invited is not SlackResult<string>.Ok) return After(Map(invited, "conversations.invite"));
        }

        // The card for reading; the buttons stay on the team channel's card, which is the one kept up to date.
        var card = new OutgoingMessage.Card(channelId, customer.Post, customer.Body);
        if (row.Attempts > 1)
        {
            var earlier = await slack.FindPostedAsync(channelId, metadata.Payload[SlackMessageMetadata.OutboxMessageIdKey], since, cancellationToken: ct);
            if (earlier is not SlackResult<PostedMessage?>.Ok found) return After(Map(earlier, "conversations.history"));
            if (found.Value is not null) return new DeliveryResult.Delivered("slack", channelId, $"[#{name}] {card.Body}", CustomerChannel: channelId);
        }
        var posted = await slack.PostMessageAsync(channelId, HandoffPostBlocks.FallbackText(card.Post), HandoffPostBlocks.Build(card.Post, withActions: false),
            metadata: metadata, cancellationToken: ct);
        return posted is SlackResult<PostedMessage>.Ok
            ? new DeliveryResult.Delivered("slack", channelId, $"[#{name}] {card.Body}", CustomerChannel: channelId)
            : After(Map(posted, "chat.postMessage"));
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

    /// <summary>
    /// A rate limit (429, or held back before sending) waits as long as needed and is not an attempt; 5xx, timeouts and
    /// Slack's own trouble codes retry; every other code parks.
    /// </summary>
    internal static DeliveryResult Map<T>(SlackResult<T> result, string method) => result switch
    {
        SlackResult<T>.RateLimited { HeldBack: true } r => new DeliveryResult.Deferred($"{method}: held back {r.Wait.TotalSeconds:0.#} s to stay within Slack's rate limit", r.Wait),
        SlackResult<T>.RateLimited r => new DeliveryResult.Deferred($"{method}: rate limited, Slack asked to wait {r.Wait.TotalSeconds:0} s", r.Wait),
        SlackResult<T>.Transient t => new DeliveryResult.Retry($"{method}: {t.Reason}"),
        SlackResult<T>.Failed { Error.IsRetryable: true } f => new DeliveryResult.Retry($"{method}: Slack error {f.Error}"),
        SlackResult<T>.Failed f => new DeliveryResult.Failed($"{method}: Slack refused with {f.Error}" + (f.Error.Needed is { } scope ? $" (needs scope {scope})" : "")),
        _ => new DeliveryResult.Failed($"{method}: unexpected answer {result}"),
    };

    private static string Describe<T>(SlackResult<T> result) => result is SlackResult<T>.Failed f ? f.Error.ToString() : result.ToString();

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Slack user for {PersonId} <{Email}> ({Reason}); mentioning them by name")]
    private static partial void LogNoSlackUser(ILogger logger, string personId, string email, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Id}: an earlier attempt already created #{Name} ({ChannelId}); not creating another")]
    private static partial void LogFoundEarlierChannel(ILogger logger, long id, string name, string channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Id}: an earlier attempt already posted it (ts {Ts}); not posting again")]
    private static partial void LogFoundEarlierPost(ILogger logger, long id, string ts);
}
