using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Domain.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Contracts;

/// <summary>The contract's use cases: sent, signed, and its drafting clock running out, saved with their effects at once.</summary>
public sealed class ContractCommands(BatonDb db, HandoffEngine handoffs, TimeProvider time)
{
    public async Task<HandoffOutcome> ApplyAsync(string dealId, ContractTrigger trigger, CancellationToken ct)
    {
        var row = await db.Contracts.FirstOrDefaultAsync(c => c.DealId == dealId, ct);
        if (row is null) return new HandoffOutcome(HandoffOutcomeKind.NotFound, $"deal {dealId} has no contract");
        var now = time.GetUtcNow();
        var contract = new Contract
        {
            DealId = row.DealId,
            State = Enum.Parse<ContractState>(row.State),
            DraftedClockStartedAtUtc = row.DraftedClockStartedAtUtc is { } started ? new DateTimeOffset(started, TimeSpan.Zero) : null,
            DraftedClockEscalateTo = row.DraftedClockEscalateTo,
            DraftedClockMissed = row.DraftedClockMissed,
        };
        var transition = contract.Apply(trigger, now);
        var running = await db.Clocks.Where(c => c.DealId == dealId && c.Name == Contract.DraftedClock && c.Status == ClockStatus.Running).ToListAsync(ct);
        if (trigger is ContractClockElapsed elapsed)
            foreach (var clock in running.Where(c => c.StartedAtUtc == elapsed.StartedAtUtc.UtcDateTime))
            {
                clock.Status = ClockStatus.Fired;
                clock.FiredAtUtc = now.UtcDateTime;
            }

        Contract next;
        switch (transition)
        {
            case ContractTransition.Refused r:
                return new HandoffOutcome(HandoffOutcomeKind.Refused, r.Reason);
            case ContractTransition.Ignored i:
                await db.SaveChangesAsync(ct); // a stale clock is still settled
                return new HandoffOutcome(HandoffOutcomeKind.Ignored, i.Reason);
            case ContractTransition.Moved m:
                next = m.Contract;
                break;
            default:
                next = ((ContractTransition.Stayed)transition).Contract;
                break;
        }

        row.State = next.State.ToString();
        if (next.State == ContractState.Sent && row.SentAtUtc is null) row.SentAtUtc = now.UtcDateTime;
        if (next.State == ContractState.Signed && row.SignedAtUtc is null) row.SignedAtUtc = now.UtcDateTime;
        row.DraftedClockStartedAtUtc = next.DraftedClockStartedAtUtc?.UtcDateTime;
        row.DraftedClockEscalateTo = next.DraftedClockEscalateTo;
        row.DraftedClockMissed = next.DraftedClockMissed;
        row.Version++;
        handoffs.WriteEvents(dealId, transition.Events, now);
        handoffs.WriteEffects(dealId, $"{dealId}:contract:v{row.Version}", transition.Effects, running, now);
        try
        {
            await db.SaveChangesAsync(ct);
            return HandoffOutcome.Applied;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new HandoffOutcome(HandoffOutcomeKind.Conflict, "the contract changed meanwhile; try again");
        }
    }
}
