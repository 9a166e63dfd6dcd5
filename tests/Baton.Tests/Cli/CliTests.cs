using System.Diagnostics;
using System.Text.Json;
using Baton.Cli;
using Baton.Tests.Audit;

namespace Baton.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly ScratchDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Out, string Err) Baton(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = BatonCli.Run([.. args], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Export() => _dir.File("deals.csv", new ExportBuilder()
        .Deal("101", "Closed Won", "Dana Whitfield")
        .Deal("102", "Closed Won", "Omar Haddad", new(ExportBuilder.GoodDeal()) { ["why_now"] = "n/a" })
        .Deal("103", "Demo", "Omar Haddad", new())
        .Build());

    [Fact]
    public void PlaybookCheck_DefaultPlaybook_ExitsZero()
    {
        var (exit, stdout, _) = Baton("playbook", "check", Repo.DefaultPlaybook);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("ok", stdout);
        Assert.Contains("20 fields", stdout);
    }

    [Fact]
    public void PlaybookCheck_DefaultPlaybook_FirstContactIsTwoBusinessDaysAndNothingToWarnAbout()
    {
        var (exit, _, stderr) = Baton("playbook", "check", Repo.DefaultPlaybook);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.DoesNotContain("warning", stderr);
        Assert.Contains(File.ReadAllLines(Path.Combine(Repo.DefaultPlaybook, "playbook.yaml")), l => l.Trim().StartsWith("duration: 2 business days", StringComparison.Ordinal));
    }

    [Fact]
    public void PlaybookCheck_HourClockOfSixWorkingDays_WarnsAndStillExitsZero()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        var yaml = Path.Combine(dir, "playbook.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("duration: 7 business days", "duration: 48 business hours"));

        var (exit, _, stderr) = Baton("playbook", "check", dir);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("warning: clock 'kickoff': 48 business hours is 6 working days of 8 hours", stderr);
        Assert.Contains("write '2 business days'", stderr);
    }

    [Fact]
    public void PlaybookCheck_BrokenCopy_ExitsTwoWithLocatedErrors()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        var yaml = Path.Combine(dir, "playbook.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("duration: 7 business days", "duration: 7 weeks"));

        var (exit, _, stderr) = Baton("playbook", "check", dir);

        Assert.Equal(ExitCodes.BadInput, exit);
        var line = Array.FindIndex(File.ReadAllLines(yaml), l => l.Contains("7 weeks")) + 1;
        Assert.Contains($"playbook.yaml:{line}:15: clock 'kickoff': '7 weeks' has an unknown unit", stderr);
    }

    [Fact]
    public void PlaybookCheck_Json_ListsErrorsAsObjects()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        var csv = Path.Combine(dir, "handoff-fields.csv");
        File.WriteAllText(csv, File.ReadAllText(csv).Replace(",boolean,", ",bool,"));

        var (exit, stdout, _) = Baton("playbook", "check", dir, "--format", "json");

        Assert.Equal(ExitCodes.BadInput, exit);
        var error = JsonDocument.Parse(stdout).RootElement.GetProperty("errors")[0];
        Assert.Equal(19, error.GetProperty("line").GetInt32());
        Assert.Contains("unknown type 'bool'", error.GetProperty("message").GetString());
    }

    [Fact]
    public void Audit_Table_ShowsCompletenessAndTheWorstDeal()
    {
        var (exit, stdout, stderr) = Baton("audit", Export(), "--playbook", Repo.DefaultPlaybook);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", stderr);
        Assert.Contains("3 deals read, 2 closed-won", stdout);
        Assert.Contains("Handoff completeness: 50 %", stdout);
        Assert.Contains("Why they bought now: filler", stdout);
        Assert.Contains("Omar Haddad", stdout);
    }

    [Fact]
    public void Audit_FailOnIncomplete_ExitsOne()
    {
        var (exit, _, _) = Baton("audit", Export(), "--fail-on", "incomplete", "--format", "csv");

        Assert.Equal(ExitCodes.Findings, exit);
    }

    [Fact]
    public void Audit_JsonToFile_WritesEveryClosedWonDealAndTheSummary()
    {
        var outFile = Path.Combine(_dir.Path, "report.json");

        var (exit, stdout, _) = Baton("audit", Export(), "--format", "json", "--out", outFile);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", stdout);
        var root = JsonDocument.Parse(File.ReadAllText(outFile)).RootElement;
        Assert.Equal("hubspot", root.GetProperty("crm").GetString());
        Assert.Equal(["101", "102"], root.GetProperty("deals").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        var problem = root.GetProperty("deals")[1].GetProperty("problems")[0];
        Assert.Equal(("why_now", "filler", true), (problem.GetProperty("field").GetString(), problem.GetProperty("verdict").GetString(), problem.GetProperty("blocking").GetBoolean()));
        Assert.Equal(0.5, root.GetProperty("summary").GetProperty("completenessRate").GetDouble());
    }

    [Fact]
    public void Audit_Csv_OneRowPerClosedWonDeal()
    {
        var (exit, stdout, _) = Baton("audit", Export(), "--format", "csv");

        Assert.Equal(ExitCodes.Ok, exit);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("line,id,name,owner,segment,passed,facts,context,commitments,risk,overall", lines[0]);
        Assert.StartsWith("3,102,Deal 102,Omar Haddad,Mid-Market,no,", lines[2]);
        Assert.EndsWith(",why_now,,", lines[2]);
    }

    [Fact]
    public void Audit_BadInputWithOut_ExitsTwoAndLeavesNoFile()
    {
        var bad = _dir.File("bad.csv", "Record ID,Deal Stage\n1,Closed Won\n2\n");
        var outFile = Path.Combine(_dir.Path, "report.json");

        var (exit, _, stderr) = Baton("audit", bad, "--format", "json", "--out", outFile);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("bad.csv:3: row has 1 columns, the header has 2", stderr);
        Assert.False(File.Exists(outFile));
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public void Audit_UnknownFormat_IsBadUsage()
    {
        var (exit, _, stderr) = Baton("audit", Export(), "--format", "xml");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("xml", stderr);
        Assert.Contains("baton audit --help", stderr);
    }

    [Fact]
    public void Audit_BrokenPlaybook_ExitsTwo()
    {
        var dir = _dir.CopyOfDefaultPlaybook();
        File.Delete(Path.Combine(dir, "handoff-fields.csv"));

        var (exit, _, stderr) = Baton("audit", Export(), "--playbook", dir);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("missing handoff-fields.csv", stderr);
    }

    [Fact]
    public void Executable_MissingArgument_ExitsTwoWithoutStackTrace()
    {
        var baton = Path.Combine(AppContext.BaseDirectory, "baton.dll");
        var start = new ProcessStartInfo("dotnet", [baton, "audit"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(ExitCodes.BadInput, process.ExitCode);
        Assert.Contains("give an EXPORT file, or --from hubspot --since DATE", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}

public sealed class CliDeviceOutputTests : IDisposable
{
    private readonly ScratchDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Audit_OutToDevNull_WritesThroughAndLeavesTheDeviceADevice()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("/dev/null as a character device is a Linux fact");
        var export = _dir.File("deals.csv", new ExportBuilder().Deal("1", "Closed Won", "Dana Whitfield").Build());

        var exit = BatonCli.Run(["audit", export, "--format", "json", "--out", "/dev/null"], new StringWriter(), new StringWriter());

        Assert.Equal(ExitCodes.Ok, exit);
        // A rename over /dev/null would leave a regular file there; the device reads as empty and never grows.
        Assert.Equal(0, new FileInfo("/dev/null").Length);
        Assert.Empty(File.ReadAllBytes("/dev/null"));
    }
}
