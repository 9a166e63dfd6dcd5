using Baton.Core.Data;
using Baton.Core.People;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages;

/// <summary>Your account and your API tokens (created, shown once, revoked).</summary>
[Authorize(Policies.Read)]
public sealed class MeModel(BatonDb db, Users users, TimeProvider time) : PageModel
{
    public string Email { get; private set; } = "";
    public IReadOnlyList<ApiTokenRow> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, string[]? scopes, int? days, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == User.UserId(), ct);
        if (user is null) return Forbid();
        var chosen = (scopes ?? []).Where(s => Users.Scopes.Contains(s)).ToArray();
        if (string.IsNullOrWhiteSpace(name) || chosen.Length == 0) return BadRequest();
        var expires = days is > 0 and <= 3650 ? time.GetUtcNow().UtcDateTime.AddDays(days.Value) : (DateTime?)null;
        var (_, secret) = users.IssueToken(user, name.Trim(), chosen, expires);
        await db.SaveChangesAsync(ct);
        NewSecret = secret;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? id, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == User.UserId(), ct);
        if (token is null) return NotFound();
        token.RevokedAtUtc ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Email = User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? "";
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == User.UserId()).OrderByDescending(t => t.CreatedAtUtc).ToListAsync(ct);
    }
}
