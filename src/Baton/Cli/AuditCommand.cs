using System.CommandLine;
using System.Text;
using Baton.Core.Audit;
using Baton.Core.Playbook;
using Spectre.Console;

namespace Baton.Cli;

/// <summary><c>baton audit EXPORT.csv</c>: judges every closed-won deal in a CRM export against the Closed Won gate.</summary>
internal static class AuditCommand
{
    private const long ProgressFromBytes = 8L << 20;

    public static Command Create(CliOutput output)
    {
        var export = new Argument<string?>("EXPORT") { Description = "A deal export from HubSpot or Salesforce (CSV; UTF-8 with or without BOM).", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<string?>("--from") { Description = "Audit the live CRM instead of an export: hubspot (with --since; settings as for serve, e.g. --HubSpot:AccessToken=…)." };
        from.AcceptOnlyFromAmong("hubspot");
        var since = new Option<string?>("--since") { Description = "With --from: the deals modified since this date (2026-01-01).", HelpName = "DATE" };
        var playbook = PlaybookOption.Create();
        var format = new Option<string>("--format", "-f")
        {
            Description = "table: totals, fill rates, AEs and the worst deals; json or csv: every closed-won deal, streamed.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var outFile = new Option<string?>("--out", "-o") { Description = "Write the report to a file instead of standard output (written whole or not at all).", HelpName = "FILE" };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when: incomplete (a closed-won deal fails the gate), never (default).",
            DefaultValueFactory = _ => "never",
        };
        failOn.AcceptOnlyFromAmong("never", "incomplete");
        var command = new Command("audit", "Audit closed-won deals in a CRM export: does each pass the Closed Won gate, which fields are missing, filler or vague, and how complete is the handoff data per field and per AE.")
        {
            export, playbook, format, outFile, failOn, from, since,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var dir = PlaybookOption.Resolve(parse.GetValue(playbook));
            var file = parse.GetValue(export);
            IReadOnlyList<string> settings = parse.UnmatchedTokens;
            // A --Section:Key=value setting is not an export path, though the optional argument would take it.
            if (file is { } token && token.StartsWith("--", StringComparison.Ordinal))
            {
                settings = [token, .. settings];
                file = null;
            }
            if (parse.GetValue(from) is null)
            {
                if (settings.Count > 0)
                    return Usage(output, $"unrecognized argument '{settings[0]}'; settings (--Section:Key=value) go with --from only");
                if (file is null) return Usage(output, "give an EXPORT file, or --from hubspot --since DATE to audit the live portal");
                return Run(file, dir, parse.GetValue(format)!, parse.GetValue(outFile), parse.GetValue(failOn)!, output);
            }
            if (file is not null) return Usage(output, "give either an EXPORT file or --from, not both");
            if (parse.GetValue(since) is not { } sinceText) return Usage(output, "--from hubspot needs --since DATE (the deals modified since then)");
            return await FromHubSpotAsync(dir, sinceText, settings, parse, format, outFile, failOn, output, ct);
        });
        return command;
    }

    private static int Usage(CliOutput output, string message)
    {
        output.Error.WriteLine($"baton audit: {message}. Run 'baton audit --help' for usage.");
        return ExitCodes.BadInput;
    }

