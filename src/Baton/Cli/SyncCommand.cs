using System.CommandLine;
using System.Globalization;
using Baton.Core.Integrations.HubSpot;
using Baton.Core.Playbook;
using Baton.Web;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Baton.Cli;

/// <summary>
/// <c>baton sync hubspot --since DATE</c>: backfills Baton's database with the portal's deals, so the dashboard has
/// history on the first day. Configuration as for <c>serve</c> (database and HubSpot settings).
/// </summary>
internal static class SyncCommand
{
    public static Command Create(CliOutput output)
    {
        var playbook = PlaybookOption.Create();
        var since = SinceOption();
        var hubspot = new Command("hubspot",
            "Bring in every HubSpot deal modified since DATE, with its stage and handoff values, without gating or handing off the past. "
            + "Pages through the search API and past its 10,000-result cap; running it again changes nothing. Settings as for serve (--HubSpot:AccessToken=…, --Database:ConnectionString=…).")
        {
            playbook, since,
        };
        hubspot.TreatUnmatchedTokensAsErrors = false;
        hubspot.SetAction((parse, ct) => RunAsync(PlaybookOption.Resolve(parse.GetValue(playbook)), parse.GetValue(since)!, parse.UnmatchedTokens, output, ct));
        return new Command("sync", "Backfill Baton from a CRM.") { hubspot };
    }

    public static Option<string> SinceOption() => new("--since")
    {
        Description = "The earliest modification to bring in: a date (2026-01-01) or an ISO 8601 instant, UTC.",
        Required = true,
        HelpName = "DATE",
    };

    /// <summary>The instant of <c>--since</c>, or why it is not one.</summary>
    public static DateTimeOffset? ParseSince(string value, CliOutput output, string name)
    {
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)) return at;
        output.Error.WriteLine($"{name}: --since '{value}' is not a date; write it as 2026-01-01 or 2026-01-01T00:00:00Z");
        return null;
    }

    private static async Task<int> RunAsync(string directory, string sinceText, IReadOnlyList<string> settings, CliOutput output, CancellationToken ct)
    {
        const string name = "baton sync hubspot";
        if (ParseSince(sinceText, output, name) is not { } since) return ExitCodes.BadInput;
        var loaded = PlaybookLoader.Load(directory);
        if (!loaded.Ok)
        {
            foreach (var e in loaded.Errors) output.Error.WriteLine(e);
            return ExitCodes.BadInput;
        }
        await using var app = BatonWeb.Build([.. settings], new PlaybookContext(loaded.Playbook!, directory), runPumps: false);
        if (string.IsNullOrWhiteSpace(app.Services.GetRequiredService<IOptions<HubSpotOptions>>().Value.AccessToken))
        {
            output.Error.WriteLine($"{name}: HubSpot:AccessToken is not set; give it as HubSpot__AccessToken or --HubSpot:AccessToken=…");
            return ExitCodes.BadInput;
        }
        await BatonWeb.MigrateAsync(app, ct);
        var backfill = app.Services.GetRequiredService<HubSpotBackfill>();
        try
        {
            var summary = output.ErrorIsTerminal
                ? await WithBarAsync(output, t => backfill.RunAsync(since, t, ct))
                : await backfill.RunAsync(since, new Progress<HubSpotSearchProgress>(_ => { }), ct);
            output.Out.WriteLine($"{summary.Read} deals read from HubSpot: {summary.Created} new, {summary.Updated} updated, {summary.Unchanged} unchanged"
                + (summary.OtherPipelines > 0 ? $", {summary.OtherPipelines} in stages the playbook does not name (skipped)" : ""));
            return ExitCodes.Ok;
        }
        catch (HubSpotRequestException e)
        {
            output.Error.WriteLine($"{name}: {e.Message}");
            return e.HttpStatus is 401 or 403 ? ExitCodes.BadInput : ExitCodes.Findings;
        }
    }

    /// <summary>A bar over HubSpot's count for the current search window.</summary>
    internal static async Task<T> WithBarAsync<T>(CliOutput output, Func<IProgress<HubSpotSearchProgress>, Task<T>> work)
    {
        T result = default!;
        await output.Ansi(output.Error, terminal: true).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Reading deals from HubSpot", maxValue: 1);
                // Each search window reports its own total, counted from where the window starts.
                int queries = 0, fetchedBefore = 0;
                result = await work(new Progress<HubSpotSearchProgress>(p =>
                {
                    if (p.Queries != queries) (queries, fetchedBefore) = (p.Queries, p.Fetched);
                    task.MaxValue = Math.Max(p.Fetched, fetchedBefore + p.QueryTotal);
                    task.Value = p.Fetched;
                    task.Description = $"Reading deals from HubSpot ({p.Fetched:N0})";
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }
}
