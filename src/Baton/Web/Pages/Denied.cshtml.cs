using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Baton.Web.Pages;

/// <summary>Where a refused page sends the person: open to anyone, it only says no.</summary>
[AllowAnonymous]
public sealed class DeniedModel : PageModel
{
    public void OnGet() { }
}
