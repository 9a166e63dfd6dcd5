using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Baton.Domain.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Handoffs;

/// <summary>What happened when a trigger reached a handoff.</summary>
public sealed record HandoffOutcome(HandoffOutcomeKind Kind, string? Reason = null)
{
    public static readonly HandoffOutcome Applied = new(HandoffOutcomeKind.Applied);
}

public enum HandoffOutcomeKind { Applied, Ignored, Refused, NotFound, Conflict }

/// <summary>
/// The handoff use cases: start one at close, apply a trigger, and write what follows (events, clocks,
/// outbox messages, tasks) in the same transaction as the state change.
/// </summary>
public sealed partial class HandoffEngine(BatonDb db, PlaybookContext context, TimeProvider time, ILogger<HandoffEngine> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Opens, routes and schedules the handoff of a deal that just closed. The caller saves.</summary>
    public async Task StartAsync(DealRow deal, string actor, CancellationToken ct)
    {
        var playbook = context.Playbook;
        var now = time.GetUtcNow();
        var segment = playbook.SegmentFor(deal.Amount) ?? playbook.Segments[^1];
        var started = Handoff.Start(new DealClosedWon(deal.Id, deal.Company, deal.OwnerId, segment, deal.Amount), context.Clocks, now);
        var row = HandoffMapping.NewRow(started.Handoff);
        db.Handoffs.Add(row);
        var handoff = started.Handoff;
        var running = new List<ClockRow>();
        Record(row, started, handoff, now, running);

        if (playbook.Routing is { } routing)
        {
            var decision = routing.Route(
                new DealFacts(deal.Id, segment.Name, deal.Amount, deal.Territory, deal.OwnerId, playbook.FindPerson(deal.OwnerId)?.Email),
                await RoutingStateAsync(routing, ct));
            await SaveCursorAsync(decision, ct);
            row.RoutingExplanation = decision.Explanation;
            var assigned = handoff.Apply(new CsmAssigned(decision.Csm.CsmId, decision.Pool, decision.Explanation), now);
            if (assigned.Next is { } next)
            {
                Record(row, assigned, next, now, running);
                handoff = next;
            }
            // The AE's transition e-mail to the customer, drafted from the segment's template the day of the close.
            Enqueue(deal.Id, $"{deal.Id}:transition-email", OutboxChannels.Email, "CustomerIntroduction", new { kind = "CustomerIntroduction" }, now);
            var lead = playbook.Team.FirstOrDefault(p => p.Role == Roles.CsLead)?.Id ?? decision.Csm.CsmId;
            foreach (var task in Cadence.Plan(playbook.Cadence, now, new CadenceParties(deal.OwnerId, decision.Csm.CsmId, lead), (t, n) => context.Calendar.Add(t, new Domain.Calendar.BusinessDuration(n, Domain.Calendar.DurationUnit.BusinessDays))))
                db.Tasks.Add(new TaskRow { DealId = deal.Id, Title = task.Name, OwnerId = task.OwnerId, DueAtUtc = task.DueAtUtc.UtcDateTime });
        }
        else
        {
            LogNoRouting(log, deal.Id);
        }

        var contractsTeam = playbook.Team.FirstOrDefault(p => p.Role == Roles.ContractsManager)?.Id ?? "contracts";
        var contract = Contract.Create(deal.Id, contractsTeam, playbook.Clocks.FirstOrDefault(c => c.Name == Contract.DraftedClock), actor, now);
        db.Contracts.Add(new ContractRow
        {
            DealId = deal.Id,
            State = contract.Contract.State.ToString(),
            ContractsTeam = contractsTeam,
            CreatedAtUtc = now.UtcDateTime,
            DraftedClockStartedAtUtc = contract.Contract.DraftedClockStartedAtUtc?.UtcDateTime,
            DraftedClockEscalateTo = contract.Contract.DraftedClockEscalateTo,
        });
        WriteEvents(deal.Id, contract.Events, now);
        WriteEffects(deal.Id, $"{deal.Id}:contract", contract.Effects, running, now);
    }

    /// <summary>Loads the handoff, applies <paramref name="trigger"/> and saves everything it causes at once.</summary>
    public async Task<HandoffOutcome> ApplyAsync(string dealId, HandoffTrigger trigger, CancellationToken ct)
    {
        var row = await db.Handoffs.FirstOrDefaultAsync(h => h.DealId == dealId, ct);
        if (row is null) return new HandoffOutcome(HandoffOutcomeKind.NotFound, $"deal {dealId} has no handoff");
        var outcome = await ApplyLoadedAsync(row, trigger, ct);
        if (outcome.Kind != HandoffOutcomeKind.Applied) return outcome;
        try
        {
            await db.SaveChangesAsync(ct);
            return outcome;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new HandoffOutcome(HandoffOutcomeKind.Conflict, "the handoff changed meanwhile; try again");
        }
    }

    /// <summary>Applies a trigger to a tracked row without saving, for callers that add more to the same transaction.</summary>
    public async Task<HandoffOutcome> ApplyLoadedAsync(HandoffRow row, HandoffTrigger trigger, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var transition = HandoffMapping.ToDomain(row, context.Clocks).Apply(trigger, now);
        switch (transition)
        {
            case Transition.Refused r:
                LogRefused(log, row.DealId, trigger.Name, r.Reason);
                return new HandoffOutcome(HandoffOutcomeKind.Refused, r.Reason);
            case Transition.Ignored i:
                return new HandoffOutcome(HandoffOutcomeKind.Ignored, i.Reason);
        }
        var running = await db.Clocks.Where(c => c.DealId == row.DealId && c.Status == ClockStatus.Running).ToListAsync(ct);
        Record(row, transition, transition.Next!, now, running);
        if (trigger is ClockElapsed elapsed)
        {
            foreach (var clock in running.Where(c => c.Name == elapsed.Clock && c.StartedAtUtc == elapsed.StartedAtUtc.UtcDateTime))
            {
                clock.Status = ClockStatus.Fired;
                clock.FiredAtUtc = now.UtcDateTime;
            }
        }
        return HandoffOutcome.Applied;
    }

    private void Record(HandoffRow row, Transition transition, Handoff next, DateTimeOffset now, List<ClockRow> running)
    {
        HandoffMapping.Write(next, row);
        foreach (var e in transition.Events)
        {
            if (CsPipeline.Follow(Enum.Parse<CsStage>(row.CsStage), e) is CsMove.Moved moved) row.CsStage = moved.To.ToString();
        }
        WriteEvents(row.DealId, transition.Events, now);
        WriteEffects(row.DealId, $"{row.DealId}:v{row.Version}", transition.Effects, running, now);
    }

    internal void WriteEvents<T>(string dealId, IEnumerable<T> events, DateTimeOffset now) where T : notnull
    {
        foreach (var e in events)
            db.Events.Add(new EventRow
            {
                DealId = dealId,
                Type = e.GetType().Name,
                Data = HandoffMapping.EventJson(e),
                OccurredAtUtc = now.UtcDateTime,
                Actor = (e as HandoffEvent)?.Actor ?? (e as ContractEvent)?.Actor ?? "baton",
            });
    }

    /// <summary>Effects become rows: clocks in the clock table, messages in the outbox (keyed so a replay is one message), tasks.</summary>
    internal void WriteEffects(string dealId, string keyPrefix, IReadOnlyList<Effect> effects, List<ClockRow> running, DateTimeOffset now)
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
                case PostToChannel p: Enqueue(dealId, key, OutboxChannels.Slack, "post", new { kind = p.Kind.ToString() }, now); break;
                case UpdatePost u: Enqueue(dealId, key, OutboxChannels.Slack, "update", new { kind = u.Kind.ToString() }, now); break;
                case ReplyInThread r: Enqueue(dealId, key, OutboxChannels.Slack, "reply", new { kind = r.Kind.ToString() }, now); break;
                case DirectMessage d: Enqueue(dealId, key, OutboxChannels.Slack, "dm", new { to = d.To, kind = d.Kind.ToString() }, now); break;
                case Escalate e: Enqueue(dealId, key, OutboxChannels.Slack, "escalation", new { role = e.Role, clock = e.Clock }, now); break;
                case SendEmail m: Enqueue(dealId, key, OutboxChannels.Email, m.Kind.ToString(), new { kind = m.Kind.ToString() }, now); break;
                case ScheduleInvite v: Enqueue(dealId, key, OutboxChannels.Invite, v.Kind.ToString(), new { kind = v.Kind.ToString(), atUtc = v.AtUtc }, now); break;
                default:
                    LogUnknownEffect(log, effects[i].GetType().Name);
                    break;
            }
        }
    }

    /// <summary>Adds one outbox row; the idempotency key makes a replayed transition enqueue nothing new.</summary>
    public void Enqueue(string dealId, string key, string channel, string kind, object payload, DateTimeOffset now) =>
        db.Outbox.Add(new OutboxRow
        {
            IdempotencyKey = key,
            DealId = dealId,
            Channel = channel,
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, Json),
            Status = OutboxStatus.Pending,
            CreatedAtUtc = now.UtcDateTime,
            NextAttemptAtUtc = now.UtcDateTime,
        });

    /// <summary>Where routing stands: each pool's cursor and each CSM's open handoffs.</summary>
    public async Task<RoutingState> RoutingStateAsync(RoutingTable routing, CancellationToken ct)
    {
        var cursors = await db.RoutingCursors.ToDictionaryAsync(c => c.Pool, c => c.Cursor, ct);
        var open = await db.Handoffs
            .Where(h => h.CsmId != null && h.State != nameof(HandoffState.KickoffHeld))
            .GroupBy(h => h.CsmId!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // Handoffs added in this unit of work count too (a batch of closes must spread out).
        foreach (var added in db.ChangeTracker.Entries<HandoffRow>().Where(e => e.State == EntityState.Added && e.Entity.CsmId != null))
            open[added.Entity.CsmId!] = open.GetValueOrDefault(added.Entity.CsmId!) + 1;
        foreach (var cursor in db.ChangeTracker.Entries<RoutingCursorRow>().Where(e => e.State is EntityState.Added or EntityState.Modified))
            cursors[cursor.Entity.Pool] = cursor.Entity.Cursor;
        return new RoutingState(cursors, open);
    }

    private async Task SaveCursorAsync(RoutingDecision decision, CancellationToken ct)
    {
        foreach (var (pool, cursor) in decision.Next.Cursors)
        {
            var row = db.RoutingCursors.Local.FirstOrDefault(c => c.Pool == pool) ?? await db.RoutingCursors.FindAsync([pool], ct);
            if (row is null)
            {
                // Two closes racing on a pool's first cursor must not both insert it (a unique violation fails the close):
                // create it outside the unit of work, where a loser does nothing, then update it like any other.
                await db.Database.ExecuteSqlAsync($"INSERT INTO routing_cursors (\"Pool\", \"Cursor\") VALUES ({pool}, 0) ON CONFLICT DO NOTHING", ct);
                row = await db.RoutingCursors.FindAsync([pool], ct);
            }
            row!.Cursor = cursor;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId} closed but the playbook has no routing: the handoff waits for a CSM")]
    private static partial void LogNoRouting(ILogger logger, string dealId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Trigger} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string dealId, string trigger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "No outbox mapping for effect {Effect}")]
    private static partial void LogUnknownEffect(ILogger logger, string effect);
}

/// <summary>The outbox's delivery channels.</summary>
public static class OutboxChannels
{
    public const string Slack = "slack";
    public const string Email = "email";
    public const string Invite = "invite";
}
