using System.Net;
using System.Text.RegularExpressions;
using Baton.Tests.Service;

namespace Baton.Tests.Pages;

/// <summary>
/// A browser-like client for page tests: signed in as one team member (their API token), keeping cookies so the
/// antiforgery cookie comes back with a form, and never following redirects so a test sees them.
/// </summary>
internal sealed partial class PageClient : IDisposable
{
    private PageClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static PageClient As(BatonApp app, string person)
    {
        var signedIn = app.As(person);
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = signedIn.BaseAddress };
        http.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return new PageClient(http);
    }

    public async Task<string> GetHtmlAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode}\n{body}");
        return body;
    }

    /// <summary>GETs <paramref name="pagePath"/> for its antiforgery token, then POSTs the form to <paramref name="postPath"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string postPath, IEnumerable<KeyValuePair<string, string>> form)
    {
        var html = await Http.GetStringAsync(pagePath);
        var token = Token(html);
        var content = new FormUrlEncodedContent(form.Append(new("__RequestVerificationToken", token)));
        return await Http.PostAsync(postPath, content);
    }

    public static string Token(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => Http.Dispose();
}
