using System.Text.Encodings.Web;
using Baton.Core.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Baton.Web.Access;

/// <summary><c>Authorization: Bearer bt_…</c>: an API token for scripts, checked against its stored hash on every request.</summary>
internal sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Users users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var (token, user, problem) = await users.CheckTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        // The reason is logged, never the token.
        if (token is null || user is null)
        {
            Logger.LogInformation("API token refused: {Reason}", problem);
            return AuthenticateResult.Fail(problem ?? "token refused");
        }
        var principal = Principal.For(user, users, Name, token.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), token.Id);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"baton\"";
        await Results.Problem(statusCode: 401, title: "Sign in first",
            detail: "Send an API token (Authorization: Bearer bt_…; create one on your profile page or with `baton tokens create`) or sign in.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Not allowed",
            detail: "Your role or your token's scopes do not allow this.").ExecuteAsync(Context);
    }
}
