using System.Diagnostics;
using Baton.Bench;
using Baton.Bench.Generate;
using Baton.Bench.Measure;
using Baton.Bench.ReadCsv;

const string Usage = """
    Baton.Bench — export generator and audit benchmark (see bench/README.md)

      generate --deals N --format hubspot|salesforce [--seed 42] --out FILE [--playbook DIR]
      read-csv FILE [--buffer-kib 1024]
      audit --file FILE [--file FILE2] (--baton PATH | --audit-command "TEMPLATE") [--runs 3] [--small-rows 100000]
      measure -- COMMAND [ARGS...]
      quality EXPORT [ROWS]    CPU per closed-won deal of the quality checks, with and without the verdict cache
      service [options]        the running service: close → Slack latency, acknowledgment, throughput (see docs/service-benchmarks.md)
      hubspot [options]        HubSpot's signed deal webhooks → Slack card, against stand-ins for HubSpot and Slack (see bench/README.md)
    """;

try
{
    if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
    {
        Console.WriteLine(Usage);
        return args.Length == 0 ? 2 : 0;
    }
    if (args is ["service", .. var serviceArgs]) return await Baton.Bench.Service.ServiceBench.RunAsync(serviceArgs);
    if (args is ["hubspot", .. var hubspotArgs]) return await Baton.Bench.Service.HubSpotBench.RunAsync(hubspotArgs);
    if (args is ["quality", .. var qualityArgs]) return Baton.Bench.Quality.QualityBench.Run(qualityArgs);
    var rest = args.Skip(1).ToArray();
    return args[0] switch
    {
        "generate" => Generate(new Args(rest)),
        "read-csv" => ReadCsv(new Args(rest)),
        "measure" => ChildRun.MeasureHere(rest.Length > 0 && rest[0] == "--" ? rest[1..] : rest),
        "audit" => AuditBenchmark.Run(new Args(rest)),
        _ => throw new UsageException($"unknown subcommand '{args[0]}'\n{Usage}"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (BenchFailure e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

static int Generate(Args a)
{
    var deals = a.Long("deals", 1000);
    var format = a.Get("format") ?? "hubspot";
    var flavour = format.ToLowerInvariant() switch
    {
        "hubspot" => Flavour.HubSpot,
        "salesforce" => Flavour.Salesforce,
        _ => throw new UsageException($"--format must be hubspot or salesforce, got '{format}'"),
    };
    var seed = (int)a.Long("seed", 42);
    var output = a.Required("out");
    var playbook = PlaybookFiles.Load(a.Get("playbook") ?? PlaybookFiles.FindDefaultDirectory());

    var sw = Stopwatch.StartNew();
    var bytes = new ExportGenerator(playbook, flavour, seed).Write(output, deals);
    sw.Stop();
    Console.WriteLine(FormattableString.Invariant(
        $"wrote {output}: {deals:N0} deals, {bytes:N0} bytes ({bytes / 1e6:F1} MB, {bytes / (double)Math.Max(1, deals):F0} bytes/row) in {sw.Elapsed.TotalSeconds:F2} s"));
    return 0;
}

static int ReadCsv(Args a)
{
    if (a.Positional.Count != 1)
        throw new UsageException("usage: read-csv FILE [--buffer-kib 1024]");
    var kib = a.Long("buffer-kib", CsvReadBaseline.DefaultBufferChars / 1024);
    return CsvReadBaseline.Run(a.Positional[0], (int)Math.Clamp(kib, 4, 1 << 20) * 1024);
}
