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
        var overview = await app.Http.GetStringAsync("/");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", page);
        Assert.DoesNotContain("<script>", page);
        Assert.Contains("HandoffRouted", page);
        Assert.DoesNotContain("<script>", overview);
        Assert.Contains("Routed", overview);
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
