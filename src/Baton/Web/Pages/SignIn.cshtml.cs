using Baton.Core.Data;
using Baton.Core.People;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Baton.Web.Pages;

/// <summary>The front door: OpenID Connect when configured, local accounts with lockout, rate-limited per address.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccessSetup.SignInRateLimit)]
public sealed class SignInModel(AccessOptions options, Users users, BatonDb db, ILogger<SignInModel> log) : PageModel
{
    public OidcOptions Oidc => options.Oidc;
    public bool Local => options.LocalAccounts;
    public string? Error { get; private set; }
    public string? Email { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl, string? error)
    {
        ReturnUrl = Safe(returnUrl);
        Error = error is null ? null : $"Sign-in failed: {error}";
    }

    public IActionResult OnPostOidc(string? returnUrl) =>
        options.Oidc.Enabled ? Challenge(new AuthenticationProperties { RedirectUri = Safe(returnUrl) }, AccessSetup.OidcScheme) : NotFound();

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = Safe(returnUrl);
        Email = email;
        if (!options.LocalAccounts) return NotFound();
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            Error = "Give your e-mail and your password.";
            return Page();
        }
        var user = await users.FindAsync(email, ct);
        var outcome = users.CheckPassword(user, password);
        await db.SaveChangesAsync(ct);
        // Logged by user id, never the e-mail typed or the password.
        log.LogInformation("Local sign-in {Outcome} for {UserId}", outcome, user?.Id ?? "(no such user)");
        switch (outcome)
        {
            case Users.SignInOutcome.Ok:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                    Principal.For(user!, users, CookieAuthenticationDefaults.AuthenticationScheme, Users.Scopes));
                return LocalRedirect(ReturnUrl);
            case Users.SignInOutcome.LockedOut:
                Error = $"Too many wrong passwords: the account is locked for {Users.Lockout.TotalMinutes:0} minutes.";
                break;
            default:
                // The same words for an unknown e-mail, a wrong password and a disabled account.
                Error = "That e-mail and password do not match an active account.";
                break;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private string Safe(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
