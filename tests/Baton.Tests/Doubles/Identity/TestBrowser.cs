using System.Net;
using System.Text.RegularExpressions;

namespace Baton.Tests.Doubles.Identity;

/// <summary>Where a navigation ended: the last response, its URL, its body and every URL on the way there.</summary>
internal sealed record Page(HttpStatusCode Status, Uri Url, string Body, IReadOnlyList<Uri> Hops);

/// <summary>
/// Enough of a browser for a sign-in across hosts: one cookie jar for every host, redirects followed by hand
/// (301/302/303 become a GET, 307/308 keep the method and body) and an auto-submitting <c>form_post</c> page
/// (what an OpenID Connect provider answers for <c>response_mode=form_post</c>) posted as its script would.
/// </summary>
/// <remarks>
/// Cookies follow RFC 6265, so a <c>Secure</c> cookie is not sent over plain HTTP: a relying party on
/// <c>http://127.0.0.1</c> needs its correlation and nonce cookies at <c>CookieSecurePolicy.SameAsRequest</c>.
/// </remarks>
internal sealed partial class TestBrowser : IDisposable
{
    private const int MaxHops = 20;
    private readonly HttpClient _http;

    public TestBrowser()
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; } = new();

    public Task<Page> GetAsync(string url) => NavigateAsync(HttpMethod.Get, new Uri(url), form: null);

    public Task<Page> PostFormAsync(string url, IReadOnlyDictionary<string, string> form) => NavigateAsync(HttpMethod.Post, new Uri(url), form);

    public void Dispose() => _http.Dispose();

    private async Task<Page> NavigateAsync(HttpMethod method, Uri url, IReadOnlyDictionary<string, string>? form)
    {
        var hops = new List<Uri>();
        while (true)
        {
            hops.Add(url);
            if (hops.Count > MaxHops) throw new InvalidOperationException("Too many redirects: " + string.Join(" → ", hops));
            using var request = new HttpRequestMessage(method, url);
            if (form is not null) request.Content = new FormUrlEncodedContent(form);
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;

            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (status is not (307 or 308)) (method, form) = (HttpMethod.Get, null);
                continue;
            }
            if (status == 200 && AutoPostForm(body) is { } autoPost)
            {
                (method, url, form) = (HttpMethod.Post, new Uri(url, autoPost.Action), autoPost.Fields);
                continue;
            }
            return new Page(response.StatusCode, url, body, hops);
        }
    }

    /// <summary>A page whose script submits its only form on load, as form_post response pages do.</summary>
    private static (string Action, Dictionary<string, string> Fields)? AutoPostForm(string html)
    {
        if (!html.Contains(".submit()", StringComparison.Ordinal)) return null;
        var formTag = FormTag().Match(html);
        if (!formTag.Success || !formTag.Value.Contains("post", StringComparison.OrdinalIgnoreCase)) return null;
        var action = Attribute(formTag.Value, "action");
        if (action is null) return null;
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(html))
            if (Attribute(input.Value, "name") is { } name)
                fields[name] = Attribute(input.Value, "value") ?? "";
        return (action, fields);
    }

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $@"\b{name}\s*=\s*(?:""([^""]*)""|'([^']*)')", RegexOptions.IgnoreCase);
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) : null;
    }

    [GeneratedRegex(@"<form\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();
}