    /// <summary>The live portal, read into a HubSpot-shaped export in a temporary file, then audited like any export.</summary>
    private static async Task<int> FromHubSpotAsync(string dir, string sinceText, IReadOnlyList<string> settings, ParseResult parse, Option<string> format, Option<string?> outFile, Option<string> failOn,
        CliOutput output, CancellationToken ct)
    {
        if (SyncCommand.ParseSince(sinceText, output, "baton audit") is not { } since) return ExitCodes.BadInput;
        var loaded = PlaybookLoader.Load(dir);
        if (!loaded.Ok)
        {
            foreach (var e in loaded.Errors) output.Error.WriteLine(e);
            return ExitCodes.BadInput;
        }
        await using var app = Web.BatonWeb.Build([.. settings], new PlaybookContext(loaded.Playbook!, dir), runPumps: false);
        if (string.IsNullOrWhiteSpace(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Integrations.HubSpot.HubSpotOptions>>().Value.AccessToken))
            return Usage(output, "HubSpot:AccessToken is not set; give it as HubSpot__AccessToken or --HubSpot:AccessToken=…");
        var temp = Path.Combine(Path.GetTempPath(), $"baton-hubspot-{Environment.ProcessId}-{Guid.NewGuid():N}.csv");
        try
        {
            using (var scope = app.Services.CreateScope())
            await using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
            {
                var exporter = scope.ServiceProvider.GetRequiredService<Core.Integrations.HubSpot.HubSpotExport>();
                var count = output.ErrorIsTerminal
                    ? await SyncCommand.WithBarAsync(output, p => exporter.WriteAsync(writer, since, p, ct))
                    : await exporter.WriteAsync(writer, since, null, ct);
                output.Error.WriteLine($"baton audit: {count} deals read from HubSpot (modified since {since:yyyy-MM-dd})");
            }
            return Run(temp, dir, parse.GetValue(format)!, parse.GetValue(outFile), parse.GetValue(failOn)!, output);
        }
        catch (Core.Integrations.HubSpot.HubSpotRequestException e)
        {
            output.Error.WriteLine($"baton audit: {e.Message}");
            return e.HttpStatus is 401 or 403 ? ExitCodes.BadInput : ExitCodes.Findings;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static int Run(string export, string playbookDir, string format, string? outFile, string failOn, CliOutput output)
    {
        var loaded = PlaybookLoader.Load(playbookDir);
        if (!loaded.Ok)
        {
            foreach (var e in loaded.Errors) output.Error.WriteLine(e);
            output.Error.WriteLine($"baton audit: the playbook in {playbookDir} has problems; run 'baton playbook check {playbookDir}'.");
            return ExitCodes.BadInput;
        }

        // A report file is written beside its target and renamed into place, so a failed run leaves nothing half
        // written. A device (/dev/null, /dev/stdout) is written directly: renaming over it would replace the device.
        var device = outFile is not null && Path.GetFullPath(outFile).StartsWith("/dev/", StringComparison.Ordinal);
        var temp = outFile is null || device ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outFile))!, $".{Path.GetFileName(outFile)}.{Environment.ProcessId}.tmp");
        // Bytes go to the file, to the process's stdout, or (when a caller captures output) to memory first.
        var capture = temp is null && !device && !ReferenceEquals(output.Out, Console.Out) ? output.Out : null;
        try
        {
            AuditSummary summary;
            using (var target = temp is not null ? new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16)
                   : device ? new FileStream(outFile!, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16)
                   : capture is not null ? new MemoryStream() : Console.OpenStandardOutput())
            {
                using var writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                switch (format)
                {
                    case "json":
                        using (var sink = new JsonAuditSink(target)) summary = Audit(export, loaded.Playbook!, sink, output);
                        break;
                    case "csv":
                        summary = Audit(export, loaded.Playbook!, new CsvAuditSink(writer), output);
                        break;
                    default:
                        summary = Audit(export, loaded.Playbook!, new NoDeals(), output);
                        AuditTable.Render(output.Ansi(writer, temp is null && output.IsTerminal), summary);
                        break;
                }
                writer.Flush();
                if (target is MemoryStream memory) capture!.Write(Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
            }
            if (temp is not null) File.Move(temp, outFile!, overwrite: true);
            var incomplete = summary.ClosedWon - summary.Complete;
            return failOn == "incomplete" && incomplete > 0 ? ExitCodes.Findings : ExitCodes.Ok;
        }
        catch (AuditInputException e)
        {
            output.Error.WriteLine($"baton audit: {e}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Error.WriteLine($"baton audit: {e.Message}");
            return ExitCodes.BadInput;
        }
        finally
        {
            if (temp is not null && File.Exists(temp)) File.Delete(temp);
        }
    }

    private static AuditSummary Audit(string export, Domain.Playbook.Playbook playbook, IAuditSink sink, CliOutput output)
    {
        var size = File.Exists(export) ? new FileInfo(export).Length : 0;
        if (size < ProgressFromBytes || !output.ErrorIsTerminal)
            return AuditRun.Run(export, playbook, sink);

        AuditSummary? summary = null;
        output.Ansi(output.Error, terminal: true).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"Auditing {Path.GetFileName(export)}", maxValue: size);
                summary = AuditRun.Run(export, playbook, sink, new Progress<long>(read => task.Value = read));
                task.Value = size;
            });
        return summary!;
    }

    private sealed class NoDeals : IAuditSink
    {
        public void Begin(AuditContext context) { }
        public void Deal(in DealAudit deal) { }
        public void End(AuditSummary summary) { }
    }
}
