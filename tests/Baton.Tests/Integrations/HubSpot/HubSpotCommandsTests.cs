using System.Text.Json;
using Baton.Cli;
using Double = Baton.Tests.Doubles.HubSpot;

namespace Baton.Tests.Integrations.HubSpot;

/// <summary><c>baton provision hubspot</c> and <c>baton drift hubspot</c> against the HubSpot double over real HTTP.</summary>
public sealed class HubSpotCommandsTests : IAsyncLifetime
{
    private readonly ScratchDir _dir = new();
    private HubSpotHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await HubSpotHarness.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _h.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>On the thread pool: the command blocks on its own async work.</summary>
    private static async Task<(int Exit, string Out, string Err)> BatonAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await Task.Run(() => BatonCli.Run(args, stdout, stderr));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private Task<(int Exit, string Out, string Err)> ProvisionAsync(params string[] extra) =>
        BatonAsync(["provision", "hubspot", "--playbook", Repo.DefaultPlaybook, .. extra, .. _h.CliSettings]);

    private Task<(int Exit, string Out, string Err)> DriftAsync(string? playbook = null, params string[] extra) =>
        BatonAsync(["drift", "hubspot", "--playbook", playbook ?? Repo.DefaultPlaybook, .. extra, .. _h.CliSettings]);

    private int Writes() => _h.HubSpot.Requests.Count(r => r.Method is "POST" or "PATCH" or "PUT" or "DELETE");

    [Fact]
    public async Task Provision_Twice_SecondRunChangesNothing()
    {
        var (exit, stdout, stderr) = await ProvisionAsync();

        Assert.True(exit == ExitCodes.Ok, stdout + stderr);
        Assert.Contains("  create property group handoff_information 'Handoff Information'", stdout);
        Assert.Contains("  create deal property baton_why_now (string/textarea) 'Why they bought now'", stdout);
        Assert.Contains("  create deal property baton_csm (string/text) 'CSM'", stdout);
        Assert.Contains("  create pipeline 'Customer Success' with stages Handoff Received, Kickoff Scheduled, Onboarding Active, Onboarding Complete, Ongoing Success", stdout);
        Assert.Contains("done: create deal property baton_products (enumeration/checkbox) 'Products'", stdout);
        var products = _h.HubSpot.Property("deals", "baton_products")!;
        Assert.Equal(("enumeration", "checkbox", "handoff_information"), (products.Type, products.FieldType, products.GroupName));
        Assert.Equal(["Core", "Analytics", "Workflows", "API", "SSO"], products.Options.Select(o => o.Value));
        Assert.Equal("bool", _h.HubSpot.Property("deals", "baton_champion_exposed")!.Type);
        var cs = Assert.Single(_h.HubSpot.Pipelines, p => p.Label == "Customer Success");
        Assert.Equal(["Handoff Received", "Kickoff Scheduled", "Onboarding Active", "Onboarding Complete", "Ongoing Success"], cs.Stages.Select(s => s.Label));
        var writes = Writes();

        var second = await ProvisionAsync();

        Assert.Equal(ExitCodes.Ok, second.Exit);
        Assert.Equal("nothing to do: the portal matches the playbook", second.Out.Trim());
        Assert.Equal(writes, Writes());
    }

    [Fact]
    public async Task Provision_DryRun_PrintsThePlanAndWritesNothing()
    {
        var (exit, stdout, _) = await ProvisionAsync("--dry-run");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("plan (dry run, nothing changed):", stdout);
        Assert.Contains("create deal property baton_seats (number/number) 'Contracted seats'", stdout);
        Assert.Equal(0, Writes());
        Assert.Null(_h.HubSpot.Property("deals", "baton_seats"));
    }

