using Baton.Core.Data;
using Baton.Core.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Access;

/// <summary>
/// <c>baton demo</c> needs no set-up: a first visit from this machine is signed in as the demo's CS lead, and the page
/// header switches person. Only with <c>Baton:Demo</c> set and only for loopback clients; <c>serve</c> never does this.
/// </summary>
public static class DemoSignIn
{
    public const string DefaultPerson = "maria.lopez";
    public const string AdminEmail = "admin@baton.example";

    public static bool Allowed(HttpContext context) =>
        context.RequestServices.GetRequiredService<IConfiguration>().GetValue<bool>("Baton:Demo") && AccessSetup.IsLoopback(context);

    public static async Task SignInFirstVisit(HttpContext context, Func<Task> next)
    {
        if (context.User.Identity?.IsAuthenticated != true && Allowed(context) && !context.Request.Headers.Authorization.Any()
            && !context.Request.Path.StartsWithSegments("/webhooks") && !context.Request.Path.StartsWithSegments("/signin")
            && !context.Request.Path.StartsWithSegments("/plan"))
        {
            var db = context.RequestServices.GetRequiredService<BatonDb>();
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == DefaultPerson, context.RequestAborted)
                       ?? await db.Users.AsNoTracking().OrderBy(u => u.Id).FirstOrDefaultAsync(context.RequestAborted);
            if (user is not null) context.User = await SignInAsync(context, user);
        }
        await next();
    }

    public static async Task<System.Security.Claims.ClaimsPrincipal> SignInAsync(HttpContext context, UserRow user)
    {
        var users = context.RequestServices.GetRequiredService<Users>();
        var principal = Principal.For(user, users, CookieAuthenticationDefaults.AuthenticationScheme, Users.Scopes);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return principal;
    }

    /// <summary>A user for every team member, and one admin: who the demo lets you be.</summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Users>();
        var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
        var playbook = scope.ServiceProvider.GetRequiredService<Core.Playbook.PlaybookContext>().Playbook;
        foreach (var member in playbook.Team)
            if (await users.FindAsync(member.Email, ct) is null)
                await users.AddAsync(member.Email, member.Name, AccessRoles.ForTeamRole(member.Role), null, ct);
        if (await users.FindAsync(AdminEmail, ct) is null) await users.AddAsync(AdminEmail, "Demo Admin", AccessRoles.Admin, null, ct);
        await db.SaveChangesAsync(ct);
    }
}
