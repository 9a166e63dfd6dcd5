using Baton.Core.Playbook;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Baton.Web.Pages.Settings;

/// <summary>
/// Admins' settings: the loaded playbook with the checker's verdict (as <c>baton playbook check</c> gives it), and each
/// connection, configured or not, with a test that performs a cheap real check. Never shows a secret.
/// </summary>
[Authorize(Policies.Admin)]
public sealed class SettingsModel(PlaybookContext context, IConfiguration configuration) : PageModel
{
    public PlaybookContext Context => context;
    public PlaybookLoadResult Check { get; private set; } = null!;
    public IReadOnlyList<ConnectionStatus> Connections { get; private set; } = [];
    public string? Tested { get; private set; }
    public CheckResult? Result { get; private set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostTestAsync(string? which, CancellationToken ct)
    {
        if (!User.HasScope("write")) return Forbid();
        Load();
        Tested = Connections.FirstOrDefault(c => c.Key == which)?.Name;
        if (Tested is null) return NotFound();
        Result = await new ConnectionChecks(configuration).CheckAsync(which, ct);
        return Page();
    }

    private void Load()
    {
        Check = PlaybookLoader.Load(context.Directory);
        Connections = new ConnectionChecks(configuration).Statuses();
    }
}
