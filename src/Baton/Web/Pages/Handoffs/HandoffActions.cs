using System.Security.Claims;
using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Playbook;
using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Baton.Web.Access;

namespace Baton.Web.Pages.Handoffs;

/// <summary>The actions a page offers on a handoff.</summary>
public enum HandoffAction { Acknowledge, WarmCall, Accept, Reject, Kickoff, KickoffHeld, Rate, Reassign }

/// <summary>
/// Who may take which action on a handoff, and which the handoff's state allows now: the domain is asked by applying
/// each candidate trigger to the handoff (a pure call) and offering only those it would not refuse.
/// The rules on people mirror the API's (<c>Acting.CheckAssignedCsmAsync</c>): the acting person is the signed-in one.
/// </summary>
public static class HandoffActions
{
    /// <summary>May this person take the action on this handoff (ignoring its state)?</summary>
    public static bool MayAct(ClaimsPrincipal user, HandoffRow row, HandoffAction action) => action switch
    {
        HandoffAction.Reassign => user.HasScope("write") && user.IsLead(),
        HandoffAction.WarmCall => user.IsAssignedCsm(row.CsmId)
            || (user.HasScope("write") && user.IsInRole(Core.People.AccessRoles.Ae) && string.Equals(row.AeId, user.PersonId(), StringComparison.OrdinalIgnoreCase)),
        _ => user.IsAssignedCsm(row.CsmId),
    };

    /// <summary>The assigned CSM or a CS lead moves the CS stage.</summary>
    public static bool MayMoveCsStage(ClaimsPrincipal user, HandoffRow row) =>
        user.IsAssignedCsm(row.CsmId) || (user.HasScope("write") && user.IsLead());

    /// <summary>The actions this person may take now, per the domain's rules for the handoff's state.</summary>
    public static IReadOnlySet<HandoffAction> Offered(ClaimsPrincipal user, HandoffRow row, PlaybookContext context, DateTimeOffset now)
    {
        var csm = row.CsmId ?? "";
        var person = user.PersonId();
        var other = context.Playbook.Team.FirstOrDefault(p => p.Role == Roles.Csm && !string.Equals(p.Id, row.CsmId, StringComparison.OrdinalIgnoreCase))?.Id ?? csm;
        var offered = new HashSet<HandoffAction>();
        foreach (var action in Enum.GetValues<HandoffAction>())
        {
            if (!MayAct(user, row, action)) continue;
            HandoffTrigger probe = action switch
            {
                HandoffAction.Acknowledge => new Acknowledged(csm, true),
                HandoffAction.WarmCall => new WarmCallHeld(person),
                HandoffAction.Accept => new Accepted(csm),
                HandoffAction.Reject => new Rejected(csm, ["probe"], []),
                HandoffAction.Kickoff => new KickoffScheduled(person, now.AddDays(30)),
                HandoffAction.KickoffHeld => new KickoffHeld(person),
                HandoffAction.Rate => new Rated(csm, 3, []),
                _ => new CsmAssigned(other, "manual", "probe", person),
            };
            if (HandoffPreview.Apply(row, context.Clocks, probe, now) is not (Transition.Refused or Transition.Ignored)) offered.Add(action);
        }
        return offered;
    }

    /// <summary>The CS stages a move may go to from the current one (forward only, per the pipeline's rule).</summary>
    public static IReadOnlyList<CsStage> NextCsStages(string current) =>
        Enum.TryParse<CsStage>(current, out var from)
            ? Enum.GetValues<CsStage>().Where(s => CsPipeline.Advance(from, s, "") is CsMove.Moved).ToList()
            : [];

    /// <summary>"HandoffReceived" → "Handoff received".</summary>
    public static string Words(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c)) sb.Append(' ').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Moves the CS stage through MoveCsStage and saves; null on success, else why not.</summary>
    public static async Task<string?> MoveCsStageAsync(BatonDb db, MoveCsStage move, string dealId, string? stage, string by, CancellationToken ct)
    {
        if (!Enum.TryParse<CsStage>(stage, ignoreCase: false, out var target) || !Enum.IsDefined(target) || int.TryParse(stage, out _))
            return $"'{stage}' is not a CS pipeline stage";
        var result = await db.SaveAsync(() => move.RunAsync(dealId, target, by, ct), reason => new MoveCsStage.Result(HandoffOutcome.Conflict(reason), null), ct);
        return result.Outcome.Kind == HandoffOutcomeKind.Applied ? null : result.Outcome.Reason ?? "the stage did not move";
    }
}
