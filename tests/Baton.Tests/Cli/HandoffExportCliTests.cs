using Baton.Cli;
using Baton.Tests.Api;
using Baton.Tests.Pages;
using Baton.Tests.Service;

namespace Baton.Tests.Cli;

/// <summary><c>baton handoff export</c>: the same Markdown as GET /handoffs/{id}.md, from the same database.</summary>
public sealed class HandoffExportCliTests
{
    private static async Task<(int Exit, string Out, string Err)> BatonAsync(BatonApp app, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] settings =
        [
            $"--Database:Provider={app.App.Configuration["Database:Provider"]}",
            $"--Database:ConnectionString={app.App.Configuration["Database:ConnectionString"]}",
        ];
        var exit = await Task.Run(() => BatonCli.Run([.. args, "--playbook", Repo.DefaultPlaybook, .. settings], stdout, stderr));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The lines that do not depend on the clock of whoever exports (time left, the export's own time).</summary>
    private static string[] Stable(string markdown) =>
        markdown.Split('\n').Select(l => l.StartsWith("- [", StringComparison.Ordinal) ? l.Replace(", overdue", "", StringComparison.Ordinal) : l)
            .Where(l => !l.Contains(" left", StringComparison.Ordinal) && !l.Contains("overdue by", StringComparison.Ordinal) && !l.StartsWith("Exported ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task Export_WritesTheSameMarkdownAsThePage_ToStdoutAndToAFile()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var page = PageClient.As(app, csm);
        var fromPage = await page.Http.GetStringAsync("/handoffs/D-1.md");

        var (exit, stdout, stderr) = await BatonAsync(app, "handoff", "export", "D-1");
        Assert.True(exit == ExitCodes.Ok, stderr);
        Assert.Equal(Stable(fromPage), Stable(stdout));
        Assert.Contains("## Commitments", stdout);

        using var dir = new ScratchDir();
        var file = Path.Combine(dir.Path, "d-1.md");
        var (fileExit, fileOut, fileErr) = await BatonAsync(app, "handoff", "export", "D-1", "--out", file);
        Assert.True(fileExit == ExitCodes.Ok, fileErr);
        Assert.Contains(file, fileOut);
        Assert.Equal(Stable(fromPage), Stable(await File.ReadAllTextAsync(file)));
    }

    [Fact]
    public async Task Export_OfAnUnknownDeal_ExitsTwoAndSaysSo()
    {
        await using var app = await BatonApp.StartAsync();
        var (exit, stdout, stderr) = await BatonAsync(app, "handoff", "export", "NOPE");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("no handoff for deal NOPE", stderr);
        Assert.Equal("", stdout);

        var (missing, _, missingErr) = await BatonAsync(app, "handoff", "export");
        Assert.True(missing == ExitCodes.BadInput, $"exit {missing}: {missingErr}");
        Assert.NotEqual("", missingErr);
    }
}
