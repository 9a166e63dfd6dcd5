using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Recording;

/// <summary>
/// Writes what a decision caused onto the scope's <see cref="BatonDb"/>, unsaved: events into the history, clocks into the
/// clock table, tasks, and typed messages into the outbox. Every use case records through it; its caller saves.
/// </summary>
public sealed partial class Recorder(BatonDb db, PlaybookContext context, ILogger<Recorder> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A fact of Baton's own (DealCreated, FieldSet, StageChanged…) as one history entry.</summary>
    public void Event(string dealId, string type, object data, string actor, DateTimeOffset now)
    {
        var row = new EventRow { DealId = dealId, Type = type, Data = JsonSerializer.Serialize(data, Json), OccurredAtUtc = now.UtcDateTime, Actor = actor };
        db.Events.Add(row);
        Announce(row);
    }

    /// <summary>The domain's events (handoff, contract) as history entries, typed by their record name.</summary>
    public void Events<T>(string dealId, IEnumerable<T> events, DateTimeOffset now) where T : notnull
    {
        foreach (var e in events)
        {
            var row = new EventRow
            {
                DealId = dealId,
                Type = e.GetType().Name,
                Data = HandoffMapping.EventJson(e),
                OccurredAtUtc = now.UtcDateTime,
                Actor = (e as HandoffEvent)?.Actor ?? (e as ContractEvent)?.Actor ?? "baton",
            };
            db.Events.Add(row);
            Announce(row);
        }
    }

    /// <summary>
    /// An outbox row per webhook receiver that wants this event, written with the event itself: a receiver hears of
    /// every change that is saved and of none that is not.
    /// </summary>
    private void Announce(EventRow e)
    {
        var endpoints = context.Playbook.Webhooks;
        if (endpoints.Count == 0 || !Domain.Webhooks.WebhookEvents.ByHistoryType.TryGetValue(e.Type, out var type)) return;
        var now = new DateTimeOffset(DateTime.SpecifyKind(e.OccurredAtUtc, DateTimeKind.Utc));
        string? body = null;
        foreach (var endpoint in endpoints)
        {
            if (!endpoint.Wants(type)) continue;
            body ??= Webhooks.WebhookBody.Write(type, e, now);
            var id = Webhooks.WebhookBody.NewMessageId();
            Enqueue(e.DealId, $"webhook:{endpoint.Name}:{id}", new WebhookEvent(endpoint.Name, id, type, body), now);
        }
    }

    /// <summary>Adds one outbox row; the idempotency key makes a replayed decision enqueue nothing new.</summary>
    /// <param name="notBeforeUtc">When the message is due, if later than now (an archive weeks after the close).</param>
    public void Enqueue(string dealId, string key, OutboxMessage message, DateTimeOffset now, DateTimeOffset? notBeforeUtc = null) =>
        db.Outbox.Add(new OutboxRow
        {
            IdempotencyKey = key,
            DealId = dealId,
            Channel = message.Channel,
            Kind = message.Kind,
            Payload = message.Serialize(),
            Status = OutboxStatus.Pending,
            CreatedAtUtc = now.UtcDateTime,
            NextAttemptAtUtc = (notBeforeUtc is { } due && due > now ? due : now).UtcDateTime,
        });

    /// <summary>
    /// Effects become rows: clocks in the clock table (deadline from the team calendar), tasks, and messages in the
    /// outbox, each keyed <c>{keyPrefix}:{index}</c> so the same transition replayed adds nothing.
    /// </summary>
    /// <param name="running">The deal's running clocks, tracked; a stop effect stops them, a start adds to them.</param>
    public void Effects(string dealId, string keyPrefix, IReadOnlyList<Effect> effects, List<ClockRow> running, DateTimeOffset now)
    {
        for (var i = 0; i < effects.Count; i++)
        {
            var key = $"{keyPrefix}:{i}";
            switch (effects[i])
            {
                case StartClock s:
                    var clock = new ClockRow
                    {
                        DealId = dealId,
                        Name = s.Name,
                        StartedAtUtc = s.StartedAtUtc.UtcDateTime,
                        DueAtUtc = context.Calendar.Add(s.StartedAtUtc, s.Duration).UtcDateTime,
                        Status = ClockStatus.Running,
                    };
                    db.Clocks.Add(clock);
                    running.Add(clock);
                    break;
                case StopClock s:
                    foreach (var c in running.Where(c => c.Name == s.Name && c.Status == ClockStatus.Running))
                    {
                        c.Status = ClockStatus.Stopped;
                        c.StoppedAtUtc = now.UtcDateTime;
                    }
                    break;
                case CreateTask t:
                    db.Tasks.Add(new TaskRow { DealId = dealId, Title = t.Title, OwnerId = t.Owner, DueAtUtc = (t.DueAtUtc ?? now).UtcDateTime });
                    break;
                case CreateCsRecord:
                    break; // the handoff row already is the CS-side record
                case PostToChannel p: Enqueue(dealId, key, new SlackCard(p.Kind), now); break;
                case UpdatePost u: Enqueue(dealId, key, new SlackCardUpdate(u.Kind), now); break;
                case ReplyInThread r: Enqueue(dealId, key, new SlackThreadReply(r.Kind), now); break;
                case DirectMessage d: Enqueue(dealId, key, new SlackDirect(d.To, d.Kind), now); break;
                case Escalate e: Enqueue(dealId, key, new SlackEscalation(e.Role, e.Clock), now); break;
                case SendEmail m: Enqueue(dealId, key, new CustomerEmail(m.Kind), now); break;
                case ScheduleInvite v:
                    Enqueue(dealId, key, new MeetingInvite(v.Kind, v.AtUtc), now);
                    break;
                default:
                    LogUnknownEffect(log, effects[i].GetType().Name);
                    break;
            }
        }
    }

    /// <summary>
    /// A handoff transition: the new state onto the row, the CS stage its events move, its events, and its effects.
    /// A deal that lives in a CRM also gets the CRM's copy of what changed (CS stage, meetings) through the outbox.
    /// </summary>
    public async Task TransitionAsync(HandoffRow row, Transition transition, Handoff next, DateTimeOffset now, List<ClockRow> running, CancellationToken ct)
    {
        HandoffMapping.Write(next, row);
        var csStageBefore = row.CsStage;
        foreach (var e in transition.Events)
        {
            if (CsPipeline.Follow(Enum.Parse<CsStage>(row.CsStage), e) is CsMove.Moved moved) row.CsStage = moved.To.ToString();
        }
        var prefix = $"{row.DealId}:v{row.Version}";
        Events(row.DealId, transition.Events, now);
        Effects(row.DealId, prefix, transition.Effects, running, now);

        var meetings = transition.Events.Select(e => e switch
        {
            HandoffKickoffScheduled k => new CrmMeeting(InviteKind.Kickoff, k.KickoffAtUtc, Held: false),
            HandoffKickoffRescheduled k => new CrmMeeting(InviteKind.Kickoff, k.KickoffAtUtc, Held: false),
            HandoffKickoffHeld k => new CrmMeeting(InviteKind.Kickoff, k.OccurredAtUtc, Held: true),
            HandoffWarmCallHeld w => new CrmMeeting(InviteKind.WarmCall, w.OccurredAtUtc, Held: true),
            _ => null,
        }).OfType<CrmMeeting>().ToList();
        var reassigned = transition.Events.OfType<HandoffReassigned>().LastOrDefault();
        if (meetings.Count == 0 && row.CsStage == csStageBefore && reassigned is null) return;
        if (!await IsInCrmAsync(row.DealId, ct)) return;
        if (reassigned is not null) Enqueue(row.DealId, $"{prefix}:crm:csm", new CrmCsmAssigned(reassigned.ToCsmId), now);
        if (row.CsStage != csStageBefore) Enqueue(row.DealId, $"{prefix}:crm:cs-stage", new CrmCsStage(row.CsStage), now);
        for (var i = 0; i < meetings.Count; i++) Enqueue(row.DealId, $"{prefix}:crm:meeting:{i}", meetings[i], now);
    }

    /// <summary>A CS stage moved by hand (not by a handoff event): the CRM's CS pipeline deal follows.</summary>
    public async Task CsStageMovedAsync(string dealId, string stage, long version, DateTimeOffset now, CancellationToken ct)
    {
        if (await IsInCrmAsync(dealId, ct)) Enqueue(dealId, $"{dealId}:v{version}:crm:cs-stage", new CrmCsStage(stage), now);
    }

    /// <summary>Whether the deal came from a connected CRM, so the CRM must hear what Baton did with it.</summary>
    public async Task<bool> IsInCrmAsync(string dealId, CancellationToken ct)
    {
        var local = db.Deals.Local.FirstOrDefault(d => d.Id == dealId);
        if (local is not null) return local.CrmSource is not null;
        return await db.Deals.AnyAsync(d => d.Id == dealId && d.CrmSource != null, ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No outbox mapping for effect {Effect}")]
    private static partial void LogUnknownEffect(ILogger logger, string effect);
}
