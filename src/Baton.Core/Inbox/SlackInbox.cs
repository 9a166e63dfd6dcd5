using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Integrations.Slack;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Core.Inbox;

/// <summary>
/// Turns a stored Slack interaction into a handoff trigger and applies it on the scope's <see cref="BatonDb"/>
/// without saving (the pump saves it with the inbox row). A refused click gets its reason back as a direct message.
/// </summary>
public sealed partial class SlackInbox(
    BatonDb db, ApplyHandoffTrigger handoffs, Recorder recorder, PlaybookContext context, SlackUserIdCache users, IOptions<SlackOptions> slack,
    TimeProvider time, ILogger<SlackInbox> log)
    : IInboxHandler
{
    /// <summary>How much of a thread reply the history keeps; Slack allows 40,000 characters, the rest stays in Slack.</summary>
    public const int MaxKeptText = 4000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string SourceName = "slack";

    public string Source => SourceName;
    public const string InteractionKind = "interaction";
    public const string EventKindPrefix = "event:";

    public async Task<InboxResult> HandleAsync(InboxRow row, CancellationToken ct)
    {
        if (row.Kind == EventKindPrefix + "message") return await ThreadMessageAsync(row, ct);
        if (row.Kind.StartsWith(EventKindPrefix, StringComparison.Ordinal))
        {
            // Events are stored for the record; none of them moves a handoff (a view or a reaction never acknowledges).
            LogEventIgnored(log, row.Id, row.Kind);
            return new InboxResult.Done("event recorded, nothing to apply");
        }

        var interaction = SlackInteraction.Parse(row.Body);
        switch (interaction)
        {
            case SlackInteraction.ButtonPressed { Button: HandoffButton.Reject } pressed:
                // The modal was opened at the edge, inside Slack's 3-second trigger window; its submission does the work.
                return new InboxResult.Done($"reject modal for {pressed.HandoffId} opened by {pressed.UserId}");
            case SlackInteraction.ButtonPressed pressed:
                return await ApplyAsync(row, pressed.HandoffId, pressed.UserId, pressed.Button == HandoffButton.Acknowledge ? "acknowledge" : "accept",
                    actor => pressed.Button == HandoffButton.Acknowledge
                        // The button's own words are the confirmation: "I have read what was promised".
                        ? new Acknowledged(actor, ConfirmedPromised: true)
                        : new Accepted(actor), ct);
            case SlackInteraction.RatingChosen rating:
                return await ApplyAsync(row, rating.HandoffId, rating.UserId, "rating", actor => new Rated(actor, rating.Stars, []), ct);
            case SlackInteraction.RejectSubmitted rejected:
                return await ApplyAsync(row, rejected.HandoffId, rejected.UserId, "rejection",
                    actor => new Rejected(actor, [rejected.Reason], rejected.JunkFields), ct);
            case SlackInteraction.Unrecognised u:
                LogUnrecognised(log, row.Id, u.Reason);
                return new InboxResult.Done($"not a Baton interaction: {u.Reason}");
            default:
                return new InboxResult.Done("nothing to apply");
        }
    }

    private async Task<InboxResult> ApplyAsync(InboxRow row, string dealId, string slackUserId, string action, Func<string, HandoffTrigger> trigger, CancellationToken ct)
    {
        var handoff = await db.Handoffs.FirstOrDefaultAsync(h => h.DealId == dealId, ct);
        if (handoff is null) return new InboxResult.Done($"no handoff {dealId}; nothing to apply");

        var (actor, trouble) = await WhoIsAsync(slackUserId, handoff.CsmId, ct);
        if (trouble is not null) return trouble;
        var outcome = await handoffs.RunAsync(handoff, trigger(actor), ct);
        switch (outcome.Kind)
        {
            case HandoffOutcomeKind.Applied:
                return new InboxResult.Done();
            case HandoffOutcomeKind.Refused:
                Refuse(row, dealId, slackUserId, context.Playbook.FindPerson(actor)?.Id, action, outcome.Reason ?? "refused");
                return new InboxResult.Done($"refused: {outcome.Reason}");
            default:
                return new InboxResult.Done($"{outcome.Kind}: {outcome.Reason}");
        }
    }

    /// <summary>
    /// What people write in a handoff's thread becomes its history: replies (<c>ThreadReplied</c>), edits
    /// (<c>ThreadReplyEdited</c>) and deletions (<c>ThreadReplyDeleted</c>), once each per channel and message ts. The thread
    /// is the card's in the team channel; in the customer's own channel every thread counts, the channel being theirs alone.
    /// Nothing here moves the handoff.
    /// </summary>
    private async Task<InboxResult> ThreadMessageAsync(InboxRow row, CancellationToken ct)
    {
        var message = SlackMessageEvent.Parse(row.Body);
        if (message is SlackMessageEvent.Ignored ignored) return new InboxResult.Done($"message not kept: {ignored.Reason}");
        var (channel, threadTs, ts, user) = message switch
        {
            SlackMessageEvent.Replied r => (r.Channel, r.ThreadTs, r.Ts, (string?)r.User),
            SlackMessageEvent.Edited e => (e.Channel, e.ThreadTs, e.Ts, (string?)e.User),
            SlackMessageEvent.Deleted d => (d.Channel, d.ThreadTs, d.Ts, d.User),
            _ => throw new UnreachableException($"unexpected {message.GetType().Name}"),
        };

        var handoff = await db.Handoffs.AsNoTracking()
            .Where(h => (h.Channel == channel && h.PostId == threadTs) || h.CustomerChannel == channel)
            .Select(h => new { h.DealId, h.AeId, h.CsmId })
            .FirstOrDefaultAsync(ct);
        if (handoff is null) return new InboxResult.Done("message not kept: not in a handoff's thread");

        var (type, editedTs) = message switch
        {
            SlackMessageEvent.Edited e => ("ThreadReplyEdited", e.EditedTs),
            SlackMessageEvent.Deleted => ("ThreadReplyDeleted", (string?)null),
            _ => ("ThreadReplied", (string?)null),
        };
        // Slack may send one message under two event ids (a retry after a timeout, two subscriptions): once is enough.
        var recorded = await db.Events.AsNoTracking().Where(e => e.DealId == handoff.DealId && e.Type == type).Select(e => e.Data).ToListAsync(ct);
        if (recorded.Select(d => JsonSerializer.Deserialize<ThreadMessage>(d, Json)).Any(m => m is not null && m.Channel == channel && m.Ts == ts && m.EditedTs == editedTs))
            return new InboxResult.Done($"{type} {channel}/{ts} already kept");

        var person = user is null ? null : await TeamMemberAsync(user, handoff.AeId, handoff.CsmId, ct);
        var text = message switch
        {
            SlackMessageEvent.Replied r => r.Text,
            SlackMessageEvent.Edited e => e.Text,
            _ => null,
        };
        var kept = text is { Length: > MaxKeptText } ? text[..(char.IsHighSurrogate(text[MaxKeptText - 1]) ? MaxKeptText - 1 : MaxKeptText)] + "…" : text;
        var data = new ThreadMessage(channel, threadTs, ts, editedTs, user, person, kept);
        // When it happened in Slack: the reply's ts, the edit's, the deletion's.
        var at = message switch
        {
            SlackMessageEvent.Edited e => e.EditedTs,
            SlackMessageEvent.Deleted d => d.DeletedTs,
            _ => ts,
        };
        recorder.Event(handoff.DealId, type, data, person ?? (user is null ? "slack" : $"slack:{user}"), (at is null ? null : SlackTime(at)) ?? time.GetUtcNow());
        return new InboxResult.Done($"{type} kept on {handoff.DealId}");
    }

    /// <summary>A history entry for a thread message: Slack's ids, who wrote it (Slack user, team member when known), the text.</summary>
    private sealed record ThreadMessage(string Channel, string ThreadTs, string Ts, string? EditedTs, string? SlackUserId, string? PersonId, string? Text);

    /// <summary>
    /// The team member who wrote in the thread: by the playbook's <c>slack_user_id</c>, else the handoff's people (AE, CSM,
    /// implementation lead) by e-mail when Baton talks to Slack. A failed lookup leaves them unnamed rather than waiting.
    /// </summary>
    private async Task<string?> TeamMemberAsync(string slackUserId, string aeId, string? csmId, CancellationToken ct)
    {
        var playbook = context.Playbook;
        if (playbook.Team.FirstOrDefault(p => p.SlackUserId == slackUserId) is { } known) return known.Id;
        if (string.IsNullOrWhiteSpace(slack.Value.BotToken)) return null;
        TeamMember?[] involved = [playbook.FindPerson(aeId), csmId is null ? null : playbook.FindPerson(csmId), playbook.Team.FirstOrDefault(p => p.Role == Roles.ImplementationLead)];
        foreach (var member in involved.OfType<TeamMember>().Where(m => string.IsNullOrEmpty(m.SlackUserId)))
            if (await users.FindUserIdAsync(member.Email, ct) is SlackResult<string>.Ok ok && ok.Value == slackUserId) return member.Id;
        return null;
    }

    /// <summary>A Slack ts ("1764514800.000100") as the instant it names.</summary>
    private static DateTimeOffset? SlackTime(string ts) =>
        decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253402300799m
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    /// <summary>
    /// The team member behind a Slack user: by the playbook's <c>slack_user_id</c>, else by the assigned CSM's e-mail
    /// (the one person whose click counts). Anyone else acts as <c>slack:{id}</c>, which the domain refuses by name.
    /// </summary>
    private async Task<(string Actor, InboxResult? Trouble)> WhoIsAsync(string slackUserId, string? csmId, CancellationToken ct)
    {
        var team = context.Playbook.Team;
        if (team.FirstOrDefault(p => p.SlackUserId == slackUserId) is { } known) return (known.Id, null);
        if (csmId is not null && context.Playbook.FindPerson(csmId) is { SlackUserId: null or "" } csm)
        {
            var found = await users.FindUserIdAsync(csm.Email, ct);
            if (found is SlackResult<string>.Ok ok && ok.Value == slackUserId) return (csm.Id, null);
            if (found.IsRetryable) return ("", new InboxResult.Retry($"users.lookupByEmail for {csm.Email}: {found}", found.RetryAfter));
        }
        return ($"slack:{slackUserId}", null);
    }

    /// <summary>The clicker hears why nothing happened; through the outbox, in the same transaction as the inbox row.</summary>
    private void Refuse(InboxRow row, string dealId, string slackUserId, string? personId, string action, string reason)
    {
        recorder.Enqueue(dealId, $"inbox:{row.Id}:refusal", new SlackActionRefused(slackUserId, personId, action, reason), time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox {Id}: Slack {Kind} recorded; nothing to apply")]
    private static partial void LogEventIgnored(ILogger logger, long id, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox {Id}: not a Baton interaction ({Reason})")]
    private static partial void LogUnrecognised(ILogger logger, long id, string reason);
}
