using Baton.Core.Data;
using Baton.Core.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages.Plans;

/// <summary>
/// The customer's plan page, opened by a link the CSM shared: anonymous by design. It shows the account name and the
/// items marked shareable (title, owner, date, done) and nothing else. An unknown, expired or revoked link gets the same
/// neutral 404. Never cached, never indexed, never sent on as a referrer.
/// </summary>
[AllowAnonymous]
public sealed class SharedPlanModel(BatonDb db, AccountPlan plan) : PageModel
{
    public bool Found { get; private set; }
    public string Account { get; private set; } = "";
    public List<PlanItemRow> Items { get; private set; } = [];

    public IEnumerable<PlanItemRow> Of(params string[] kinds) => Items.Where(i => kinds.Contains(i.Kind));

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        var dealId = await plan.OpenAsync(token, ct);
        if (dealId is not null)
        {
            Account = await db.Handoffs.AsNoTracking().Where(h => h.DealId == dealId).Select(h => h.AccountName).FirstOrDefaultAsync(ct)
                ?? await db.Deals.AsNoTracking().Where(d => d.Id == dealId).Select(d => d.Company).FirstOrDefaultAsync(ct) ?? "";
            Items = await plan.SharedItemsAsync(dealId, ct);
            Found = true;
        }
        else Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
