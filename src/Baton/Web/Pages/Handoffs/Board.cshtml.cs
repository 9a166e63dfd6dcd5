using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Playbook;
using Baton.Domain.Contracts;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages.Handoffs;

/// <summary>The CS pipeline as a board: a list per stage, a card per handoff, moved with a form (no dragging needed).</summary>
[Authorize(Policies.Read)]
public sealed class BoardModel(BatonDb db, PlaybookContext context, MoveCsStage move, TimeProvider time) : PageModel
{
    public bool Team { get; private set; }
    public IReadOnlyList<HandoffCard> Cards { get; private set; } = [];
    public static IReadOnlyList<CsStage> Stages => Enum.GetValues<CsStage>();
    public string? Problem { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public bool CanMove(HandoffCard card) => HandoffActions.MayMoveCsStage(User, card.Row);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMoveAsync(string? deal, string? stage, CancellationToken ct)
    {
        var row = deal is null ? null : await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.DealId == deal, ct);
        if (row is null) return NotFound();
        if (!HandoffActions.MayMoveCsStage(User, row)) return Forbid();
        var refused = await HandoffActions.MoveCsStageAsync(db, move, row.DealId, stage, User.PersonId(), ct);
        if (refused is null) return Redirect($"/handoffs/board?done={Uri.EscapeDataString(row.AccountName)}");
        db.ChangeTracker.Clear();
        Problem = $"{row.AccountName} did not move: {refused}.";
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Team = HandoffList.SeesTeam(User);
        Cards = await HandoffList.LoadAsync(db, context, User, time.GetUtcNow(), null, null, ct);
    }
}
