using System.Net;
using System.Text.Json;
using Baton.Tests.Doubles.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Baton.Tests.Access;

/// <summary>
/// The double is a real OpenID Connect provider: ASP.NET Core's own OpenIdConnect handler, configured as Baton
/// will be (code flow, PKCE, <c>openid profile email</c>, claims from the id_token), signs in through it.
/// </summary>
public sealed class IdentityProviderDoubleTests : IAsyncLifetime
{
    private IdentityProviderDouble _idp = null!;
    private WebApplication _rp = null!;
    private string _rpBase = "";
    private readonly TestBrowser _browser = new();

    public async ValueTask InitializeAsync()
    {
        _idp = await IdentityProviderDouble.StartAsync();
        (_rp, _rpBase) = await StartRelyingPartyAsync(_idp, responseMode: OpenIdConnectResponseMode.Query);
        _idp.AllowRedirectUri($"{_rpBase}/signin-oidc");
        _idp.AllowPostLogoutRedirectUri($"{_rpBase}/signout-callback-oidc");
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _rp.StopAsync();
        await _rp.DisposeAsync();
        await _idp.DisposeAsync();
    }

    /// <summary>A relying party as small as it gets: cookie session, OpenID Connect challenge, /whoami behind it.</summary>
    private static async Task<(WebApplication App, string BaseUrl)> StartRelyingPartyAsync(IdentityProviderDouble idp, string responseMode)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(o =>
            {
                o.Authority = idp.Authority;
                o.RequireHttpsMetadata = false;
                o.ClientId = idp.ClientId;
                o.ClientSecret = idp.ClientSecret;
                o.ResponseType = "code";
                o.ResponseMode = responseMode;
                o.UsePkce = true;
                o.CallbackPath = "/signin-oidc";
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email" }) o.Scope.Add(scope);
                o.GetClaimsFromUserInfoEndpoint = false;
                o.MapInboundClaims = false;
                o.SaveTokens = true;
                o.TokenValidationParameters.NameClaimType = "name";
                o.AccessDeniedPath = "/denied";
                // Plain HTTP on loopback: Secure cookies would never come back.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.HandleResponse();
                    return context.Response.WriteAsync("sign-in failed: " + context.Failure?.Message);
                };
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (HttpContext http) => Results.Text(http.User.FindFirst("email")?.Value ?? "(no email)"))
            .RequireAuthorization();
        app.MapGet("/claims", (HttpContext http) => Results.Json(http.User.Claims.ToDictionary(c => c.Type, c => c.Value)))
            .RequireAuthorization();
        app.MapGet("/id-token", async (HttpContext http) => await http.Response.WriteAsync(await http.GetTokenAsync("id_token") ?? ""))
            .RequireAuthorization();
        app.MapGet("/denied", () => Results.Text("access denied at the identity provider", statusCode: StatusCodes.Status403Forbidden));
        app.MapGet("/signout", () => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/signed-out" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapGet("/signed-out", () => Results.Text("signed out"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return (app, address.TrimEnd('/'));
    }

