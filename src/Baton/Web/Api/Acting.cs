using System.Security.Claims;
using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Api;

/// <summary>
/// Who acts is the signed-in principal, never a field of the request: a body that still names one (<c>actor</c>,
/// <c>by</c>, <c>csmId</c>) is refused with a 400 that says so, and each action checks that the person may take it.
/// </summary>
internal static class Acting
{
    /// <summary>A 400 naming every actor field the body set, or null.</summary>
    public static IResult? NamedInBody(params (string Field, string? Value)[] fields)
    {
        var named = fields.Where(f => f.Value is not null)
            .Select(f => new FieldProblem(f.Field, "not_accepted", $"'{f.Field}' is not accepted: the acting person is the one signed in (or the API token's user); drop it"))
            .ToList();
        return named.Count > 0 ? Problems.Invalid(named) : null;
    }

    public static IResult Forbidden(string reason) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: reason);

    public sealed record HandoffPeople(string? CsmId, string AeId);

    public static Task<HandoffPeople?> HandoffPeopleAsync(BatonDb db, string dealId, CancellationToken ct) =>
        db.Handoffs.AsNoTracking().Where(h => h.DealId == dealId).Select(h => new HandoffPeople(h.CsmId, h.AeId)).FirstOrDefaultAsync(ct);

    public static Task<string?> DealOwnerAsync(BatonDb db, string dealId, CancellationToken ct) =>
        db.Deals.AsNoTracking().Where(d => d.Id == dealId).Select(d => d.OwnerId).FirstOrDefaultAsync(ct);

    /// <summary>Null when the person may edit the deal; else the 404 or 403 to answer.</summary>
    public static async Task<IResult?> CheckDealAsync(ClaimsPrincipal user, BatonDb db, string dealId, CancellationToken ct)
    {
        var owner = await DealOwnerAsync(db, dealId, ct);
        if (owner is null) return Problems.NotFound($"no deal '{dealId}'", "id");
        return user.CanEditDeal(owner) ? null : Forbidden($"deal '{dealId}' belongs to {owner}; an AE edits their own deals");
    }

    /// <summary>Null when the signed-in CSM is the one assigned; else the 404 or 403 to answer.</summary>
    public static async Task<IResult?> CheckAssignedCsmAsync(ClaimsPrincipal user, BatonDb db, string dealId, CancellationToken ct, bool leadToo = false, bool aeToo = false)
    {
        var people = await HandoffPeopleAsync(db, dealId, ct);
        if (people is null) return Problems.NotFound($"deal '{dealId}' has no handoff", "dealId");
        if (user.IsAssignedCsm(people.CsmId)) return null;
        if (leadToo && user.HasScope("write") && user.IsLead()) return null;
        if (aeToo && user.HasScope("write") && user.IsInRole(Core.People.AccessRoles.Ae) && string.Equals(people.AeId, user.PersonId(), StringComparison.OrdinalIgnoreCase)) return null;
        return Forbidden(people.CsmId is null
            ? $"deal '{dealId}' has no CSM yet"
            : $"the handoff of deal '{dealId}' is assigned to {people.CsmId}; only they can do this{(leadToo ? " (or a CS lead)" : "")}{(aeToo ? " (or its AE)" : "")}");
    }
}
