using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Recording;
using Baton.Domain.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Contracts;

/// <summary>The contract's use case: sent, signed, or its drafting clock running out. Records; the caller saves.</summary>
public sealed class ApplyContractTrigger(BatonDb db, Recorder recorder, TimeProvider time)
{
    public async Task<HandoffOutcome> RunAsync(string dealId, ContractTrigger trigger, CancellationToken ct)
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
        Contract next;
        switch (transition)
        {
            case ContractTransition.Refused r:
                return new HandoffOutcome(HandoffOutcomeKind.Refused, r.Reason);
            case ContractTransition.Ignored i:
                return new HandoffOutcome(HandoffOutcomeKind.Ignored, i.Reason); // a stale clock is still settled by the caller's save
            case ContractTransition.Moved m:
                next = m.Contract;
                break;
            default:
                next = ((ContractTransition.Stayed)transition).Contract;
                break;
        }

        // Only a clock the contract escalated is fired; a refused or stale one is left to the caller to settle.
        var running = await db.Clocks.Where(c => c.DealId == dealId && c.Name == Contract.DraftedClock && c.Status == ClockStatus.Running).ToListAsync(ct);
        if (trigger is ContractClockElapsed elapsed)
            foreach (var clock in running.Where(c => c.StartedAtUtc == elapsed.StartedAtUtc.UtcDateTime))
            {
                clock.Status = ClockStatus.Fired;
                clock.FiredAtUtc = now.UtcDateTime;
            }

        row.State = next.State.ToString();
        if (next.State == ContractState.Sent && row.SentAtUtc is null) row.SentAtUtc = now.UtcDateTime;
        if (next.State == ContractState.Signed && row.SignedAtUtc is null) row.SignedAtUtc = now.UtcDateTime;
        row.DraftedClockStartedAtUtc = next.DraftedClockStartedAtUtc?.UtcDateTime;
        row.DraftedClockEscalateTo = next.DraftedClockEscalateTo;
        row.DraftedClockMissed = next.DraftedClockMissed;
        row.Version++;
        recorder.Events(dealId, transition.Events, now);
        recorder.Effects(dealId, $"{dealId}:contract:v{row.Version}", transition.Effects, running, now);
        return HandoffOutcome.Applied;
    }
}
