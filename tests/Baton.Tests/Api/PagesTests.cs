using System.Net;
using System.Net.Http.Json;
using Baton.Tests.Service;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Api;

public sealed class PagesTests
{
    [Fact]
    public async Task HandoffPage_CompanyWithMarkup_IsEncoded()
    {
        await using var app = await BatonApp.StartAsync();
        (await app.Http.PostAsJsonAsync("/api/deals", new { id = "D-1", company = "<script>alert(1)</script> & Co", ownerId = Ae, amount = 12000, stage = "Qualified", fields = GoodFields() }))
            .EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync("/api/deals/D-1/stage", new { stage = "Closed Won" })).EnsureSuccessStatusCode();

        var page = await app.Http.GetStringAsync("/handoffs/D-1");
        // The landing page is the dashboard, whose tables name the account.
        using var noFollow = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Http.BaseAddress };
        noFollow.DefaultRequestHeaders.Authorization = app.Http.DefaultRequestHeaders.Authorization;
        Assert.Equal("/dashboard", (await noFollow.GetAsync("/")).Headers.Location?.OriginalString);
        var overview = await app.Http.GetStringAsync("/dashboard?from=2026-11&to=2026-12");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", page);
        Assert.DoesNotContain("<script>", page);
        Assert.Contains("HandoffRouted", page);
        Assert.DoesNotContain("<script>alert", overview);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", overview);
    }

    [Fact]
    public async Task FeedPage_Always_CarriesTheNotSentToSlackBanner()
    {
        await using var app = await BatonApp.StartAsync();

        var response = await app.Http.GetAsync("/feed");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Slack is not configured: these messages were NOT sent to Slack", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HandoffPage_UnknownDeal_Is404()
    {
        await using var app = await BatonApp.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("/handoffs/nope")).StatusCode);
    }
}