    [Fact]
    public async Task Provision_OptionMissingAndLabelChanged_UpdatesKeepingExistingOptions()
    {
        await ProvisionAsync();
        _h.HubSpot.DefineProperty("deals", new Double.HubSpotPropertyDef("baton_products", "Products bought", "enumeration", "checkbox", "handoff_information")
        {
            Options = [new("Core", "Core", 0), new("Analytics", "Analytics", 1), new("Workflows", "Workflows", 2), new("API", "API", 3), new("Legacy", "Legacy", 4)],
        });

        var (exit, stdout, _) = await ProvisionAsync();

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("update property baton_products label: 'Products bought' → 'Products'; description from the manifest's help text; options: add 'SSO'", stdout);
        var products = _h.HubSpot.Property("deals", "baton_products")!;
        Assert.Equal("Products", products.Label);
        Assert.Equal(["Core", "Analytics", "Workflows", "API", "Legacy", "SSO"], products.Options.Select(o => o.Value));
    }

    [Fact]
    public async Task Provision_PropertyOfAnotherType_ConflictExitOneAndLeftAlone()
    {
        _h.HubSpot.DefineProperty("deals", new Double.HubSpotPropertyDef("baton_seats", "Contracted seats", "string", "text", "dealinformation"));

        var (exit, stdout, _) = await ProvisionAsync();

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("1 conflict left unchanged:", stdout);
        Assert.Contains("baton_seats: is string/text in HubSpot, Baton needs number/number", stdout);
        Assert.Equal("string", _h.HubSpot.Property("deals", "baton_seats")!.Type);
        Assert.NotNull(_h.HubSpot.Property("deals", "baton_why_now"));
    }

    [Fact]
    public async Task Provision_Json_PlanAndResultsAsObjects()
    {
        var (exit, stdout, _) = await ProvisionAsync("--format", "json");

        Assert.Equal(ExitCodes.Ok, exit);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        var actions = root.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(23, actions.Count);
        Assert.All(actions, a => Assert.Equal("done", a.GetProperty("status").GetString()));
        Assert.Equal("create_property_group", actions[0].GetProperty("action").GetString());
        Assert.Equal("create_pipeline", actions[^1].GetProperty("action").GetString());
    }

    [Fact]
    public async Task Provision_PortalUnreadable_ExitOne()
    {
        _h.HubSpot.FailNext(1, new Double.HubSpotFailure.ServerError(500), "/properties/deals/groups");

        var (exit, _, stderr) = await ProvisionAsync("--HubSpot:MaxRetries=0");

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("reading the portal: HubSpot did not answer usefully: HTTP 500", stderr);
        Assert.Equal(0, Writes());
    }

