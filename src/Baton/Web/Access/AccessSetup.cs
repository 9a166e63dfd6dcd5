using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Baton.Core.Data;
using Baton.Core.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Baton.Web.Access;

/// <summary>Sign-in settings (<c>Authentication:*</c>).</summary>
public sealed class AccessOptions
{
    /// <summary>Local accounts with passwords (<c>baton users add --password-stdin</c>); on by default.</summary>
    public bool LocalAccounts { get; set; } = true;
    /// <summary>Sign-in attempts a minute per client address.</summary>
    public int SignInsPerMinute { get; set; } = 10;
    /// <summary>Marks cookies Secure whatever the request says; set it behind a TLS-terminating proxy.</summary>
    public bool RequireHttps { get; set; }
    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>An OpenID Connect provider (Okta, Google, Entra ID, …): <c>Authentication:Oidc:*</c>.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>The button's label on the sign-in page.</summary>
    public string DisplayName { get; set; } = "your company account";
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Authentication (cookie, API token, OpenID Connect), the named policies, sign-in rate limiting and security headers.</summary>
public static class AccessSetup
{
    public const string DefaultScheme = "baton";
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string SignInRateLimit = "signin";

    public static void AddBatonAccess(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Authentication").Get<AccessOptions>() ?? new AccessOptions();
        builder.Services.AddSingleton(options);
        if (builder.Configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keys)
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("baton");

        var auth = builder.Services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Baton", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthentication.Name
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.Name, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "baton";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/denied";
                o.Events.OnRedirectToLogin = context => Api(context.Request)
                    ? WriteProblem(context.HttpContext, 401, "Sign in first", "Sign in, or send an API token (Authorization: Bearer bt_…).")
                    : Redirect(context);
                o.Events.OnRedirectToAccessDenied = context => Api(context.Request)
                    ? WriteProblem(context.HttpContext, 403, "Not allowed", "Your role does not allow this.")
                    : Redirect(context);
                // A disabled user or a changed role ends the session at the next request, not when the cookie expires.
                o.Events.OnValidatePrincipal = async context =>
                {
                    var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                    var version = context.Principal?.FindFirstValue(Principal.VersionClaim);
                    var db = context.HttpContext.RequestServices.GetRequiredService<BatonDb>();
                    var user = id is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, context.HttpContext.RequestAborted);
                    if (user is null || user.Disabled || user.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != version)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            });

        if (options.Oidc.Enabled)
            auth.AddOpenIdConnect(OidcScheme, options.Oidc.DisplayName, o =>
            {
                o.Authority = options.Oidc.Authority;
                o.ClientId = options.Oidc.ClientId;
                o.ClientSecret = options.Oidc.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                // A top-level redirect back keeps SameSite=Lax cookies, so no cookie has to be SameSite=None.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.RequireHttpsMetadata = options.Oidc.Authority!.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Scope.Add("email");
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.SaveTokens = false;
                o.MapInboundClaims = false;
                o.Events.OnTokenValidated = async context =>
                {
                    var email = context.Principal?.FindFirstValue("email");
                    var name = context.Principal?.FindFirstValue("name");
                    var users = context.HttpContext.RequestServices.GetRequiredService<Users>();
                    var db = context.HttpContext.RequestServices.GetRequiredService<BatonDb>();
                    var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindOrProvisionAsync(email, name, context.HttpContext.RequestAborted);
                    if (user is null || user.Disabled)
                    {
                        context.Fail(string.IsNullOrWhiteSpace(email)
                            ? "the identity provider sent no e-mail address"
                            : user is null ? "no Baton user has this e-mail; an admin adds one with `baton users add`" : "this Baton user is disabled");
                        return;
                    }
                    user.LastSignInAtUtc = DateTime.UtcNow;
                    await db.SaveChangesAsync(context.HttpContext.RequestAborted);
                    context.Principal = Principal.For(user, users, CookieAuthenticationDefaults.AuthenticationScheme, Users.Scopes);
                };
                o.Events.OnRemoteFailure = context =>
                {
                    context.HandleResponse();
                    var reason = context.Failure?.Message ?? "the sign-in did not complete";
                    context.Response.Redirect("/signin?error=" + Uri.EscapeDataString(reason.Length > 200 ? reason[..200] : reason));
                    return Task.CompletedTask;
                };
            });

        builder.Services.AddAuthorization(o =>
        {
            // A forgotten endpoint is still closed; the role matrix test also demands an explicit policy on each.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            o.AddPolicy(Policies.Read, p => p.RequireAuthenticatedUser().RequireClaim(Principal.ScopeClaim, "read"));
            o.AddPolicy(Policies.EditDeals, p => p.RequireRole(AccessRoles.Ae, AccessRoles.Admin).RequireClaim(Principal.ScopeClaim, "write"));
            o.AddPolicy(Policies.ActOnHandoffs, p => p.RequireRole(AccessRoles.Csm, AccessRoles.Ae, AccessRoles.CsLead).RequireClaim(Principal.ScopeClaim, "write"));
            o.AddPolicy(Policies.Lead, p => p.RequireRole(AccessRoles.CsLead, AccessRoles.Admin).RequireClaim(Principal.ScopeClaim, "write"));
            o.AddPolicy(Policies.Contracts, p => p.RequireAssertion(c => c.User.IsContractsTeam()).RequireClaim(Principal.ScopeClaim, "write"));
            o.AddPolicy(Policies.Admin, p => p.RequireRole(AccessRoles.Admin).RequireClaim(Principal.ScopeClaim, "read"));
            o.AddPolicy(Policies.Finance, p => p.RequireRole(AccessRoles.Admin, AccessRoles.CsLead, AccessRoles.Viewer).RequireClaim(Principal.ScopeClaim, "read"));
            o.AddPolicy(Policies.AdminWrite, p => p.RequireRole(AccessRoles.Admin).RequireClaim(Principal.ScopeClaim, "write"));
        });

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => context.Request.Method == HttpMethods.Post
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.SignInsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "baton-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = options.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-Baton-Antiforgery";
        });
    }

    public static void UseBatonAccess(this WebApplication app)
    {
        // The provider's button posts to /signin, which redirects to the provider: form-action must allow its origin.
        var oidc = app.Services.GetRequiredService<AccessOptions>().Oidc;
        var formAction = oidc.Enabled && Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
            ? $"'self' {authority.GetLeftPart(UriPartial.Authority)}"
            : "'self'";
        app.Use((context, next) => SecurityHeaders(context, next, formAction));
        app.UseAuthentication();
        if (app.Configuration.GetValue<bool>("Baton:Demo")) app.Use(DemoSignIn.SignInFirstVisit);
        app.UseRateLimiter();
        app.UseAuthorization();
    }

    private static Task SecurityHeaders(HttpContext context, Func<Task> next, string formAction)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // The customer's plan link is a secret in the URL: never sent on to another site.
            headers["Referrer-Policy"] = context.Request.Path.StartsWithSegments("/plan") ? "no-referrer" : "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action {formAction}; base-uri 'none'";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });
        return next();
    }

    private static bool Api(HttpRequest request) => request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi") || request.Path.Value?.EndsWith(".md", StringComparison.Ordinal) == true;

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task WriteProblem(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }

    public static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
}
