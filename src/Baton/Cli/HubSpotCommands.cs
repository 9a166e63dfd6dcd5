using System.CommandLine;
using System.Text.Json;
using Baton.Core.Integrations.HubSpot;
using Baton.Core.Playbook;
using Microsoft.Extensions.Options;

namespace Baton.Cli;

/// <summary>
/// <c>baton provision hubspot</c> and <c>baton drift hubspot</c>: make a HubSpot portal match the playbook, and say
/// where it no longer does. Configuration as for <c>serve</c>: appsettings.json, environment
/// (<c>HubSpot__AccessToken</c>) or <c>--HubSpot:AccessToken=…</c> on the command line.
/// </summary>
internal static class HubSpotCommands
{
    private const string ConfigurationHelp =
        " Configuration: appsettings.json, environment variables (HubSpot__AccessToken, HubSpot__ApiBaseUrl) or --HubSpot:AccessToken=… after the options.";

    public static Command Provision(CliOutput output)
    {
        var playbook = PlaybookOption.Create();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and change nothing." };
        var format = FormatOption();
        var hubspot = new Command("hubspot",
            "Create in HubSpot what the playbook needs: the handoff property group, a deal property per manifest field, the CSM property, "
            + "the CS pipeline and its stages. Adds and relabels; never deletes or retypes. Exit 1 on a conflict or a failed change." + ConfigurationHelp)
        {
            playbook, dryRun, format,
        };
        hubspot.TreatUnmatchedTokensAsErrors = false;
        hubspot.SetAction((parse, ct) => ProvisionAsync(
            PlaybookOption.Resolve(parse.GetValue(playbook)), parse.GetValue(dryRun), parse.GetValue(format)!, parse.UnmatchedTokens, output, ct));
        return new Command("provision", "Set up a CRM for Baton.") { hubspot, SalesforceCommands.Provision(output) };
    }

    public static Command Drift(CliOutput output)
    {
        var playbook = PlaybookOption.Create();
        var format = FormatOption();
        var hubspot = new Command("hubspot",
            "Compare HubSpot with the playbook: the manifest's deal properties (missing, archived, retyped, relabelled, options changed), "
            + "the pipeline stage ids, the CS pipeline, the CSM property and the templates' placeholders. Exit 1 when anything drifted." + ConfigurationHelp)
        {
            playbook, format,
        };
        hubspot.TreatUnmatchedTokensAsErrors = false;
        hubspot.SetAction((parse, ct) => DriftAsync(
            PlaybookOption.Resolve(parse.GetValue(playbook)), parse.GetValue(format)!, parse.UnmatchedTokens, output, ct));
        return new Command("drift", "Find where a CRM no longer matches the playbook.") { hubspot };
    }

    private static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "Output: text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

    private static async Task<int> ProvisionAsync(
        string directory, bool dryRun, string format, IReadOnlyList<string> settings, CliOutput output, CancellationToken ct)
    {
        const string name = "baton provision hubspot";
        if (Prepare(name, directory, settings, output) is not { } ready) return ExitCodes.BadInput;
        using var _ = ready.Services;
        var provisioner = ready.Services.GetRequiredService<HubSpotProvisioner>();

        var planned = await provisioner.PlanAsync(ready.Playbook.Playbook, ct);
        if (planned is not HubSpotResult<ProvisioningPlan>.Ok ok) return Refused(name, planned, output);
        var plan = ok.Value;
        IReadOnlyList<ProvisioningStep> steps = dryRun || plan.Actions.Count == 0
            ? [.. plan.Actions.Select(a => new ProvisioningStep(a, ProvisioningStatus.Skipped, null))]
            : await provisioner.ApplyAsync(plan, ct);
        var failed = !dryRun && steps.Any(s => s.Status == ProvisioningStatus.Failed);
        var exit = failed || plan.Conflicts.Count > 0 ? ExitCodes.Findings : ExitCodes.Ok;

        if (format == "json")
        {
            var body = new
            {
                dryRun,
                nothingToDo = plan.NothingToDo,
                ok = exit == ExitCodes.Ok,
                actions = steps.Select(s => new
                {
                    action = ActionName(s.Action),
                    description = s.Action.Describe(),
                    status = dryRun ? "planned" : s.Status.ToString().ToLowerInvariant(),
                    error = s.Error,
                }),
                conflicts = plan.Conflicts.Select(c => new { subject = c.Subject, problem = c.Problem, fix = c.Fix }),
            };
            output.Out.WriteLine(JsonSerializer.Serialize(body, JsonOptions.Web));
            return exit;
        }

        if (plan.NothingToDo)
        {
            output.Out.WriteLine("nothing to do: the portal matches the playbook");
            return ExitCodes.Ok;
        }
        if (plan.Actions.Count > 0)
        {
            output.Out.WriteLine(dryRun ? "plan (dry run, nothing changed):" : "plan:");
            foreach (var action in plan.Actions) output.Out.WriteLine($"  {action.Describe()}");
        }
        if (!dryRun)
        {
            foreach (var step in steps)
                output.Out.WriteLine(step.Status switch
                {
                    ProvisioningStatus.Done => $"done: {step.Action.Describe()}",
                    ProvisioningStatus.Failed => $"FAILED: {step.Action.Describe()}: {step.Error}",
                    _ => $"skipped: {step.Action.Describe()} ({step.Error})",
                });
        }
        if (plan.Conflicts.Count > 0)
        {
            output.Out.WriteLine($"{plan.Conflicts.Count} conflict{(plan.Conflicts.Count == 1 ? "" : "s")} left unchanged:");
            foreach (var conflict in plan.Conflicts) output.Out.WriteLine($"  {conflict}");
        }
        return exit;
    }

