using Baton.Core.People;
using Baton.Core.Playbook;
using Baton.Tests.Service;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Baton.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, shared by the browser journeys: one browser process for the run, a fresh
/// context (cookies, storage) per person. The executable comes from <c>BATON_CHROMIUM</c> or <c>/usr/bin/chromium</c>.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string Executable => Environment.GetEnvironmentVariable("BATON_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"no Chromium at {Executable}: install Debian's chromium (apt-get install chromium) or set BATON_CHROMIUM");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // No background traffic: the machine's network is closed and Chromium's own calls out only slow it down.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}

/// <summary>One person's browser on one running Baton: signs in on Baton's own sign-in page with a password.</summary>
public sealed class PersonBrowser : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly IBrowserContext _context;
    private readonly List<string> _consoleErrors = [];

    private PersonBrowser(IBrowserContext context, IPage page, string baseUrl)
    {
        _context = context;
        Page = page;
        BaseUrl = baseUrl;
        // A refused form comes back as a 422 page on purpose; the browser logs that as a failed load, which it is not.
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("status of 422", StringComparison.Ordinal)) _consoleErrors.Add(m.Text); };
        page.PageError += (_, e) => _consoleErrors.Add(e);
    }

    public IPage Page { get; }
    public string BaseUrl { get; }
    /// <summary>What the page's scripts or the browser complained about (a CSP refusal shows here).</summary>
    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    /// <summary>Opens a browser for <paramref name="person"/> (team member id or e-mail), creating their Baton user with a password.</summary>
    public static async Task<PersonBrowser> SignInAsync(BrowserHost host, BatonApp app, string person, string? viewport = null)
    {
        var email = await EnsureUserAsync(app, person);
        var baseUrl = app.Anonymous.BaseAddress!.ToString().TrimEnd('/');
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = viewport == "phone" ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        var browser = new PersonBrowser(context, page, baseUrl);
        await page.GotoAsync("/deals");
        Assert.EndsWith("/signin", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/signin", StringComparison.Ordinal));
        return browser;
    }

    /// <summary>A browser with nobody signed in, on any Baton (a child process, say).</summary>
    public static async Task<PersonBrowser> OpenAsync(BrowserHost host, string baseUrl)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-US",
        });
        return new PersonBrowser(context, await context.NewPageAsync(), baseUrl.TrimEnd('/'));
    }

    /// <summary>A browser on a demo host (<c>Baton:Demo</c>), which signs a loopback visitor in as the demo's CS lead by itself.</summary>
    public static Task<PersonBrowser> OpenDemoAsync(BrowserHost host, Uri baseAddress) => OpenAsync(host, baseAddress.ToString());

    private static async Task<string> EnsureUserAsync(BatonApp app, string person)
    {
        using var scope = app.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Users>();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.BatonDb>();
        var member = scope.ServiceProvider.GetRequiredService<PlaybookContext>().Playbook.FindPerson(person);
        var email = member?.Email ?? person;
        var user = await users.FindAsync(email, CancellationToken.None);
        if (user is null)
        {
            var role = member is null ? (person == BatonApp.AdminEmail ? AccessRoles.Admin : AccessRoles.Viewer) : AccessRoles.ForTeamRole(member.Role);
            (user, var problem) = await users.AddAsync(email, member?.Name, role, Password, CancellationToken.None);
            Assert.True(user is not null, problem);
        }
        else users.SetPassword(user, Password);
        await db.SaveChangesAsync();
        return email;
    }

    public async Task<IResponse> GoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        return response;
    }

    /// <summary>
    /// Runs axe on the page as it stands and fails on any violation of WCAG 2.1 A/AA, naming the rule and the nodes;
    /// then saves a full-page screenshot as <c>docs/screenshots/<paramref name="name"/>.png</c>.
    /// </summary>
    public async Task CheckAndCaptureAsync(string name)
    {
        var results = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var problems = results.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help}\n    " + string.Join("\n    ", v.Nodes.Select(n => string.Join(" ", n.Target) + " " + n.Html)));
        Assert.True(results.Violations.Length == 0, $"axe on {name} ({Page.Url}):\n" + string.Join("\n", problems));
        Directory.CreateDirectory(Screenshots);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    /// <summary><c>docs/screenshots</c> of the repository the tests were built from.</summary>
    public static string Screenshots { get; } = Path.Combine(RepositoryRoot(), "docs", "screenshots");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Baton.slnx"))) return dir.FullName;
        return Path.GetTempPath();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
