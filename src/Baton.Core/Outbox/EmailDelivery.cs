using System.Globalization;
using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Integrations.Email;
using Baton.Core.Messages;
using Baton.Core.Playbook;
using Baton.Domain.Handoffs;
using Baton.Core.Templates;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Core.Outbox;

/// <summary>
/// Turns e-mail and invite rows into messages: the AE's transition e-mail and the CSM's welcome e-mail as drafts
/// (rendered from the segment's playbook template and sent to the person who will send them on), and the warm
/// call and kickoff as calendar invitations to the AE, the CSM and the implementation lead.
/// </summary>
public sealed class EmailComposer(BatonDb db, PlaybookContext context, TemplateRenderer templates, IOptions<MessageOptions> messages, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The e-mail for a row, or why there cannot be one.</summary>
    public async Task<(OutgoingEmail? Email, string? Impossible)> ComposeAsync(OutboxRow row, CancellationToken ct)
    {
        var deal = await db.Deals.AsNoTracking().Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == row.DealId, ct);
        var handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.DealId == row.DealId, ct);
        if (deal is null || handoff is null) return (null, $"deal {row.DealId} has no handoff");
        var playbook = context.Playbook;
        var ae = playbook.FindPerson(handoff.AeId);
        var csm = handoff.CsmId is null ? null : playbook.FindPerson(handoff.CsmId);
        if (ae is null || csm is null) return (null, $"deal {row.DealId}: the AE or the CSM is not in the playbook's team");
        var message = OutboxMessage.Read(row.Kind, row.Payload);
        var model = Model(deal, handoff, ae, csm, (message as MeetingInvite)?.AtUtc);

        switch (message)
        {
            case CustomerEmail { Email: EmailKind.CustomerIntroduction }:
                return (Draft(row, "email/ae-transition.liquid", model, to: ae, model.Fields["champion"].Email), null);
            case CustomerEmail { Email: EmailKind.KickoffConfirmation }:
                return (Draft(row, "email/csm-welcome.liquid", model, to: csm, model.Fields["champion"].Email), null);
            case MeetingInvite meeting:
                var kickoff = meeting.Invite == InviteKind.Kickoff;
                var people = new MeetingPeople(Invitee(ae), Invitee(csm), playbook.Team.FirstOrDefault(p => p.Role == Roles.ImplementationLead) is { } lead ? Invitee(lead) : null);
                var start = meeting.AtUtc ?? ProposedSlot(time.GetUtcNow());
                var slot = new MeetingSlot(start, kickoff ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(30), playbook.Calendar.TimeZone);
                var invite = kickoff
                    ? CalendarInvite.Kickoff(deal.Id, model, people, slot, time.GetUtcNow())
                    : CalendarInvite.WarmCall(deal.Id, model, people, slot, time.GetUtcNow());
                return (new OutgoingEmail
                {
                    IdempotencyKey = row.IdempotencyKey,
                    To = invite.Attendees.Select(a => a.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                    Subject = invite.Summary,
                    Body = invite.Agenda,
                    Invite = invite,
                }, null);
            default:
                return (null, $"no e-mail is defined for {row.Channel} '{row.Kind}'");
        }
    }

    /// <summary>A warm call nobody scheduled yet is proposed for the next working morning, 10:00 team time.</summary>
    private DateTimeOffset ProposedSlot(DateTimeOffset now)
    {
        var zone = context.Calendar.Zone;
        var date = NodaTime.LocalDate.FromDateTime(NodaTime.Instant.FromDateTimeOffset(now).InZone(zone).LocalDateTime.ToDateTimeUnspecified());
        var next = context.Calendar.PlusWorkingDays(date, 1);
        return next.At(new NodaTime.LocalTime(10, 0)).InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();
    }

    private OutgoingEmail Draft(OutboxRow row, string template, HandoffTemplateModel model, TeamMember to, string? customer)
    {
        var draft = EmailDraft.Parse(templates.Render(template, model));
        var note = customer is null
            ? "Draft from Baton: the champion has no e-mail on the deal yet; add it before sending."
            : $"Draft from Baton, to send to {customer}:";
        return new OutgoingEmail
        {
            IdempotencyKey = row.IdempotencyKey,
            To = [to.Email],
            Subject = $"Draft: {draft.Subject}",
            Body = $"{note}{Environment.NewLine}{Environment.NewLine}{draft.Body}",
        };
    }

    private HandoffTemplateModel Model(DealRow deal, HandoffRow handoff, TeamMember ae, TeamMember csm, DateTimeOffset? kickoffAt)
    {
        var playbook = context.Playbook;
        var values = deal.Fields.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.Ordinal);
        var when = kickoffAt ?? (handoff.KickoffAtUtc is { } k ? new DateTimeOffset(k, TimeSpan.Zero) : null);
        return new HandoffTemplateModel
        {
            Deal = new TemplateDeal
            {
                Name = deal.Name,
                Company = deal.Company,
                Segment = handoff.Segment,
                Arr = deal.Amount.ToString("C0", CultureInfo.GetCultureInfo("en-US")),
                Amount = deal.Amount.ToString("C0", CultureInfo.GetCultureInfo("en-US")),
                Stage = deal.Stage,
                Owner = ae.Name,
                Territory = deal.Territory ?? "",
            },
            Csm = new TemplatePerson(csm.Name, csm.Email),
            Ae = new TemplatePerson(ae.Name, ae.Email),
            Fields = HandoffTemplateModel.FieldsFrom(playbook.Fields, values),
            HandoffUrl = messages.Value.HandoffUrl(deal.Id).ToString(),
            HandoffState = handoff.State,
            PlaybookName = playbook.Name,
            KickoffWhen = when is { } w
                ? NodaTime.Instant.FromDateTimeOffset(w).InZone(context.Calendar.Zone).ToString("dddd MMMM d, h:mm tt", CultureInfo.InvariantCulture)
                : "",
        };
    }

    private static Invitee Invitee(TeamMember m) => new(m.Name, m.Email);
}