    [Fact]
    public async Task Provision_NoAccessToken_ExitTwoNamingTheSetting()
    {
        var (exit, _, stderr) = await BatonAsync("provision", "hubspot", "--playbook", Repo.DefaultPlaybook, $"--HubSpot:ApiBaseUrl={_h.HubSpot.BaseUrl}");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("HubSpot:AccessToken is not set", stderr);
        Assert.Contains("HubSpot__AccessToken", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Empty(_h.HubSpot.Requests);
    }

    [Fact]
    public async Task Provision_TokenHubSpotRefuses_ExitTwo()
    {
        _h.HubSpot.AccessToken = "pat-na1-rotated";

        var (exit, _, stderr) = await ProvisionAsync();

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("HTTP 401", stderr);
        Assert.Contains("check HubSpot:AccessToken", stderr);
    }

    [Fact]
    public async Task Provision_BadApiBaseUrl_ExitTwo()
    {
        var (exit, _, stderr) = await BatonAsync("provision", "hubspot", "--HubSpot:AccessToken=x", "--HubSpot:ApiBaseUrl=not a url");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("HubSpot:ApiBaseUrl", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Provision_StrayArgument_ExitTwo()
    {
        var (exit, _, stderr) = await BatonAsync("provision", "hubspot", "now");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("unrecognized argument 'now'", stderr);
    }

    [Fact]
    public async Task Drift_AfterProvisioning_ExitZero()
    {
        await ProvisionAsync();

        var (exit, stdout, stderr) = await DriftAsync();

        Assert.True(exit == ExitCodes.Ok, stdout + stderr);
        Assert.Equal("no drift: the portal matches the playbook", stdout.Trim());
    }

    [Fact]
    public async Task Drift_ArchivedRetypedRenamedAndAStageGone_ExitOneWithAGroupedReport()
    {
        // The CS pipeline is made by hand with a stage missing; provisioning would add it, so it runs first.
        await ProvisionAsync();
        _h.HubSpot.ArchiveProperty("deals", "baton_why_now");
        _h.HubSpot.DefineProperty("deals", new Double.HubSpotPropertyDef("baton_seats", "Contracted seats", "string", "text", "handoff_information"));
        _h.HubSpot.DefineProperty("deals", new Double.HubSpotPropertyDef("baton_competitors", "Competition", "string", "text", "handoff_information"));
        var playbook = _dir.CopyOfDefaultPlaybook();
        var yaml = Path.Combine(playbook, "playbook.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("hubspot: contractsent", "hubspot: contract_out"));

        var (exit, stdout, _) = await DriftAsync(playbook);

        Assert.Equal(ExitCodes.Findings, exit);
        var lines = stdout.TrimEnd().Split(Environment.NewLine);
        Assert.Equal("HubSpot drift: 4 findings", lines[0]);
        Assert.Equal(
        [
            "deal properties",
            "  baton_why_now: archived in HubSpot (field 'why_now' (long_text)); restore it in HubSpot's archived properties",
            "  baton_competitors: label renamed: 'Competition' in HubSpot, 'Competitors evaluated' in the playbook",
            "  baton_seats: wrong type: string/text in HubSpot, field 'seats' (number) needs number/number",
            "sales pipeline stages",
            "  stage 'Contract Sent': no pipeline in HubSpot has the stage id 'contract_out'; fix the stage's hubspot id in playbook.yaml or restore the stage",
        ], lines[1..]);
    }

    [Fact]
    public async Task Drift_CsPipelineMissingAStageAndNoCsmProperty_Json()
    {
        _h.HubSpot.AddPipeline("Customer Success",
            ("cs1", "Handoff Received", 0.5, false), ("cs2", "Kickoff Scheduled", 0.5, false),
            ("cs3", "Onboarding Active", 0.5, false), ("cs5", "Ongoing Success", 1.0, true));

        var (exit, stdout, _) = await DriftAsync(null, "--format", "json");

        Assert.Equal(ExitCodes.Findings, exit);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.False(root.GetProperty("clean").GetBoolean());
        var findings = root.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("area").GetString(), f.GetProperty("subject").GetString(), f.GetProperty("message").GetString())).ToList();
        Assert.Contains(("CS pipeline", "'Customer Success'", "has no stage 'Onboarding Complete'; run baton provision hubspot"), findings);
        Assert.Contains(findings, f => f.Item1 == "CSM property" && f.Item2 == "baton_csm");
        Assert.Equal(20, findings.Count(f => f.Item1 == "deal properties"));
    }

    [Fact]
    public async Task Drift_BrokenPlaybook_ExitTwo()
    {
        var playbook = _dir.CopyOfDefaultPlaybook();
        File.Delete(Path.Combine(playbook, "handoff-fields.csv"));

        var (exit, _, stderr) = await DriftAsync(playbook);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("missing handoff-fields.csv", stderr);
        Assert.Empty(_h.HubSpot.Requests);
    }

    [Fact]
    public async Task DriftCheck_HostCall_SameReportAsTheCommand()
    {
        await ProvisionAsync();
        _h.HubSpot.ArchiveProperty("deals", "baton_risks");

        var report = await _h.Get<Core.Integrations.HubSpot.HubSpotDriftCheck>().CheckAsync(Core.Playbook.PlaybookContext.Load(Repo.DefaultPlaybook));

        Assert.Equal("baton_risks", Assert.Single(report.Findings).Subject);
    }
}
