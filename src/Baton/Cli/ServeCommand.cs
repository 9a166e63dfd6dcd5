using System.CommandLine;
using Baton.Core.Playbook;
using Baton.Web;

namespace Baton.Cli;

/// <summary><c>baton serve</c>: the service with its API, webhooks, pages and background pumps.</summary>
internal static class ServeCommand
{
    public static Command Create(CliOutput output)
    {
        var playbook = PlaybookOption.Create();
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var command = new Command("serve", "Run Baton: API under /api, webhooks, pages, clocks and the outbox. Configuration: appsettings.json, BATON-style environment variables (Database__Provider=postgres), or --Key=Value.")
        {
            playbook, urls,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var dir = PlaybookOption.Resolve(parse.GetValue(playbook));
            var loaded = PlaybookLoader.Load(dir);
            if (!loaded.Ok)
            {
                foreach (var e in loaded.Errors) output.Error.WriteLine(e);
                return ExitCodes.BadInput;
            }
            var app = BatonWeb.Build([.. parse.UnmatchedTokens, $"--urls={parse.GetValue(urls)}"], new PlaybookContext(loaded.Playbook!, dir));
            await BatonWeb.MigrateAsync(app, ct);
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