/// <summary>Sends e-mail and invite rows over SMTP; a refused recipient parks the row, a busy server retries.</summary>
public sealed class SmtpDelivery(string channel, EmailComposer composer, EmailSender sender) : IOutboxDelivery
{
    public string Channel => channel;

    public async Task<DeliveryResult> DeliverAsync(OutboxRow row, CancellationToken ct)
    {
        var (email, impossible) = await composer.ComposeAsync(row, ct);
        if (email is null) return new DeliveryResult.Failed(impossible!);
        return await sender.SendAsync(email, ct) switch
        {
            SendResult.Sent sent => new DeliveryResult.Delivered("smtp", sent.MessageId, $"To {string.Join(", ", email.To)}: {email.Subject}"),
            SendResult.TransientFailure t => new DeliveryResult.Retry(t.Reason),
            SendResult.PermanentFailure p => new DeliveryResult.Failed(p.Reason),
            var other => new DeliveryResult.Failed($"unexpected SMTP result {other.GetType().Name}"),
        };
    }
}

/// <summary>Without <c>Smtp:Host</c>, e-mails and invites go to the in-app feed, marked as not sent.</summary>
public sealed partial class EmailFeedDelivery(string channel, EmailComposer composer, ILogger<EmailFeedDelivery> log) : IOutboxDelivery
{
    public string Channel => channel;

    public async Task<DeliveryResult> DeliverAsync(OutboxRow row, CancellationToken ct)
    {
        var (email, impossible) = await composer.ComposeAsync(row, ct);
        if (email is null) return new DeliveryResult.Failed(impossible!);
        LogNotSent(log, row.Id, row.Kind, row.DealId);
        var ics = email.Invite is null ? "" : $"{Environment.NewLine}(calendar invite {email.Invite.Uid} for {email.Invite.Slot.StartsAtUtc:u})";
        return new DeliveryResult.Delivered(FeedDelivery.Feed, $"feed:{row.Id}",
            $"[e-mail to {string.Join(", ", email.To)}] {email.Subject}{Environment.NewLine}{email.Body}{ics}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Id} ({Kind}, deal {DealId}) NOT e-mailed: Smtp:Host is not set, so it went to the in-app feed only")]
    private static partial void LogNotSent(ILogger logger, long id, string kind, string dealId);
}
