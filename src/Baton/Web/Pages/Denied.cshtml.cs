using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Baton.Web.Pages;

/// <summary>Where a refused page sends the person: open to anyone, it only says no.</summary>
[AllowAnonymous]
public sealed class DeniedModel : PageModel
{
    /// <summary>Says no with the status that means it, so scripts and browsers alike see the refusal.</summary>
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
