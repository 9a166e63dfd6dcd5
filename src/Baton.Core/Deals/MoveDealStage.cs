using System.Security.Cryptography;
using System.Text;
using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Baton.Core.Routing;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Deals;

/// <summary>
/// Moves a deal through the pipeline: the gate runs for the target stage; a pass moves the deal (into the won stage it
/// starts the handoff), a refusal changes nothing but tells the AE once per distinct set of problems. Records; the
/// caller saves (a refusal too, so the AE's notice is kept).
/// </summary>
public sealed class MoveDealStage(BatonDb db, PlaybookContext context, DealGate deals, StartHandoff handoffs, RoutingLoad routing, Recorder recorder, TimeProvider time)
{
    private Domain.Playbook.Playbook Playbook => context.Playbook;

    public async Task<DealResult> RunAsync(string dealId, string stageName, string actor, CancellationToken ct)
    {
        var deal = await deals.LoadAsync(dealId, ct);
        return deal is null ? new DealResult.NotFound(dealId) : await RunAsync(deal, stageName, actor, ct);
    }

    /// <summary>The same, on a deal the caller already loaded with its fields.</summary>
    public async Task<DealResult> RunAsync(DealRow deal, string stageName, string actor, CancellationToken ct)
    {
        var target = Playbook.FindStage(stageName);
        if (target is null) return new DealResult.Invalid([deals.UnknownStage("stage", stageName)]);
        var current = Playbook.FindStage(deal.Stage);
        if (current?.Outcome == StageOutcome.Won && target.Outcome != StageOutcome.Won)
            return new DealResult.Invalid([new("stage", "invalid", $"the deal is {deal.Stage}; its handoff has started and it cannot move back")]);
        if (string.Equals(deal.Stage, target.Name, StringComparison.OrdinalIgnoreCase))
            return new DealResult.Ok(deal, null);

        var gate = deals.Evaluate(deal, target);
        if (!gate.Passed)
        {
            // Kept in the history so the dashboard can count deals the gate refused before they closed.
            recorder.Event(deal.Id, "StageRefused", new { stage = target.Name, fields = gate.Blocking.Select(c => c.Field.Key).ToArray() }, actor, time.GetUtcNow());
            await TellOwnerAsync(deal, gate, ct);
            return new DealResult.GateRefused(gate, deal);
        }

        var now = time.GetUtcNow();
        recorder.Event(deal.Id, "StageChanged", new { from = deal.Stage, to = target.Name }, actor, now);
        deal.Stage = target.Name;
        deal.UpdatedAtUtc = now.UtcDateTime;
        deal.Version++;
        if (target.Outcome == StageOutcome.Won) await handoffs.RunAsync(deal, actor, ct);
        else if (string.Equals(Playbook.Notifications.PreCloseStage, target.Name, StringComparison.OrdinalIgnoreCase))
            await WarnCsmEarlyAsync(deal, now, ct);
        return new DealResult.Ok(deal, gate);
    }

    /// <summary>The digest of a refusal's problems: the same problems told again are the same message.</summary>
    public static string Digest(GateResult gate) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", Problems(gate)))))[..16];

    public static IReadOnlyList<string> Problems(GateResult gate) => gate.Blocking.Select(c => $"{c.Field.Label}: {c.Verdict.Reason}").ToArray();

    /// <summary>
    /// The AE hears about a refused move by DM, once per distinct set of problems: the key is derived from them, so
    /// retrying the same move enqueues nothing new.
    /// </summary>
    private async Task TellOwnerAsync(DealRow deal, GateResult gate, CancellationToken ct)
    {
        var key = $"{deal.Id}:gate:{gate.Stage.Name}:{Digest(gate)}";
        if (db.Outbox.Local.Any(o => o.IdempotencyKey == key) || await db.Outbox.AnyAsync(o => o.IdempotencyKey == key, ct)) return;
        recorder.Enqueue(deal.Id, key, new SlackGateRefusal(deal.OwnerId, gate.Stage.Name, Problems(gate)), time.GetUtcNow());
    }

    private async Task WarnCsmEarlyAsync(DealRow deal, DateTimeOffset now, CancellationToken ct)
    {
        if (Playbook.Routing is not { } table) return;
        var segment = Playbook.SegmentFor(deal.Amount)?.Name ?? "";
        // A preview: the cursor is not advanced, so the CSM at close may differ in a round-robin pool; the close tells the real one.
        var preview = table.Route(new Domain.Routing.DealFacts(deal.Id, segment, deal.Amount, deal.Territory, deal.OwnerId, null), await routing.StateAsync(ct));
        recorder.Enqueue(deal.Id, $"{deal.Id}:preclose", new SlackPreClose(preview.Csm.CsmId, deal.Stage), now);
    }
}
