using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Baton.Tests.Doubles.Identity;

/// <summary>
/// A real OpenID Connect provider (an OpenIddict server in degraded mode: no database; RSA keys made in memory
/// once per test run) on its own Kestrel host at <c>http://127.0.0.1:&lt;port&gt;</c>, for tests that sign in
/// through the standard OpenIdConnect handler rather than a faked principal.
/// </summary>
/// <remarks>
/// <para>How a test uses it:</para>
/// <code>
/// await using var idp = await IdentityProviderDouble.StartAsync();
/// // start the app under test on loopback, then register its callbacks, as one would at a real IdP:
/// idp.AllowRedirectUri($"{app}/signin-oidc");
/// idp.AllowPostLogoutRedirectUri($"{app}/signout-callback-oidc");
/// // the app's OpenIdConnect options: Authority = idp.Authority, ClientId = idp.ClientId,
/// //   ClientSecret = idp.ClientSecret, RequireHttpsMetadata = false, ResponseType = "code"
/// idp.SignInAs("ada@example.test", "Ada Lovelace");   // the user "logged in" at the IdP
/// // drive a browser (e.g. <see cref="TestBrowser"/>) to a protected page: it goes through /connect/authorize,
/// // back to /signin-oidc with a code, and the app redeems it at /connect/token for an id_token.
/// </code>
/// <para>
/// It behaves as a real provider does: discovery at <c>/.well-known/openid-configuration</c> and keys at
/// <c>/.well-known/jwks</c>; only the one client (<see cref="ClientId"/>, confidential, secret sent in the body
/// or as HTTP Basic) and only registered redirect URIs are accepted (an unregistered one gets a 400 page and
/// no redirect); the code flow only, with PKCE required and <c>nonce</c> carried into the id_token; codes are
/// bound to their client, redirect URI and code verifier, and each is redeemed at most once.
/// The id_token carries <c>sub</c> (stable per e-mail), <c>email</c> when the <c>email</c> scope is asked for
/// and <c>name</c> when <c>profile</c> is.
/// </para>
/// <para>
/// With no one signed in (<see cref="SignInAs"/> not called, or after <see cref="SignOut"/> or an end-session
/// request) the authorize endpoint answers 401 with a short page, as a login form the user walked away from.
/// <see cref="RefuseNext"/> makes the next authorization request come back to the redirect URI with
/// <c>error=access_denied</c>, as a user pressing "deny". <see cref="TamperNextIdToken"/> alters the payload of
/// the next id_token the token endpoint returns so its signature no longer holds.
/// </para>
/// <para>The IdP holds one "browser session" for the whole double: the signed-in user is not per cookie.</para>
/// </remarks>
internal sealed class IdentityProviderDouble : IAsyncDisposable
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string EndSessionPath = "/connect/endsession";

    private readonly ConcurrentDictionary<string, byte> _redirectUris = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _postLogoutRedirectUris = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _redeemedCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private WebApplication? _app;
    private User? _user;
    private int _refuseNext;
    private int _tamperNext;
    private int _endSessions;

    // Ephemeral RSA keys, made once per test run: generating them for every double costs seconds on a small machine.
    private static readonly Lazy<RsaSecurityKey> SigningKey = new(() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "idp-double-signing" });
    private static readonly Lazy<RsaSecurityKey> EncryptionKey = new(() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "idp-double-encryption" });

    private sealed record User(string Email, string Name);

    private IdentityProviderDouble(string clientId, string clientSecret) => (ClientId, ClientSecret) = (clientId, clientSecret);

    /// <summary>The issuer, <c>http://127.0.0.1:&lt;port&gt;/</c>: set it as the OpenIdConnect handler's Authority.</summary>
    public string Authority { get; private set; } = "";

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The e-mail of the user signed in at the IdP, or null.</summary>
    public string? SignedInEmail => Volatile.Read(ref _user)?.Email;

    /// <summary>How many end-session (sign-out) requests the IdP accepted.</summary>
    public int EndSessions => Volatile.Read(ref _endSessions);

    /// <summary>Method and path (with query) of every request the IdP received, in order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>Starts the provider on an ephemeral loopback port; dispose to stop it.</summary>
    public static async Task<IdentityProviderDouble> StartAsync(string clientId = "baton", string clientSecret = "baton-test-secret")
    {
        var idp = new IdentityProviderDouble(clientId, clientSecret);
        await idp.RunAsync();
        return idp;
    }

    /// <summary>Registers a redirect URI of the client (the relying party's <c>…/signin-oidc</c>), compared exactly.</summary>
    public void AllowRedirectUri(string redirectUri) => _redirectUris[AbsoluteUri(redirectUri)] = 0;

    /// <summary>Registers a post-logout redirect URI of the client (the relying party's <c>…/signout-callback-oidc</c>).</summary>
    public void AllowPostLogoutRedirectUri(string redirectUri) => _postLogoutRedirectUris[AbsoluteUri(redirectUri)] = 0;

    /// <summary>The user the IdP considers logged in: the authorize endpoint issues codes for them without a form.</summary>
    public void SignInAs(string email, string name) => Volatile.Write(ref _user, new User(email, name));

    /// <summary>Ends the IdP's session, as the user logging out at the provider itself.</summary>
    public void SignOut() => Volatile.Write(ref _user, null);

    /// <summary>The next authorization request is answered with <c>error=access_denied</c> at its redirect URI.</summary>
    public void RefuseNext() => Interlocked.Exchange(ref _refuseNext, 1);

    /// <summary>The next id_token from the token endpoint has its payload changed after signing (its e-mail altered).</summary>
    public void TamperNextIdToken() => Interlocked.Exchange(ref _tamperNext, 1);

    /// <summary>The <c>sub</c> the IdP gives the user with this e-mail: the same for the same address, case aside.</summary>
    public static string SubjectFor(string email) =>
        "u-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..24];

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string AbsoluteUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
            ? parsed.AbsoluteUri
            : throw new ArgumentException($"'{uri}' is not an absolute http(s) URI.", nameof(uri));

    private static bool Registered(ConcurrentDictionary<string, byte> uris, string? uri) =>
        uri is not null && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && uris.ContainsKey(parsed.AbsoluteUri);

    private async Task RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));

        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'))
                .SetTokenEndpointUris(TokenPath.TrimStart('/'))
                .SetEndSessionEndpointUris(EndSessionPath.TrimStart('/'))
                .SetJsonWebKeySetEndpointUris(".well-known/jwks");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
            server.RegisterClaims(Claims.Subject, Claims.Email, Claims.Name);
            server.AddEncryptionKey(EncryptionKey.Value).AddSigningKey(SigningKey.Value).DisableAccessTokenEncryption();
            server.EnableDegradedMode();
            server.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough();

            // Degraded mode leaves client and redirect URI checks to the host: these are the registrations.
            server.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                    context.Reject(Errors.InvalidClient, "The client_id is not registered at this provider.");
                else if (!Registered(_redirectUris, context.RedirectUri))
                    context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for this client.");
                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                    context.Reject(Errors.InvalidClient, "The client credentials are invalid.");
                else if (context.Request.IsAuthorizationCodeGrantType() && !_redeemedCodes.TryAdd(context.Request.Code ?? "", 0))
                    context.Reject(Errors.InvalidGrant, "The authorization code has already been redeemed.");
                return default;
            }));
            server.AddEventHandler<ValidateEndSessionRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId is { } client && client != ClientId)
                    context.Reject(Errors.InvalidClient, "The client_id is not registered at this provider.");
                else if (context.PostLogoutRedirectUri is { } uri && !Registered(_postLogoutRedirectUris, uri))
                    context.Reject(Errors.InvalidRequest, "The post_logout_redirect_uri is not registered for this client.");
                return default;
            }));
            server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseInlineHandler(context =>
            {
                if (context.Response.IdToken is { } idToken && Interlocked.Exchange(ref _tamperNext, 0) == 1)
                    context.Response.IdToken = Tamper(idToken);
                return default;
            }));
        });

        var app = builder.Build();
        app.Use((http, next) =>
        {
            _requests.Enqueue($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}");
            return next(http);
        });
        app.UseAuthentication();
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], Authorize);
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSession);

        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Authority = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).GetLeftPart(UriPartial.Authority) + "/";
    }

    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (Interlocked.Exchange(ref _refuseNext, 0) == 1)
            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user denied the request.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

        if (Volatile.Read(ref _user) is not { } user)
            return Results.Text("No one is signed in at the identity provider (the login form was left unanswered).", "text/plain", statusCode: StatusCodes.Status401Unauthorized);

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, SubjectFor(user.Email));
        if (request.HasScope(Scopes.Email)) identity.SetClaim(Claims.Email, user.Email);
        if (request.HasScope(Scopes.Profile)) identity.SetClaim(Claims.Name, user.Name);
        identity.SetScopes(request.GetScopes().Intersect([Scopes.OpenId, Scopes.Profile, Scopes.Email]));
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private IResult EndSession(HttpContext http)
    {
        Volatile.Write(ref _user, null);
        Interlocked.Increment(ref _endSessions);
        // Redirects to the validated post_logout_redirect_uri (with state), or answers 200 when none was given.
        return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>Swaps the JWT's payload for one with another e-mail, keeping header and signature.</summary>
    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1]));
        var altered = System.Text.Json.Nodes.JsonNode.Parse(payload)!.AsObject();
        altered[Claims.Email] = "mallory@example.test";
        parts[1] = Base64UrlEncode(Encoding.UTF8.GetBytes(altered.ToJsonString()));
        return string.Join('.', parts);
    }

    private static byte[] Base64UrlDecode(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
