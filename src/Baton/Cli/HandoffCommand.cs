using System.CommandLine;
using System.Text;
using Baton.Core.Documents;
using Baton.Core.Playbook;
using Baton.Web;

namespace Baton.Cli;

/// <summary><c>baton handoff export DEAL [--out FILE]</c>: the handoff document as Markdown, the same as GET /handoffs/{id}.md.</summary>
internal static class HandoffCommand
{
    public static Command Create(CliOutput output)
    {
        var deal = new Argument<string>("DEAL") { Description = "The deal's id in Baton." };
        var outFile = new Option<string?>("--out", "-o") { Description = "Write the Markdown to a file instead of standard output.", HelpName = "FILE" };
        var playbook = PlaybookOption.Create();
        var export = new Command("export", "Export a deal's handoff document as Markdown. Settings as for serve (--Database:ConnectionString=…).") { deal, outFile, playbook };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction(async (parse, ct) =>
        {
            var id = parse.GetValue(deal)!.Trim();
            // Unmatched settings are allowed, so a missing id could otherwise be filled by a --Key=value token.
            if (id.Length == 0 || id.StartsWith('-')) return Usage(output, "give the deal's id");
            var settings = parse.UnmatchedTokens;
            if (settings.FirstOrDefault(t => !t.StartsWith("--", StringComparison.Ordinal) || !t.Contains('=', StringComparison.Ordinal)) is { } stray)
                return Usage(output, $"unrecognized argument '{stray}'; settings are --Section:Key=value");
            var file = parse.GetValue(outFile);
            if (file is not null && (file.Trim().Length == 0 || Directory.Exists(file))) return Usage(output, $"--out '{file}' is not a file path");

            var directory = PlaybookOption.Resolve(parse.GetValue(playbook));
            var loaded = PlaybookLoader.Load(directory);
            if (!loaded.Ok)
            {
                foreach (var e in loaded.Errors) output.Error.WriteLine(e);
                return ExitCodes.BadInput;
            }
            var context = new PlaybookContext(loaded.Playbook!, directory);
            await using var app = BatonWeb.Build([.. settings], context, runPumps: false, settings: [new("Logging:LogLevel:Default", "Warning")]);
            await BatonWeb.MigrateAsync(app, ct, quiet: true);
            using var scope = app.Services.CreateScope();
            var document = await scope.ServiceProvider.GetRequiredService<HandoffDocuments>().BuildAsync(id, ct);
            if (document is null)
            {
                output.Error.WriteLine($"baton handoff export: no handoff for deal {id}.");
                return ExitCodes.BadInput;
            }
            var markdown = HandoffMarkdown.Write(document, context.Calendar.WorkingDayLength);
            if (file is null)
            {
                output.Out.Write(markdown);
                return ExitCodes.Ok;
            }
            try
            {
                var full = Path.GetFullPath(file);
                var temp = full + ".tmp";
                await File.WriteAllTextAsync(temp, markdown, new UTF8Encoding(false), ct);
                File.Move(temp, full, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Usage(output, $"cannot write '{file}': {e.Message}");
            }
            output.Out.WriteLine($"Wrote the handoff of deal {id} to {file}.");
            return ExitCodes.Ok;
        });
        return new Command("handoff", "A deal's handoff.") { export };
    }

    private static int Usage(CliOutput output, string message)
    {
        output.Error.WriteLine($"baton handoff export: {message}. Run 'baton handoff export --help' for usage.");
        return ExitCodes.BadInput;
    }
}
