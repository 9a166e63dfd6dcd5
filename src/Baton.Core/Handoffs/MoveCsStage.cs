using Baton.Core.Data;
using Baton.Core.Recording;
using Baton.Domain.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Handoffs;

/// <summary>The CSM moves the customer along the CS pipeline, forward only. Records; the caller saves.</summary>
public sealed class MoveCsStage(BatonDb db, Recorder recorder, TimeProvider time)
{
    public sealed record Result(HandoffOutcome Outcome, string? CsStage);

    public async Task<Result> RunAsync(string dealId, CsStage target, string by, CancellationToken ct)
    {
        var handoff = await db.Handoffs.FirstOrDefaultAsync(h => h.DealId == dealId, ct);
        if (handoff is null) return new(new HandoffOutcome(HandoffOutcomeKind.NotFound, $"deal '{dealId}' has no handoff"), null);
        switch (CsPipeline.Advance(Enum.Parse<CsStage>(handoff.CsStage), target, $"moved by {by}"))
        {
            case CsMove.Refused refused:
                return new(new HandoffOutcome(HandoffOutcomeKind.Refused, refused.Reason), handoff.CsStage);
            case CsMove.Ignored ignored:
                return new(new HandoffOutcome(HandoffOutcomeKind.Ignored, ignored.Reason), handoff.CsStage);
            case CsMove.Moved moved:
                var now = time.GetUtcNow();
                handoff.CsStage = moved.To.ToString();
                handoff.Version++;
                recorder.Event(dealId, "CsStageChanged", new { from = moved.From.ToString(), to = moved.To.ToString() }, by, now);
                await recorder.CsStageMovedAsync(dealId, handoff.CsStage, handoff.Version, now, ct);
                return new(HandoffOutcome.Applied, handoff.CsStage);
            default:
                throw new InvalidOperationException("unknown CS move");
        }
    }
}
