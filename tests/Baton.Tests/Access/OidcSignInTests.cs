using System.Net;
using System.Text.RegularExpressions;
using Baton.Tests.Doubles.Identity;
using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;

namespace Baton.Tests.Access;

/// <summary>
/// Baton's own sign-in page, its OpenID Connect handler and its cookie, against an OpenID Connect provider running
/// on loopback: the authorization code flow with PKCE end to end, then pages and the API acting as the person.
/// </summary>
public sealed partial class OidcSignInTests : IAsyncLifetime
{
    private IdentityProviderDouble _idp = null!;
    private BatonApp _app = null!;
    private readonly TestBrowser _browser = new();
    private string _base = "";

    public async ValueTask InitializeAsync()
    {
        _idp = await IdentityProviderDouble.StartAsync();
        _app = await BatonApp.StartAsync(new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = _idp.Authority,
            ["Authentication:Oidc:ClientId"] = _idp.ClientId,
            ["Authentication:Oidc:ClientSecret"] = _idp.ClientSecret,
            ["Authentication:Oidc:DisplayName"] = "Test IdP",
        }, start: DateTimeOffset.UtcNow); // the provider's tokens and the correlation cookies live on the wall clock
        _base = _app.Anonymous.BaseAddress!.ToString().TrimEnd('/');
        _idp.AllowRedirectUri($"{_base}/signin-oidc");
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
        await _idp.DisposeAsync();
    }

    /// <summary>Opens <paramref name="path"/> signed out, lands on /signin, presses the provider's button.</summary>
    private async Task<Page> SignInThroughProviderAsync(string path)
    {
        var signIn = await _browser.GetAsync(_base + path);
        Assert.Equal(HttpStatusCode.OK, signIn.Status);
        Assert.Equal("/signin", signIn.Url.AbsolutePath);
        Assert.Contains("Sign in with Test IdP", signIn.Body);
        var form = OidcForm().Match(signIn.Body);
        Assert.True(form.Success, "the sign-in page has no form for the identity provider");
        var fields = HiddenInput().Matches(form.Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        var action = WebUtility.HtmlDecode(form.Groups[1].Value);
        return await _browser.PostFormAsync(new Uri(signIn.Url, action).ToString(), fields);
    }

    [Fact]
    public async Task ATeamMember_SignsInAtTheProvider_AndBatonKnowsTheirRoleAndActsAsThem()
    {
        _idp.SignInAs("lucas.ferreira@baton.example", "Lucas Ferreira");

        var page = await SignInThroughProviderAsync("/me");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/me", page.Url.AbsolutePath);
        Assert.Contains(page.Hops, h => h.AbsolutePath == IdentityProviderDouble.AuthorizePath);
        Assert.Contains(page.Hops, h => h.AbsolutePath == "/signin-oidc");
        Assert.Contains("lucas.ferreira@baton.example", page.Body);
        Assert.Contains("<dt>Role</dt><dd>AE</dd>", page.Body);
        Assert.Contains("<dt>Acts as</dt><dd>lucas.ferreira</dd>", page.Body);
        Assert.Contains(_idp.Requests, r => r.StartsWith("POST " + IdentityProviderDouble.TokenPath, StringComparison.Ordinal));

        // The provisioned user is remembered; the cookie carries the session with no second trip to the provider.
        var user = await _app.Db(db => db.Users.SingleAsync(u => u.Email == "lucas.ferreira@baton.example"));
        Assert.NotNull(user.LastSignInAtUtc);
        var again = await _browser.GetAsync(_base + "/deals");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Single(again.Hops);
    }

    [Fact]
    public async Task SomeoneBatonDoesNotKnow_IsSentBackToSignInWithTheReason()
    {
        _idp.SignInAs("stranger@elsewhere.example", "A Stranger");

        var page = await SignInThroughProviderAsync("/deals");

        Assert.Equal("/signin", page.Url.AbsolutePath);
        Assert.Contains("no Baton user has this e-mail", WebUtility.HtmlDecode(page.Body));
        Assert.False(await _app.Db(db => db.Users.AnyAsync(u => u.Email == "stranger@elsewhere.example")));
        var deals = await _browser.GetAsync(_base + "/deals");
        Assert.Equal("/signin", deals.Url.AbsolutePath);
    }

    [Fact]
    public async Task ADisabledUser_CannotSignInThroughTheProvider()
    {
        _idp.SignInAs("dana.whitfield@baton.example", "Dana Whitfield");
        Assert.Equal(HttpStatusCode.OK, (await SignInThroughProviderAsync("/me")).Status);
        await _app.Db(async db =>
        {
            var dana = await db.Users.SingleAsync(u => u.Email == "dana.whitfield@baton.example");
            dana.Disabled = true;
            dana.Version++;
            return await db.SaveChangesAsync();
        });

        // The open session ends at the next request, and signing in again is refused.
        var next = await _browser.GetAsync(_base + "/me");
        Assert.Equal("/signin", next.Url.AbsolutePath);
        var page = await SignInThroughProviderAsync("/me");
        Assert.Equal("/signin", page.Url.AbsolutePath);
        Assert.Contains("this Baton user is disabled", WebUtility.HtmlDecode(page.Body));
    }

    [Fact]
    public async Task ATamperedIdToken_IsRefused()
    {
        _idp.SignInAs("lucas.ferreira@baton.example", "Lucas Ferreira");
        _idp.TamperNextIdToken();

        var page = await SignInThroughProviderAsync("/me");

        Assert.Equal("/signin", page.Url.AbsolutePath);
        Assert.Contains("error", page.Url.Query);
        var me = await _browser.GetAsync(_base + "/me");
        Assert.Equal("/signin", me.Url.AbsolutePath);
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]*handler=Oidc[^\"]*)\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OidcForm();

    [GeneratedRegex("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
