using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Integrations.Slack;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Baton.Domain.Handoffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Inbox;

/// <summary>
/// Turns a stored Slack interaction into a handoff trigger and applies it on the scope's <see cref="BatonDb"/>
/// without saving (the pump saves it with the inbox row). A refused click gets its reason back as a direct message.
/// </summary>
public sealed partial class SlackInbox(BatonDb db, ApplyHandoffTrigger handoffs, Recorder recorder, PlaybookContext context, SlackUserIdCache users, TimeProvider time, ILogger<SlackInbox> log)
    : IInboxHandler
{
    public const string SourceName = "slack";

    public string Source => SourceName;
    public const string InteractionKind = "interaction";
    public const string EventKindPrefix = "event:";

    public async Task<InboxResult> HandleAsync(InboxRow row, CancellationToken ct)
    {
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
