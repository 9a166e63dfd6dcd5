using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Integrations.Slack;
using Baton.Core.Messages;
using Baton.Core.Playbook;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Baton.Core.Outbox;

/// <summary>Who a direct message goes to: a team member, or a Slack user Baton only knows by id (someone who clicked).</summary>
public sealed record Recipient(TeamMember? Member, string? SlackUserId, string Label);

/// <summary>One chat message, composed from an outbox row and the handoff as it is now; the delivery decides how it travels.</summary>
public abstract record OutgoingMessage
{
    private OutgoingMessage() { }

    /// <summary>The handoff card for the team channel.</summary>
    public sealed record Card(string Channel, HandoffPost Post, string Body) : OutgoingMessage;

    /// <summary>The card in its current state, replacing the posted one.</summary>
    public sealed record CardUpdate(string Channel, string PostId, HandoffPost Post) : OutgoingMessage;

    public sealed record ThreadReply(string Channel, string PostId, string Text) : OutgoingMessage;

    public sealed record Direct(Recipient To, string Text) : OutgoingMessage;

    /// <summary>
    /// The customer's own channel: <paramref name="Name"/>, or <paramref name="NameWithDealId"/> when that is taken; the
    /// people to invite; the card to post there. <paramref name="Stored"/> is the channel id an earlier delivery stored.
    /// </summary>
    public sealed record CustomerChannel(string Name, string NameWithDealId, string? Stored, IReadOnlyList<TeamMember> Invitees, HandoffPost Post, string Body)
        : OutgoingMessage;

    /// <summary>The customer's channel to archive: <paramref name="ChannelId"/> is null when none was stored.</summary>
    public sealed record ArchiveChannel(string? ChannelId, string Name, int AfterDays) : OutgoingMessage;

    /// <summary>The row cannot be turned into a message (its handoff or recipient is gone): park it with this reason.</summary>
    /// <summary>A plain post to a channel, about no deal.</summary>
    public sealed record Notice(string Channel, string Text) : OutgoingMessage;

    public sealed record Impossible(string Reason) : OutgoingMessage;
}

