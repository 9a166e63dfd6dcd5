using Baton.Cli;

namespace Baton.Tests.Demo;

public sealed class DemoCommandTests
{
    [Fact]
    public void Run_DemoWithZeroDeals_ExitsWithBadInput()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = BatonCli.Run(["demo", "--deals", "0", "--playbook", Repo.DefaultPlaybook], stdout, stderr);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--deals must be between 1 and 100000", stderr.ToString());
    }

    [Fact]
    public void Run_DemoHelp_DescribesTheOptions()
    {
        var stdout = new StringWriter();

        var code = BatonCli.Run(["demo", "--help"], stdout, new StringWriter());

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var option in new[] { "--port", "--data", "--deals", "--seed" })
            Assert.Contains(option, stdout.ToString());
    }
}
