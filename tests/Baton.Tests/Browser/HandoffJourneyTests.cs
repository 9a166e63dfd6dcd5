using Baton.Tests.Api;
using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Baton.Tests.Browser;

/// <summary>The CSM's and the CS lead's journeys through the handoff pages, in Chromium, with axe on every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HandoffJourneyTests(BrowserHost host) : IAsyncLifetime
{
    private BatonApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        Journeys.SkipOnSecondDatabase();
        _app = await BatonApp.StartAsync(start: Journeys.NextWorkingMorning());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private Task<(string State, string? Csm)> HandoffAsync(string id) =>
        _app.Db(db => db.Handoffs.Where(h => h.DealId == id).Select(h => new ValueTuple<string, string?>(h.State, h.CsmId)).SingleAsync());

    [Fact]
    public async Task ACsm_ReadsTheDocument_AcknowledgesWhatWasPromised_AndSendsItBack()
    {
        var csm = await ApiFixtures.PostedHandoffAsync(_app, "H-1");
        await using var browser = await PersonBrowser.SignInAsync(host, _app, csm);
        var page = browser.Page;

        await browser.GoAsync("/handoffs");
        await Assertions.Expect(page.Locator("a[href='/handoffs/H-1']").First).ToBeVisibleAsync();
        await browser.CheckAndCaptureAsync("inbox");

        await page.Locator("a[href='/handoffs/H-1']").First.ClickAsync();
        await page.WaitForURLAsync("**/handoffs/H-1");
        await Assertions.Expect(page.Locator("#ack-promised")).ToContainTextAsync("Nothing beyond the contract.");
        await Assertions.Expect(page.GetByText("IT has not reviewed SSO yet")).ToBeVisibleAsync();
        await browser.CheckAndCaptureAsync("handoff-document");

        // Printed, the document keeps its content and drops the buttons.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("#s-actions")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#s-clocks")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PersonBrowser.Screenshots, "handoff-print.png"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Acknowledging needs the promises confirmed.
        await page.Locator("#ack-confirm").CheckAsync();
        await page.Locator("#form-acknowledge button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("#done")).ToBeVisibleAsync();
        Assert.Equal("Acknowledged", (await HandoffAsync("H-1")).State);

        // Sent back with a reason and the field that was junk.
        await page.Locator("#reject-reasons").FillAsync("The risks do not say who opposed the purchase.");
        await page.Locator("#junk-risks").CheckAsync();
        await page.Locator("#form-reject button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("#rejected")).ToContainTextAsync("who opposed the purchase");
        await browser.CheckAndCaptureAsync("handoff-rejected");
        Assert.Equal("Rejected", (await HandoffAsync("H-1")).State);
        var rejection = await _app.Db(db => db.Events.Where(e => e.DealId == "H-1" && e.Type == "HandoffRejected").Select(e => e.Actor).SingleAsync());
        Assert.Equal(csm, rejection);

        // The same document as Markdown.
        var markdown = await page.Context.APIRequest.GetAsync("/handoffs/H-1.md");
        Assert.Equal(200, markdown.Status);
        Assert.StartsWith("text/markdown", markdown.Headers["content-type"]);
        Assert.Contains("Nothing beyond the contract", await markdown.TextAsync());
        Assert.True(browser.ConsoleErrors.Count == 0, string.Join("\n", browser.ConsoleErrors));
    }

    [Fact]
    public async Task ACsLead_ReassignsFromTheDocument_AndSeesTheTeamsBoard()
    {
        var first = await ApiFixtures.PostedHandoffAsync(_app, "H-2");
        await using var lead = await PersonBrowser.SignInAsync(host, _app, "maria.lopez");
        var page = lead.Page;

        await lead.GoAsync("/handoffs/H-2");
        var other = first == "tom.becker" ? "lena.ortiz" : "tom.becker";
        await page.Locator("#reassign-csm").SelectOptionAsync(other);
        await page.Locator("#form-reassign button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("#csm")).ToContainTextAsync(other);
        Assert.Equal(other, (await HandoffAsync("H-2")).Csm);

        await lead.GoAsync("/handoffs/board");
        await Assertions.Expect(page.Locator("a[href='/handoffs/H-2']").First).ToBeVisibleAsync();
        await lead.CheckAndCaptureAsync("cs-board");

        // The CSM who lost the handoff is refused the reassign form.
        await using var csm = await PersonBrowser.SignInAsync(host, _app, first);
        await csm.GoAsync("/handoffs/H-2");
        await Assertions.Expect(csm.Page.Locator("#form-reassign")).ToHaveCountAsync(0);
        Assert.True(lead.ConsoleErrors.Count == 0, string.Join("\n", lead.ConsoleErrors));
    }
}
