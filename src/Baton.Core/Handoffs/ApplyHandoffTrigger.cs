using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Baton.Domain.Handoffs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Handoffs;

/// <summary>
/// A fact reached a handoff (a click, an API call, a delivery's answer, a clock): load it, let the domain decide, record
/// the result. It does not save: the caller commits it with whatever else the fact caused (the inbox row, the outbox row).
/// </summary>
public sealed partial class ApplyHandoffTrigger(BatonDb db, PlaybookContext context, Recorder recorder, TimeProvider time, ILogger<ApplyHandoffTrigger> log)
{
    public async Task<HandoffOutcome> RunAsync(string dealId, HandoffTrigger trigger, CancellationToken ct)
    {
        var row = await db.Handoffs.FirstOrDefaultAsync(h => h.DealId == dealId, ct);
        return row is null
            ? new HandoffOutcome(HandoffOutcomeKind.NotFound, $"deal {dealId} has no handoff")
            : await RunAsync(row, trigger, ct);
    }

    /// <summary>The same, on a handoff row the caller already tracks.</summary>
    public async Task<HandoffOutcome> RunAsync(HandoffRow row, HandoffTrigger trigger, CancellationToken ct)
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
        await recorder.TransitionAsync(row, transition, transition.Next!, now, running, ct);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: {Trigger} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string dealId, string trigger, string reason);
}
