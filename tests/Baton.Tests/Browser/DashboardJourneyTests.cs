using Baton.Tests.Dashboard;
using Microsoft.Playwright;

namespace Baton.Tests.Browser;

/// <summary>The CS lead's Monday read of the dashboard on six months of demo data, in Chromium, with axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests(BrowserHost host, DashboardDemo demo) : IClassFixture<DashboardDemo>
{
    [Fact]
    public async Task ACsLead_ReadsTheDashboard_NarrowsItToOneAe_AndOpensATable()
    {
        Journeys.SkipOnSecondDatabase();
        await using var browser = await PersonBrowser.OpenDemoAsync(host, demo.Http.BaseAddress!);
        var page = browser.Page;

        await browser.GoAsync("/");
        await page.WaitForURLAsync("**/dashboard");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Handoff quality");
        await Assertions.Expect(page.Locator(".headline[data-figure='completeness'] .target")).ToContainTextAsync("90 %");
        // Chart.js drew every chart from the table under it (no script error, nothing refused by the browser).
        await page.WaitForFunctionAsync("() => typeof Chart !== 'undefined' && document.querySelectorAll('section.figure .chart canvas').length > 0 && [...document.querySelectorAll('section.figure .chart canvas')].every(c => Chart.getChart(c))");
        await Assertions.Expect(page.Locator("table.heat td.heat-bad, table.heat td.heat-poor, table.heat td.heat-fair").First).ToBeVisibleAsync();
        await browser.CheckAndCaptureAsync("dashboard");
        // The first screen alone, for the README.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PersonBrowser.Screenshots, "dashboard-top.png") });

        await page.Locator("select[name='ae']").SelectOptionAsync(new SelectOptionValue { Label = "Lucas Ferreira" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync("**ae=lucas.ferreira**");
        await Assertions.Expect(page.Locator("a[href^='/dashboard/completeness.csv'][href*='ae=lucas.ferreira']")).ToBeVisibleAsync();

        await page.Locator("#rediscovery summary").ClickAsync();
        await Assertions.Expect(page.Locator("#rediscovery table.data tbody tr").First).ToContainTextAsync("Technical environment");
        await browser.CheckAndCaptureAsync("dashboard-one-ae");
        Assert.True(browser.ConsoleErrors.Count == 0, string.Join("\n", browser.ConsoleErrors));
    }
}