/// <summary>
/// Turns a Slack-channel outbox row (post, update, reply, dm, escalation, preclose, refusal, customer-channel,
/// customer-channel-archive) into an
/// <see cref="OutgoingMessage"/>. Texts are composed at delivery time, so a card shows the state it has when sent.
/// </summary>
/// <remarks>
/// <paramref name="mention"/> formats a person for the target: a Slack mention when their user id is known, else the name.
/// </remarks>
public sealed class OutgoingMessages(BatonDb db, PlaybookContext context, IHandoffCardRenderer cardRenderer, IOptions<MessageOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly MessageOptions _options = options.Value;

    private Domain.Playbook.Playbook Playbook => context.Playbook;

    public async Task<OutgoingMessage> ComposeAsync(OutboxRow row, Func<TeamMember, CancellationToken, Task<SlackPerson>> mention, CancellationToken ct)
    {
        var message = OutboxMessage.Read(row.Kind, row.Payload);
        if (message is null) return new OutgoingMessage.Impossible($"no Slack message is defined for outbox kind '{row.Kind}'");
        if (message is SlackNotice notice) return new OutgoingMessage.Notice(notice.To, notice.Text);
        var deal = await db.Deals.AsNoTracking().Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == row.DealId, ct);
        if (deal is null) return new OutgoingMessage.Impossible($"deal {row.DealId} no longer exists");
        var handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.DealId == row.DealId, ct);
        var url = _options.HandoffUrl(deal.Id);

        async Task<string> Named(string? personId)
        {
            if (personId is null) return "nobody yet";
            var member = Playbook.FindPerson(personId);
            return member is null ? HandoffTexts.Escape(personId) : (await mention(member, ct)).Mention;
        }

        switch (message)
        {
            case SlackPreClose preclose:
                return Direct(preclose.To, HandoffTexts.PreClose(deal.Company, preclose.Stage, await Named(deal.OwnerId), url));
            case SlackGateRefusal gate:
                return Direct(gate.To, HandoffTexts.GateRefused(deal.Company, gate.Stage, gate.Problems, _options.DealUrl(deal.Id)));
            case SlackEditRefusal edit:
                return Direct(edit.To, HandoffTexts.EditRefused(deal.Company, edit.Stage, edit.Problems, _options.DealUrl(deal.Id)));
            case SlackActionRefused refused:
                return new OutgoingMessage.Direct(
                    new Recipient(refused.To is null ? null : Playbook.FindPerson(refused.To), refused.SlackUserId, refused.SlackUserId ?? refused.To ?? "?"),
                    HandoffTexts.Refusal(refused.Action, deal.Company, refused.Reason));
        }

        if (handoff is null) return new OutgoingMessage.Impossible($"deal {row.DealId} has no handoff");
        var csm = await Named(handoff.CsmId);
        var ae = await Named(handoff.AeId);

        switch (message)
        {
            case SlackCard:
            {
                var (post, body) = await CardAsync(deal, handoff, url, mention, ct);
                return new OutgoingMessage.Card(Playbook.Notifications.Channel, post, body);
            }
            case SlackCustomerChannel opening:
            {
                var (post, body) = await CardAsync(deal, handoff, url, mention, ct);
                var lead = Playbook.Team.FirstOrDefault(p => p.Role == Roles.ImplementationLead);
                TeamMember?[] people = [Playbook.FindPerson(handoff.AeId), handoff.CsmId is null ? null : Playbook.FindPerson(handoff.CsmId), lead];
                return new OutgoingMessage.CustomerChannel(
                    CustomerChannelName.For(deal.Company, deal.Id, opening.Prefix), CustomerChannelName.WithDealId(deal.Company, deal.Id, opening.Prefix),
                    handoff.CustomerChannel, [.. people.OfType<TeamMember>().DistinctBy(p => p.Id)], post, body);
            }
            case SlackCustomerChannelArchive archive:
                return new OutgoingMessage.ArchiveChannel(handoff.CustomerChannel, CustomerChannelName.For(deal.Company, deal.Id, archive.Prefix), archive.AfterDays);
            case SlackCardUpdate:
                return handoff.PostId is null || handoff.Channel is null
                    ? new OutgoingMessage.Impossible("the handoff has no post to update yet")
                    : new OutgoingMessage.CardUpdate(handoff.Channel, handoff.PostId, await PostAsync(deal, handoff, url, mention, ct));
            case SlackThreadReply reply:
                if (handoff.PostId is null || handoff.Channel is null) return new OutgoingMessage.Impossible("the handoff has no post to reply to");
                var missed = JsonSerializer.Deserialize<List<MissedClock>>(handoff.MissedClocks, Json)?.LastOrDefault()?.Name;
                return new OutgoingMessage.ThreadReply(handoff.Channel, handoff.PostId,
                    HandoffTexts.ThreadReply(reply.Message, deal.Company, csm, ae, handoff.Round, missed,
                        deal.Fields.FirstOrDefault(f => string.Equals(f.Key, "promised", StringComparison.OrdinalIgnoreCase))?.Value));
            case SlackDirect dm:
                var reasons = JsonSerializer.Deserialize<List<string>>(handoff.RejectionReasons, Json) ?? [];
                var junk = (JsonSerializer.Deserialize<List<string>>(handoff.JunkFields, Json) ?? [])
                    .Select(key => Playbook.Fields.Find(key)?.Label ?? key).ToList();
                var acknowledgeWithin = Playbook.Clocks.FirstOrDefault(c => c.Name == HandoffClocks.Acknowledge)?.Duration.ToString();
                return Direct(dm.To, HandoffTexts.Direct(dm.Message, deal.Company, csm, ae, url, handoff.Round, reasons, junk, acknowledgeWithin));
            case SlackEscalation escalation:
                var person = Playbook.Resolve(escalation.Role, handoff.AeId);
                if (person is null) return new OutgoingMessage.Impossible($"nobody in the team has the role '{escalation.Role}' to escalate {escalation.Clock} to");
                var duration = Playbook.Clocks.FirstOrDefault(c => c.Name == escalation.Clock)?.Duration.ToString();
                return new OutgoingMessage.Direct(new Recipient(person, person.SlackUserId, person.Name),
                    HandoffTexts.Escalation(escalation.Clock, deal.Company, duration, csm, ae, url));
            default:
                return new OutgoingMessage.Impossible($"no Slack message is defined for outbox kind '{row.Kind}'");
        }
    }

    /// <summary>Whether another handoff already holds this channel as its customer's: a retry must not adopt it.</summary>
    public Task<bool> IsCustomerChannelOfAnotherAsync(string channelId, string dealId, CancellationToken ct) =>
        db.Handoffs.AnyAsync(h => h.CustomerChannel == channelId && h.DealId != dealId, ct);

    private async Task<(HandoffPost Post, string Body)> CardAsync(DealRow deal, HandoffRow handoff, Uri url, Func<TeamMember, CancellationToken, Task<SlackPerson>> mention, CancellationToken ct)
    {
        var post = await PostAsync(deal, handoff, url, mention, ct);
        var card = new HandoffCard(deal.Id, deal.Company, handoff.Segment, HandoffTexts.Arr(deal.Amount), post.Csm.Mention,
            Playbook.FindPerson(handoff.AeId)?.Name ?? handoff.AeId, url,
            deal.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase));
        return (post, cardRenderer.Render(card));
    }

    private OutgoingMessage Direct(string? personId, string text)
    {
        var person = personId is null ? null : Playbook.FindPerson(personId);
        return person is null
            ? new OutgoingMessage.Impossible($"'{personId}' is not in the playbook's team, so there is nobody to message")
            : new OutgoingMessage.Direct(new Recipient(person, person.SlackUserId, person.Name), text);
    }

    private async Task<HandoffPost> PostAsync(DealRow deal, HandoffRow handoff, Uri url, Func<TeamMember, CancellationToken, Task<SlackPerson>> mention, CancellationToken ct)
    {
        var member = handoff.CsmId is null ? null : Playbook.FindPerson(handoff.CsmId);
        var csm = member is null ? new SlackPerson(null, handoff.CsmId ?? "unassigned") : await mention(member, ct);
        var fields = deal.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
        string Long(string key) => fields.TryGetValue(key, out var v) ? HandoffTexts.Escape(v) : "";
        var state = Enum.Parse<HandoffState>(handoff.State);
        // Buttons follow the state: a context line replaces each button already used.
        var by = csm.UserId ?? csm.Name;
        var acknowledged = state is HandoffState.Acknowledged or HandoffState.WarmCallHeld or HandoffState.Accepted or HandoffState.KickoffScheduled or HandoffState.KickoffHeld;
        var accepted = state is HandoffState.Accepted or HandoffState.KickoffScheduled or HandoffState.KickoffHeld;
        var rejectedAt = state == HandoffState.Rejected
            ? await db.Events.AsNoTracking().Where(e => e.DealId == deal.Id && e.Type == nameof(HandoffRejected)).OrderByDescending(e => e.Id).Select(e => (DateTime?)e.OccurredAtUtc).FirstOrDefaultAsync(ct)
            : null;
        var ratedAt = handoff.Stars is not null
            ? await db.Events.AsNoTracking().Where(e => e.DealId == deal.Id && e.Type == nameof(HandoffRated)).OrderByDescending(e => e.Id).Select(e => (DateTime?)e.OccurredAtUtc).FirstOrDefaultAsync(ct)
            : null;
        return new HandoffPost
        {
            HandoffId = deal.Id,
            Company = deal.Company,
            ArrText = HandoffTexts.Arr(deal.Amount),
            Segment = handoff.Segment,
            Sponsor = fields.GetValueOrDefault("executive_sponsor", ""),
            Champion = fields.GetValueOrDefault("champion", ""),
            WhyNowMrkdwn = Long("why_now"),
            SuccessMetricMrkdwn = Long("success_metric"),
            PromisedMrkdwn = Long("promised"),
            RisksMrkdwn = Long("risks"),
            BatonUrl = url,
            Csm = csm,
            StateLabel = HandoffTexts.StateLabel(state),
            Progress = new HandoffPostProgress(
                Acknowledged: acknowledged && handoff.AcknowledgedAtUtc is { } ackAt ? new SlackActed(by, Utc(ackAt)) : null,
                Accepted: accepted && handoff.AcceptedAtUtc is { } accAt ? new SlackActed(by, Utc(accAt)) : null,
                Rejected: rejectedAt is { } rejAt ? new SlackActed(by, Utc(rejAt)) : null,
                Rated: handoff.Stars is { } stars && ratedAt is { } rateAt ? new SlackRated(stars, by, Utc(rateAt)) : null,
                AwaitsWarmCall: handoff.Type == nameof(HandoffType.Hot) && handoff.WarmCallHeldAtUtc is null),
        };
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
