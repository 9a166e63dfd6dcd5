using Baton.Core.Playbook;

namespace Baton.Tests.Dashboard;

/// <summary>The playbook's <c>dashboard:</c> block: the completeness target and the commission holdback.</summary>
public sealed class DashboardPlaybookTests : IDisposable
{
    private readonly ScratchDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void Replace(string dir, string from, string to)
    {
        var path = Path.Combine(dir, PlaybookLoader.PlaybookFile);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    [Fact]
    public void Load_DefaultPlaybook_HoldsBackTwentyPercentAndAimsForNinety()
    {
        var settings = PlaybookLoader.Load(Repo.DefaultPlaybook).Playbook!.Dashboard;

        Assert.Equal((0.9, 0.2, 0.1), (settings.CompletenessTarget, settings.HoldbackShare, settings.CommissionRate));
    }

    [Fact]
    public void Load_HoldbackAsAShare_IsReadLikeAPercentage()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, "commission_holdback: 20%", "commission_holdback: 0.35");

        Assert.Equal(0.35, PlaybookLoader.Load(dir).Playbook!.Dashboard.HoldbackShare);
    }

    [Theory]
    [InlineData("commission_holdback: 20%", "commission_holdback: 120%", "between 0 % and 100 %")]
    [InlineData("completeness_target: 90%", "completeness_target: most", "'most'")]
    [InlineData("commission_rate: 10%", "comission_rate: 10%", "unknown key 'comission_rate'")]
    public void Load_BadDashboardValue_SaysWhatAndWhere(string from, string to, string expected)
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        Replace(dir, from, to);

        var error = Assert.Single(PlaybookLoader.Load(dir).Errors);

        Assert.Contains(expected, error.Message);
        Assert.EndsWith(PlaybookLoader.PlaybookFile, error.File);
        var line = File.ReadAllLines(Path.Combine(dir, PlaybookLoader.PlaybookFile)).ToList().FindIndex(l => l.Contains(to)) + 1;
        Assert.Equal(line, error.Line);
    }
}