    private static async Task<int> DriftAsync(string directory, string format, IReadOnlyList<string> settings, CliOutput output, CancellationToken ct)
    {
        const string name = "baton drift hubspot";
        if (Prepare(name, directory, settings, output) is not { } ready) return ExitCodes.BadInput;
        using var _ = ready.Services;
        DriftReport report;
        try
        {
            report = await ready.Services.GetRequiredService<HubSpotDriftCheck>().CheckAsync(ready.Playbook, ct);
        }
        catch (HubSpotRequestException e)
        {
            output.Error.WriteLine($"{name}: {e.Message}");
            return IsAuthentication(e.HttpStatus) ? TokenRefused(name, output) : ExitCodes.Findings;
        }

        if (format == "json")
        {
            var body = new
            {
                clean = report.IsClean,
                findings = report.Findings.Select(f => new { area = f.Area, subject = f.Subject, message = f.Message }),
            };
            output.Out.WriteLine(JsonSerializer.Serialize(body, JsonOptions.Web));
        }
        else
        {
            output.Out.WriteLine(report.ToText());
        }
        return report.IsClean ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private sealed record Ready(PlaybookContext Playbook, ServiceProvider Services);

    /// <summary>The playbook loaded and the HubSpot client configured, or null after saying what is wrong.</summary>
    private static Ready? Prepare(string name, string directory, IReadOnlyList<string> settings, CliOutput output)
    {
        var loaded = PlaybookLoader.Load(directory);
        if (!loaded.Ok)
        {
            foreach (var e in loaded.Errors) output.Error.WriteLine(e);
            output.Error.WriteLine($"{name}: the playbook in {directory} has problems; run 'baton playbook check {directory}'.");
            return null;
        }
        if (Stray(settings) is { } stray)
        {
            output.Error.WriteLine($"{name}: unrecognized argument '{stray}'; settings go as --Section:Key=value. Run '{name} --help' for usage.");
            return null;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settings])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new CliLogger(output.Error)).SetMinimumLevel(LogLevel.Warning));
        services.AddHubSpot(configuration);
        var provider = services.BuildServiceProvider();
        try
        {
            var options = provider.GetRequiredService<IOptions<HubSpotOptions>>().Value;
            if (string.IsNullOrWhiteSpace(options.AccessToken))
            {
                output.Error.WriteLine($"{name}: HubSpot:AccessToken is not set. Give the private app's token as the environment variable HubSpot__AccessToken, "
                    + "in appsettings.json, or as --HubSpot:AccessToken=… (the app needs the crm.schemas.deals.read and crm.schemas.deals.write scopes).");
                provider.Dispose();
                return null;
            }
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            output.Error.WriteLine($"{name}: {e.Message}");
            provider.Dispose();
            return null;
        }
        return new Ready(new PlaybookContext(loaded.Playbook!, directory), provider);
    }

    /// <summary>The first token that is neither a <c>--Section:Key[=value]</c> setting nor the value after one.</summary>
    private static string? Stray(IReadOnlyList<string> settings)
    {
        for (var i = 0; i < settings.Count; i++)
        {
            var token = settings[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':')) return token;
            if (!token.Contains('=')) i++;
        }
        return null;
    }

    private static int Refused<T>(string name, HubSpotResult<T> result, CliOutput output)
    {
        output.Error.WriteLine($"{name}: reading the portal: {result.Describe()}");
        return result is HubSpotResult<T>.Failed f && IsAuthentication(f.HttpStatus) ? TokenRefused(name, output) : ExitCodes.Findings;
    }

    private static bool IsAuthentication(int? status) => status is 401 or 403;

    private static int TokenRefused(string name, CliOutput output)
    {
        output.Error.WriteLine($"{name}: check HubSpot:AccessToken and that the app has the crm.schemas.deals.read and crm.schemas.deals.write scopes.");
        return ExitCodes.BadInput;
    }

    private static string ActionName(ProvisioningAction action) => action switch
    {
        ProvisioningAction.CreatePropertyGroup => "create_property_group",
        ProvisioningAction.CreateProperty => "create_property",
        ProvisioningAction.UpdateProperty => "update_property",
        ProvisioningAction.CreatePipeline => "create_pipeline",
        ProvisioningAction.CreateStages => "create_stages",
        _ => action.GetType().Name,
    };

    /// <summary>Warnings (retries, rate limits, refusals) on the command's error stream, one line each.</summary>
    private sealed class CliLogger(TextWriter error) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lock (error) error.WriteLine($"baton: {logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}");
        }

        public void Dispose() { }
    }
}
