using Baton.Tests.Durability;
using Microsoft.Playwright;

namespace Baton.Tests.Browser;

/// <summary>
/// <c>baton demo</c> as a newcomer meets it: a real child process generating its data, then a browser with no account
/// that opens signed in and switches person from the header, each person seeing what their role allows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoJourneyTests(BrowserHost host)
{
    [Fact]
    public async Task The_demo_opens_signed_in_and_the_switcher_changes_who_acts()
    {
        Journeys.SkipOnSecondDatabase();
        using var data = new ScratchDir();
        using var demo = await BatonProcess.StartDemoAsync(data.Path, deals: 60, TestContext.Current.CancellationToken);
        await using var browser = await PersonBrowser.OpenAsync(host, demo.Address.ToString());
        var page = browser.Page;
        var who = page.GetByLabel("Demo: act as");

        await browser.GoAsync("/handoffs");
        Assert.DoesNotContain("/signin", page.Url);
        Assert.Equal("Maria Lopez (CS lead)", await SelectedAsync(who));
        Assert.Equal("Handoffs", await page.Locator("h1").InnerTextAsync());
        await browser.CheckAndCaptureAsync("demo-switcher");

        // An AE: their own deals, which they can edit; settings are not theirs.
        var ae = await SwitchToFirstAsync(page, who, "(AE)");
        await browser.GoAsync("/deals");
        var rows = page.Locator("tr[data-deal]");
        Assert.True(await rows.CountAsync() > 0, "the demo AE has no deals of their own");
        await rows.First.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath.StartsWith("/deals/", StringComparison.Ordinal));
        Assert.True(await page.Locator("#link-transcript").IsVisibleAsync(), $"{ae} cannot edit their own deal");
        Assert.Equal(403, (await browser.GoAsync("/settings")).Status);
        Assert.Equal(ae, await SelectedAsync(who));

        // A CSM: their own inbox, every row theirs.
        var csm = await SwitchToFirstAsync(page, who, "(CSM)");
        await browser.GoAsync("/handoffs");
        Assert.Equal("My handoffs", await page.Locator("h1").InnerTextAsync());
        var csmName = csm[..csm.LastIndexOf(" (", StringComparison.Ordinal)];
        foreach (var cell in await page.Locator("tr[data-handoff] td:nth-child(3)").AllInnerTextsAsync())
            Assert.Equal(csmName, cell.Trim());

        // The admin: settings.
        await SwitchToFirstAsync(page, who, "(admin)");
        Assert.Equal(200, (await browser.GoAsync("/settings")).Status);
        Assert.Equal("Settings", await page.Locator("h1").InnerTextAsync());
        // The AE's refused visit to the settings is the only failed load.
        Assert.All(browser.ConsoleErrors, e => Assert.Contains("status of 403", e));
    }

    private static async Task<string> SelectedAsync(ILocator select) =>
        (await select.Locator("option:checked").InnerTextAsync()).Trim();

    /// <summary>Picks the first person whose label ends with <paramref name="role"/>; the page submits on change.</summary>
    private static async Task<string> SwitchToFirstAsync(IPage page, ILocator select, string role)
    {
        var label = (await select.Locator("option").AllInnerTextsAsync()).Select(o => o.Trim()).First(o => o.EndsWith(role, StringComparison.Ordinal));
        // The switch answers with a redirect back to the page; wait for that page to load as the new person.
        var back = page.WaitForResponseAsync(r => r.Request.Method == "GET" && r.Request.RedirectedFrom?.Url.EndsWith("/demo/switch", StringComparison.Ordinal) == true);
        await select.SelectOptionAsync(new SelectOptionValue { Label = label });
        await back;
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal(label, await SelectedAsync(select));
        return label;
    }
}
