using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Baton.Web.Pages;

[Authorize(Policies.Read)]
public sealed class DeniedModel : PageModel
{
    public void OnGet() { }
}
