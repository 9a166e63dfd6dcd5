using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Baton.Web.Pages.Handoffs;

/// <summary>The CSM's inbox: the handoffs assigned to them (the team's for a CS lead or admin), the most urgent clock first.</summary>
[Authorize(Policies.Read)]
public sealed class IndexModel(BatonDb db, PlaybookContext context, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Csm { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    public bool Team { get; private set; }
    public IReadOnlyList<HandoffCard> Cards { get; private set; } = [];
    public IReadOnlyList<TeamMember> Csms => context.Playbook.Team.Where(p => p.Role == Roles.Csm).ToList();
    public static IReadOnlyList<string> States => Enum.GetNames<HandoffState>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Team = HandoffList.SeesTeam(User);
        if (State is not null && !States.Contains(State)) State = null;
        Cards = await HandoffList.LoadAsync(db, context, User, time.GetUtcNow(), Csm, State, ct);
    }
}
