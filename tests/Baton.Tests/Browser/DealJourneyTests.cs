using System.Net.Http.Json;
using Baton.Tests.Api;
using Baton.Tests.Service;
using Microsoft.Playwright;

namespace Baton.Tests.Browser;

/// <summary>The AE's and the viewer's journeys through the deal pages, in Chromium, with axe on every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DealJourneyTests(BrowserHost host) : IAsyncLifetime
{
    private const string Rachel = ApiFixtures.Ae;
    private BatonApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        Journeys.SkipOnSecondDatabase();
        _app = await BatonApp.StartAsync(start: Journeys.NextWorkingMorning());
        var fields = ApiFixtures.GoodFields();
        fields.Remove("why_now");
        (await _app.Http.PostAsJsonAsync("/api/deals", new { id = "lakeshore", name = "Lakeshore rollout", company = "Lakeshore Dental", ownerId = Rachel, amount = 12000, stage = "Qualified", fields }))
            .EnsureSuccessStatusCode();
        (await _app.Http.PostAsJsonAsync("/api/deals", new { id = "northwind", name = "Northwind expansion", company = "Northwind Freight", ownerId = "lucas.ferreira", amount = 50000, stage = "Qualified" }))
            .EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    [Fact]
    public async Task AnAe_BlockedByFiller_SeesWhyAsTheyType_AndFixesItFromTheForm()
    {
        await using var rachel = await PersonBrowser.SignInAsync(host, _app, Rachel);
        var page = rachel.Page;

        await rachel.GoAsync("/deals");
        var row = page.Locator("tr[data-deal='lakeshore']");
        await Assertions.Expect(row).ToContainTextAsync("Lakeshore Dental");
        await rachel.CheckAndCaptureAsync("deals");

        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync("**/deals/lakeshore");
        // Filler, typed: the quality check answers before anything is saved, with the rule's reason.
        var whyNow = page.Locator("#f-why_now");
        await whyNow.FillAsync("see notes");
        await Assertions.Expect(page.Locator("#verdict-why_now")).ToContainTextAsync("blocks");
        await page.Locator("#save-fields").ClickAsync();
        await Assertions.Expect(page.Locator("#deal-done")).ToContainTextAsync("Saved");

        // The move to Discovery is refused, naming the field.
        await page.Locator("#move-next").ClickAsync();
        await Assertions.Expect(page.Locator("#deal-problem")).ToContainTextAsync("Why they bought now");
        await rachel.CheckAndCaptureAsync("deal-refused");
        Assert.Equal("Qualified", await Journeys.StageAsync(_app, "lakeshore"));

        // The fix, from the same form: good as typed, saved, and the move goes through.
        await page.Locator("#f-why_now").FillAsync("Their support backlog doubled after the spring launch; the board wants response times halved by Q3.");
        await Assertions.Expect(page.Locator("#verdict-why_now")).ToContainTextAsync("good");
        await page.Locator("#save-fields").ClickAsync();
        await Assertions.Expect(page.Locator("#deal-done")).ToContainTextAsync("Saved");
        await page.Locator("#move-next").ClickAsync();
        await Assertions.Expect(page.Locator("#deal-done")).ToContainTextAsync("Discovery");
        await rachel.CheckAndCaptureAsync("deal-form");
        Assert.Equal("Discovery", await Journeys.StageAsync(_app, "lakeshore"));
        Assert.True(rachel.ConsoleErrors.Count == 0, string.Join("\n", rachel.ConsoleErrors));
    }

    [Fact]
    public async Task AViewer_ReadsTheDeal_ButIsRefusedAnEdit()
    {
        await using var viewer = await PersonBrowser.SignInAsync(host, _app, "viewer@baton.test");
        var page = viewer.Page;

        await viewer.GoAsync("/deals/lakeshore");
        await Assertions.Expect(page.Locator("#read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#deal-form")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#move-next")).ToHaveCountAsync(0);
        await viewer.CheckAndCaptureAsync("deal-read-only");

        // Even a hand-made post with the viewer's own session and a valid antiforgery token is refused.
        var token = await page.Locator("meta[name='baton-antiforgery']").GetAttributeAsync("content");
        var post = await page.Context.APIRequest.PostAsync("/deals/lakeshore", new()
        {
            Form = page.Context.APIRequest.CreateFormData().Set("fields[why_now]", "A board mandate to cut costs by 10% this year.").Set("__RequestVerificationToken", token!),
            MaxRedirects = 0,
        });
        // A page refuses the way a browser expects: to the "not allowed" page, which says so with a 403.
        Assert.Equal(302, post.Status);
        Assert.StartsWith("/denied", new Uri(new Uri(viewer.BaseUrl), post.Headers["location"]).AbsolutePath);
        var denied = await viewer.GoAsync(post.Headers["location"]);
        Assert.Equal(403, denied.Status);
        await viewer.CheckAndCaptureAsync("denied");
        Assert.Null(await Journeys.ValueAsync(_app, "lakeshore", "why_now"));
    }

    [Fact]
    public async Task TheSignInPage_TheGuideAndMyPage_PassAxe_AndTheListWorksOnAPhone()
    {
        var context = await host.Browser.NewContextAsync(new() { BaseURL = _app.Anonymous.BaseAddress!.ToString() });
        var anonymous = await context.NewPageAsync();
        await anonymous.GotoAsync("/signin");
        await using (var signIn = await PersonBrowser.SignInAsync(host, _app, "viewer@baton.test"))
        {
            await signIn.Page.GotoAsync("/signout");
            await signIn.Page.GotoAsync("/signin");
            await signIn.CheckAndCaptureAsync("signin");
        }
        await context.DisposeAsync();

        await using var rachel = await PersonBrowser.SignInAsync(host, _app, Rachel);
        await rachel.GoAsync("/guide");
        await Assertions.Expect(rachel.Page.Locator("h1")).ToContainTextAsync("guide", new() { IgnoreCase = true });
        await rachel.CheckAndCaptureAsync("field-guide");
        await rachel.GoAsync("/me");
        await rachel.CheckAndCaptureAsync("me");

        await using var phone = await PersonBrowser.SignInAsync(host, _app, Rachel, viewport: "phone");
        await phone.GoAsync("/deals");
        await Assertions.Expect(phone.Page.Locator("tr[data-deal='lakeshore']")).ToBeVisibleAsync();
        // Usable on a phone: nothing wider than the screen forces the page to scroll sideways.
        var overflow = await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the deals list scrolls sideways on a 390 px screen");
        await phone.CheckAndCaptureAsync("deals-phone");
    }
}