    [Fact]
    public async Task Discovery_PublishesTheCodeFlowEndpointsAndKeys()
    {
        using var http = new HttpClient();
        using var discovery = JsonDocument.Parse(await http.GetStringAsync(_idp.Authority + ".well-known/openid-configuration"));
        var root = discovery.RootElement;

        Assert.Equal(_idp.Authority, root.GetProperty("issuer").GetString());
        Assert.Equal(_idp.Authority + "connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(_idp.Authority + "connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(_idp.Authority + "connect/endsession", root.GetProperty("end_session_endpoint").GetString());
        Assert.Contains("S256", root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("code", root.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(root.GetProperty("jwks_uri").GetString()));
        Assert.NotEmpty(jwks.RootElement.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task SignIn_ThroughTheProvider_WhoamiReturnsTheEmail()
    {
        _idp.SignInAs("ada@example.test", "Ada Lovelace");

        var page = await _browser.GetAsync($"{_rpBase}/whoami");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("ada@example.test", page.Body);
        Assert.Equal(
            ["/whoami", IdentityProviderDouble.AuthorizePath, "/signin-oidc", "/whoami"],
            page.Hops.Select(u => u.AbsolutePath));
        var authorize = page.Hops[1].Query;
        Assert.Contains("code_challenge_method=S256", authorize);
        Assert.Contains("nonce=", authorize);
        Assert.Contains(_idp.Requests, r => r.StartsWith("POST " + IdentityProviderDouble.TokenPath, StringComparison.Ordinal));

        // The session cookie now carries the user: no second trip to the provider.
        var again = await _browser.GetAsync($"{_rpBase}/whoami");
        Assert.Equal("ada@example.test", again.Body);
        Assert.Single(again.Hops);
    }

    [Fact]
    public async Task SignIn_IdTokenCarriesSubEmailNameAndNonce()
    {
        _idp.SignInAs("Ada@Example.test", "Ada Lovelace");

        var claims = await _browser.GetAsync($"{_rpBase}/claims");
        var idToken = (await _browser.GetAsync($"{_rpBase}/id-token")).Body;

        var map = JsonSerializer.Deserialize<Dictionary<string, string>>(claims.Body)!;
        Assert.Equal(IdentityProviderDouble.SubjectFor("ada@example.test"), map["sub"]);
        Assert.Equal("Ada@Example.test", map["email"]);
        Assert.Equal("Ada Lovelace", map["name"]);
        using var payload = JsonDocument.Parse(Base64Url(idToken.Split('.')[1]));
        Assert.Equal(_idp.Authority, payload.RootElement.GetProperty("iss").GetString());
        Assert.Equal(_idp.ClientId, payload.RootElement.GetProperty("aud").GetString());
        var nonce = Uri.UnescapeDataString(claims.Hops[1].Query.Split('&').Single(p => p.StartsWith("nonce=", StringComparison.Ordinal))["nonce=".Length..]);
        Assert.Equal(nonce, payload.RootElement.GetProperty("nonce").GetString());
    }

    [Fact]
    public async Task SignIn_FormPostResponseMode_AlsoWorks()
    {
        var (rp, rpBase) = await StartRelyingPartyAsync(_idp, responseMode: OpenIdConnectResponseMode.FormPost);
        await using var _ = rp;
        _idp.AllowRedirectUri($"{rpBase}/signin-oidc");
        _idp.SignInAs("grace@example.test", "Grace Hopper");

        var page = await _browser.GetAsync($"{rpBase}/whoami");

        Assert.Equal("grace@example.test", page.Body);
    }

    [Fact]
    public async Task Sub_IsStablePerEmailAndDiffersBetweenUsers()
    {
        Assert.Equal(IdentityProviderDouble.SubjectFor("ada@example.test"), IdentityProviderDouble.SubjectFor(" ADA@example.test"));
        Assert.NotEqual(IdentityProviderDouble.SubjectFor("ada@example.test"), IdentityProviderDouble.SubjectFor("grace@example.test"));

        _idp.SignInAs("grace@example.test", "Grace Hopper");
        var claims = await _browser.GetAsync($"{_rpBase}/claims");
        Assert.Equal(IdentityProviderDouble.SubjectFor("grace@example.test"), JsonSerializer.Deserialize<Dictionary<string, string>>(claims.Body)!["sub"]);
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_IsRefusedWithoutRedirect()
    {
        _idp.SignInAs("ada@example.test", "Ada Lovelace");
        var (rp, rpBase) = await StartRelyingPartyAsync(_idp, responseMode: OpenIdConnectResponseMode.Query);
        await using var _ = rp;

        var page = await _browser.GetAsync($"{rpBase}/whoami");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(IdentityProviderDouble.AuthorizePath, page.Url.AbsolutePath);
        Assert.Contains("redirect_uri", page.Body);
        Assert.DoesNotContain(page.Hops, u => u.AbsolutePath == "/signin-oidc");
    }

    [Fact]
    public async Task Authorize_UnknownClient_IsRefused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var redirect = Uri.EscapeDataString($"{_rpBase}/signin-oidc");
        var url = $"{_idp.Authority}connect/authorize?client_id=someone-else&response_type=code&scope=openid&redirect_uri={redirect}"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&nonce=n";

        using var response = await http.GetAsync(url);

        // An unknown client gets no redirect, only the provider's own error page.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorize_WithoutPkce_IsRefused()
    {
        _idp.SignInAs("ada@example.test", "Ada Lovelace");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var redirect = Uri.EscapeDataString($"{_rpBase}/signin-oidc");

        using var response = await http.GetAsync($"{_idp.Authority}connect/authorize?client_id={_idp.ClientId}&response_type=code&scope=openid&redirect_uri={redirect}&nonce=n");

        // OpenIddict checks the whole request before it trusts the redirect URI, so the refusal is its own page.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorize_NoOneSignedIn_Answers401AtTheProvider()
    {
        var page = await _browser.GetAsync($"{_rpBase}/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
        Assert.Equal(IdentityProviderDouble.AuthorizePath, page.Url.AbsolutePath);
        Assert.Contains("No one is signed in", page.Body);
    }

    [Fact]
    public async Task RefuseNext_EndsAtTheAccessDeniedPathOnce()
    {
        _idp.SignInAs("ada@example.test", "Ada Lovelace");
        _idp.RefuseNext();

        var denied = await _browser.GetAsync($"{_rpBase}/whoami");

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("/denied", denied.Url.AbsolutePath);
        Assert.Contains(denied.Hops, u => u.AbsolutePath == "/signin-oidc" && u.Query.Contains("error=access_denied", StringComparison.Ordinal));

        var next = await _browser.GetAsync($"{_rpBase}/whoami");
        Assert.Equal("ada@example.test", next.Body);
    }

    [Fact]
    public async Task TamperedIdToken_IsRejectedByTheRelyingParty()
    {
        _idp.SignInAs("ada@example.test", "Ada Lovelace");
        _idp.TamperNextIdToken();

        var page = await _browser.GetAsync($"{_rpBase}/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
        Assert.Equal("/signin-oidc", page.Url.AbsolutePath);
        Assert.StartsWith("sign-in failed:", page.Body);
        Assert.Contains("signature", page.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Token_WrongSecretOrVerifierOrReplayedCode_IsRefused()
    {
        _idp.SignInAs("ada@example.test", "Ada Lovelace");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var redirect = $"{_rpBase}/signin-oidc";

        async Task<string> CodeAsync()
        {
            using var authorize = await http.GetAsync($"{_idp.Authority}connect/authorize?client_id={_idp.ClientId}&response_type=code"
                + $"&scope=openid%20email&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={Challenge}&code_challenge_method=S256&nonce=n&state=s");
            return Uri.UnescapeDataString(authorize.Headers.Location!.Query.TrimStart('?').Split('&').Single(p => p.StartsWith("code=", StringComparison.Ordinal))[5..]);
        }
        async Task<(HttpStatusCode Status, string Body)> RedeemAsync(string code, string secret, string verifier)
        {
            using var response = await http.PostAsync(_idp.Authority + "connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect,
                ["client_id"] = _idp.ClientId, ["client_secret"] = secret, ["code_verifier"] = verifier,
            }));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var badSecret = await RedeemAsync(await CodeAsync(), "not-the-secret", Verifier);
        Assert.Equal(HttpStatusCode.Unauthorized, badSecret.Status);
        Assert.Contains("invalid_client", badSecret.Body);

        var badVerifier = await RedeemAsync(await CodeAsync(), _idp.ClientSecret, new string('x', 43));
        Assert.Contains("invalid_grant", badVerifier.Body);

        var code = await CodeAsync();
        var first = await RedeemAsync(code, _idp.ClientSecret, Verifier);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("id_token", first.Body);
        var replay = await RedeemAsync(code, _idp.ClientSecret, Verifier);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Contains("invalid_grant", replay.Body);
    }

    // The PKCE example of RFC 7636, appendix B.
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    [Fact]
    public async Task SignOut_GoesThroughTheEndSessionEndpointAndBack()
    {
        _idp.SignInAs("ada@example.test", "Ada Lovelace");
        Assert.Equal("ada@example.test", (await _browser.GetAsync($"{_rpBase}/whoami")).Body);

        var page = await _browser.GetAsync($"{_rpBase}/signout");

        Assert.Equal("signed out", page.Body);
        Assert.Equal(["/signout", IdentityProviderDouble.EndSessionPath, "/signout-callback-oidc", "/signed-out"], page.Hops.Select(u => u.AbsolutePath));
        Assert.Null(_idp.SignedInEmail);
        Assert.Equal(1, _idp.EndSessions);
        // Signed out at both ends: the next visit goes to the provider, where no one is signed in now.
        var next = await _browser.GetAsync($"{_rpBase}/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, next.Status);
        Assert.Equal(IdentityProviderDouble.AuthorizePath, next.Url.AbsolutePath);
    }

    [Fact]
    public async Task EndSession_UnregisteredPostLogoutRedirectUri_IsRefused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await http.GetAsync($"{_idp.Authority}connect/endsession?post_logout_redirect_uri={Uri.EscapeDataString("http://127.0.0.1:1/elsewhere")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _idp.EndSessions);
    }

    private static string Base64Url(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=')));
    }
}
