using System.CommandLine;
using System.Globalization;
using Baton.Core.Demo;
using Baton.Core.Playbook;
using Baton.Web;

namespace Baton.Cli;

/// <summary>
/// <c>baton demo</c>: a fresh SQLite file, six months of simulated deals and handoffs generated through the real use cases,
/// then the server on real time. Nothing outside is contacted: every message goes to the in-app feed.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Six months: enough close months for every dashboard trend to have a shape.</summary>
    public const int Weeks = 26;

    public static Command Create(CliOutput output)
    {
        var playbook = PlaybookOption.Create();
        var port = new Option<int>("--port") { Description = "Port to listen on (127.0.0.1).", DefaultValueFactory = _ => 5080 };
        var data = new Option<string>("--data") { Description = "Directory for the demo's SQLite file; a new file each run.", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine("data", "demo") };
        var deals = new Option<int>("--deals") { Description = "How many deals to generate.", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data set for the same end instant.", DefaultValueFactory = _ => 7 };
        var command = new Command("demo", "Generate a realistic data set (deals, gate refusals, handoffs, missed clocks, rejections, ratings) and serve it on http://127.0.0.1:5080.")
        {
            playbook, port, data, deals, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(deals);
            var listen = parse.GetValue(port);
            if (count is < 1 or > 100_000)
            {
                output.Error.WriteLine("baton demo: --deals must be between 1 and 100000");
                return ExitCodes.BadInput;
            }
            if (listen is < 0 or > 65535)
            {
                output.Error.WriteLine("baton demo: --port must be between 0 and 65535");
                return ExitCodes.BadInput;
            }
            var dir = PlaybookOption.Resolve(parse.GetValue(playbook));
            var loaded = PlaybookLoader.Load(dir);
            if (!loaded.Ok)
            {
                foreach (var e in loaded.Errors) output.Error.WriteLine(e);
                return ExitCodes.BadInput;
            }

            var end = TimeProvider.System.GetUtcNow();
            var folder = Path.GetFullPath(parse.GetValue(data)!);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"baton-demo-{end.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.db");
            var clock = new DemoClock(end);
            var url = $"http://127.0.0.1:{listen}";
            var app = BatonWeb.Build([$"--urls={url}"], new PlaybookContext(loaded.Playbook!, dir),
                builder =>
                {
                    builder.Services.AddSingleton<TimeProvider>(clock);
                },
                settings: new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "sqlite",
                    ["Database:ConnectionString"] = $"Data Source={file}",
                    // Thousands of simulated deliveries would drown the terminal; warnings still show.
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
                    // Signs a loopback visitor in as a demo person, with a switcher in the header.
                    ["Baton:Demo"] = "true",
                });
            await BatonWeb.MigrateAsync(app, ct);

            output.Out.WriteLine($"Generating {count} deals over the last {Weeks} weeks (seed {parse.GetValue(seed)}) into {file} …");
            var summary = await new DemoGenerator(app.Services, clock).GenerateAsync(new DemoOptions(count, parse.GetValue(seed), end, Weeks), ct);
            clock.Release();
            await Web.Access.DemoSignIn.SeedAsync(app.Services, ct);

            output.Out.WriteLine();
            output.Out.WriteLine(Describe(summary));
            output.Out.WriteLine();
            output.Out.WriteLine($"Baton is running on {url}/dashboard: you are signed in as Maria Lopez (CS lead); switch person (AE, CSM, admin) from the page header.");
            foreach (var (path, what) in new[]
            {
                ("/dashboard", "handoff quality dashboard (the landing page)"), ("/handoffs", "handoffs"), ("/feed", "in-app feed (NOT sent to Slack)"), ("/api/handoffs", "handoffs"),
                ("/api/metrics/handoffs", "metrics"), ("/api/deals", "deals"), ("/openapi/v1.json", "OpenAPI document"),
            })
                output.Out.WriteLine($"  {url}{path,-24} {what}");
            output.Out.WriteLine("Press Ctrl+C to stop.");
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static string Describe(DemoSummary s)
    {
        var states = string.Join(", ", s.HandoffStates.OrderByDescending(x => x.Value).Select(x => $"{x.Value} {x.Key}"));
        return $"Generated {s.Deals} deals ({string.Join(", ", s.DealStages.OrderByDescending(x => x.Value).Select(x => $"{x.Value} {x.Key}"))}) " +
               $"and {s.Handoffs} handoffs ({states}). The gate refused {s.GateRefusals} stage moves that were then fixed; " +
               $"{s.MissedClocks} clocks were missed and escalated; CSMs rejected {s.Rejections} handoffs back to their AEs. " +
               $"{s.FeedMessages} messages are in the in-app feed: Slack is not configured, so they were NOT sent to Slack. " +
               $"({s.Actions} simulated actions and {s.Deliveries} deliveries in {s.Elapsed.TotalSeconds:0.0} s, {s.Cpu.TotalSeconds:0.0} s of CPU.)";
    }
}
