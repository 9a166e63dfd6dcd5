using System.Security.Claims;
using Baton.Core.Data;
using Baton.Core.People;

namespace Baton.Web.Access;

/// <summary>The claims Baton puts on a signed-in principal, and how the rest of the web layer reads them.</summary>
public static class Principal
{
    /// <summary>The playbook team member id (or the user id for people outside the team): the actor Baton records.</summary>
    public const string PersonClaim = "baton:person";
    public const string TeamRoleClaim = "baton:team_role";
    public const string VersionClaim = "baton:version";
    public const string ScopeClaim = "scope";
    public const string TokenClaim = "baton:token";

    public static ClaimsPrincipal For(UserRow user, Users users, string authenticationType, IEnumerable<string> scopes, string? tokenId = null)
    {
        var member = users.TeamMemberFor(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Role, user.Role),
            new(PersonClaim, member?.Id ?? user.Id),
            new(VersionClaim, user.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (member is not null) claims.Add(new Claim(TeamRoleClaim, member.Role));
        if (tokenId is not null) claims.Add(new Claim(TokenClaim, tokenId));
        claims.AddRange(scopes.Select(s => new Claim(ScopeClaim, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string PersonId(this ClaimsPrincipal user) =>
        user.FindFirstValue(PersonClaim) ?? throw new InvalidOperationException("no signed-in person: the endpoint lacks an authorization policy");

    public static string UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public static string AccessRole(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? AccessRoles.Viewer;

    public static string DisplayName(this ClaimsPrincipal user) => user.Identity?.Name ?? "";

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(AccessRoles.Admin);

    /// <summary>May read the commission holdback (<see cref="Policies.Finance"/>).</summary>
    public static bool SeesHoldback(this ClaimsPrincipal user) => user.IsInRole(AccessRoles.Admin) || user.IsInRole(AccessRoles.CsLead) || user.IsInRole(AccessRoles.Viewer);

    public static bool IsLead(this ClaimsPrincipal user) => user.IsInRole(AccessRoles.CsLead) || user.IsAdmin();

    public static bool IsContractsTeam(this ClaimsPrincipal user) =>
        user.IsLead() || user.FindFirstValue(TeamRoleClaim) == Domain.Playbook.Roles.ContractsManager;

    /// <summary>An AE edits their own deals; an admin edits any.</summary>
    public static bool CanEditDeal(this ClaimsPrincipal user, string ownerId) =>
        user.HasScope("write") && (user.IsAdmin() || (user.IsInRole(AccessRoles.Ae) && string.Equals(ownerId, user.PersonId(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>A CSM acts on the handoffs assigned to them.</summary>
    public static bool IsAssignedCsm(this ClaimsPrincipal user, string? csmId) =>
        user.HasScope("write") && user.IsInRole(AccessRoles.Csm) && csmId is not null && string.Equals(csmId, user.PersonId(), StringComparison.OrdinalIgnoreCase);

    public static bool HasScope(this ClaimsPrincipal user, string scope) => user.HasClaim(ScopeClaim, scope);
}

/// <summary>The named policies every page and endpoint declares; the role matrix test reads them.</summary>
public static class Policies
{
    /// <summary>Any signed-in person, viewers included.</summary>
    public const string Read = "read";
    /// <summary>AEs (their own deals, checked per deal) and admins; a write-scoped token.</summary>
    public const string EditDeals = "deals:edit";
    /// <summary>CSMs (their own handoffs, checked per handoff), AEs for the warm call and resubmission, CS leads for the CS stage.</summary>
    public const string ActOnHandoffs = "handoffs:act";
    /// <summary>CS leads and admins: reassign, see the team.</summary>
    public const string Lead = "lead";
    /// <summary>The contracts team, CS leads and admins.</summary>
    public const string Contracts = "contracts";
    /// <summary>Admins: settings, users, the outbox.</summary>
    public const string Admin = "admin";
    /// <summary>Admins, changing something: a write-scoped token.</summary>
    public const string AdminWrite = "admin:write";

    /// <summary>Admins, CS leads and viewers (managers, finance): the commission holdback, which names what each AE is owed.</summary>
    public const string Finance = "finance";

    public static readonly IReadOnlyList<string> All = [Read, EditDeals, ActOnHandoffs, Lead, Contracts, Admin, AdminWrite, Finance];
}
