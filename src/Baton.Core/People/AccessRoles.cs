using Baton.Domain.Playbook;

namespace Baton.Core.People;

/// <summary>What a signed-in person may do in Baton. A team member's playbook role decides their default.</summary>
public static class AccessRoles
{
    public const string Admin = "admin";
    public const string Ae = "ae";
    public const string Csm = "csm";
    public const string CsLead = "cs_lead";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Ae, Csm, CsLead, Viewer];

    public static bool IsKnown(string role) => All.Contains(role);

    /// <summary>How a role reads on a page.</summary>
    public static string Words(string? role) => role switch
    {
        Ae => "AE",
        Csm => "CSM",
        CsLead => "CS lead",
        null => "",
        _ => role,
    };

    /// <summary>The access role a playbook team member gets on first sign-in; managers and the contracts team read, and act where their role says.</summary>
    public static string ForTeamRole(string teamRole) => teamRole switch
    {
        Roles.Ae => Ae,
        Roles.Csm => Csm,
        Roles.CsLead => CsLead,
        _ => Viewer,
    };
}
