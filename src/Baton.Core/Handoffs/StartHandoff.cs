using Baton.Core.Data;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Baton.Core.Routing;
using Baton.Domain.Calendar;
using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Baton.Domain.Routing;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Handoffs;

/// <summary>
/// A deal just closed: open its handoff, route it to a CSM, plan the cadence, create the contract, and record all of
/// it (events, clocks, tasks, messages). It does not save: the caller commits it with the stage move.
/// </summary>
public sealed partial class StartHandoff(BatonDb db, PlaybookContext context, Recorder recorder, RoutingLoad routing, TimeProvider time, ILogger<StartHandoff> log)
{
    public async Task RunAsync(DealRow deal, string actor, CancellationToken ct)
    {
        var playbook = context.Playbook;
        var now = time.GetUtcNow();
        var segment = playbook.SegmentFor(deal.Amount) ?? playbook.Segments[^1];
        var started = Handoff.Start(new DealClosedWon(deal.Id, deal.Company, deal.OwnerId, segment, deal.Amount), context.Clocks, now);
        var row = HandoffMapping.NewRow(started.Handoff);
        db.Handoffs.Add(row);
        var handoff = started.Handoff;
        var running = new List<ClockRow>();
        await recorder.TransitionAsync(row, started, handoff, now, running, ct);

        if (playbook.Routing is { } table)
        {
            var decision = table.Route(
                new DealFacts(deal.Id, segment.Name, deal.Amount, deal.Territory, deal.OwnerId, playbook.FindPerson(deal.OwnerId)?.Email),
                await routing.StateAsync(ct));
            await routing.SaveCursorsAsync(decision, ct);
            row.RoutingExplanation = decision.Explanation;
            var assigned = handoff.Apply(new CsmAssigned(decision.Csm.CsmId, decision.Pool, decision.Explanation), now);
            if (assigned.Next is { } next)
            {
                await recorder.TransitionAsync(row, assigned, next, now, running, ct);
                handoff = next;
            }
            // The AE's transition e-mail to the customer, drafted from the segment's template the day of the close.
            recorder.Enqueue(deal.Id, $"{deal.Id}:transition-email", new CustomerEmail(EmailKind.CustomerIntroduction), now);
            var lead = playbook.Team.FirstOrDefault(p => p.Role == Roles.CsLead)?.Id ?? decision.Csm.CsmId;
            foreach (var task in Cadence.Plan(playbook.Cadence, now, new CadenceParties(deal.OwnerId, decision.Csm.CsmId, lead),
                         (t, n) => context.Calendar.Add(t, new BusinessDuration(n, DurationUnit.BusinessDays))))
                db.Tasks.Add(new TaskRow { DealId = deal.Id, Title = task.Name, OwnerId = task.OwnerId, DueAtUtc = task.DueAtUtc.UtcDateTime });
        }
        else
        {
            LogNoRouting(log, deal.Id);
        }

        var contractsTeam = playbook.Team.FirstOrDefault(p => p.Role == Roles.ContractsManager)?.Id ?? "contracts";
        var draftedClock = playbook.Clocks.FirstOrDefault(c => c.Name == Contract.DraftedClock);
        var contract = Contract.Create(deal.Id, contractsTeam, draftedClock, actor, now);
        db.Contracts.Add(new ContractRow
        {
            DealId = deal.Id,
            State = contract.Contract.State.ToString(),
            ContractsTeam = contractsTeam,
            CreatedAtUtc = now.UtcDateTime,
            DraftedClockStartedAtUtc = contract.Contract.DraftedClockStartedAtUtc?.UtcDateTime,
            DraftedClockEscalateTo = contract.Contract.DraftedClockEscalateTo,
        });
        recorder.Events(deal.Id, contract.Events, now);
        recorder.Effects(deal.Id, $"{deal.Id}:contract", contract.Effects, running, now);

        // Slack: the customer's own channel, for the segments the playbook names.
        CustomerChannels.Plan(playbook, recorder, deal.Id, segment.Name, now);

        // The CRM the deal lives in gets the summary, the CSM, the two tasks with their SLA dates and the CS pipeline record.
        if (deal.CrmSource is not null && handoff.CsmId is { } csm)
        {
            var firstContact = playbook.Clocks.FirstOrDefault(c => c.Name == HandoffClocks.FirstContact);
            var csmName = playbook.FindPerson(csm)?.Name ?? csm;
            recorder.Enqueue(deal.Id, $"{deal.Id}:crm:summary", new CrmHandoffSummary(), now);
            recorder.Enqueue(deal.Id, $"{deal.Id}:crm:csm:0", new CrmCsmAssigned(csm), now);
            recorder.Enqueue(deal.Id, $"{deal.Id}:crm:task:contract", new CrmTask($"Draft the contract for {deal.Company}",
                $"Closed won by {playbook.FindPerson(deal.OwnerId)?.Name ?? deal.OwnerId}; the contract is due within {draftedClock?.Duration.ToString() ?? "24 hours"} of the close.",
                contractsTeam, draftedClock is null ? now.AddHours(24) : context.Calendar.Add(now, draftedClock.Duration)), now);
            recorder.Enqueue(deal.Id, $"{deal.Id}:crm:task:first-contact", new CrmTask($"First contact with {deal.Company}",
                $"{csmName} is the CSM: reach the customer's champion within {firstContact?.Duration.ToString() ?? "two business days"} of the close.",
                csm, firstContact is null ? now.AddDays(2) : context.Calendar.Add(now, firstContact.Duration)), now);
            recorder.Enqueue(deal.Id, $"{deal.Id}:crm:cs-record", new CrmCsRecord(), now);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId} closed but the playbook has no routing: the handoff waits for a CSM")]
    private static partial void LogNoRouting(ILogger logger, string dealId);
}
