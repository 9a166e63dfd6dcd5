using Baton.Core.Data;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages.Demo;

/// <summary>The demo's person switcher: loopback and <c>baton demo</c> only; anywhere else it does not exist.</summary>
[AllowAnonymous]
public sealed class SwitchModel(BatonDb db) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(string? userId, string? returnUrl, CancellationToken ct)
    {
        if (!DemoSignIn.Allowed(HttpContext)) return NotFound();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && !u.Disabled, ct);
        if (user is null) return BadRequest();
        await DemoSignIn.SignInAsync(HttpContext, user);
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
