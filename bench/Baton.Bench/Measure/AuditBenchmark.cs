using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Baton.Bench.Generate;

namespace Baton.Bench.Measure;

/// <summary>
/// The <c>audit</c> subcommand: times <c>baton audit</c> against the bare Sylvan read of the same
/// file, each as a child process, and checks the targets in DESIGN.md.
/// </summary>
internal static class AuditBenchmark
{
    private const double TargetSeconds = 1.5;
    private const double TargetRatio = 0.5;
    private const double TargetRssMb = 100;
    private const long TimedTargetRows = 900_000;

    private sealed record Series(string Name, List<ChildResult> Runs)
    {
        public double MedianWall => Median(Runs.Select(r => r.WallSeconds));
        public double MedianCpu => Median(Runs.Select(r => r.CpuSeconds));
        public double BestWall => Runs.Min(r => r.WallSeconds);
        public double PeakRssMb => Runs.Max(r => r.MaxRssKiB) / 1024.0;
        /// <summary>Marks a figure that came from polling rather than getrusage (see ChildRun).</summary>
        public string RssNote => Runs.Any(r => r.RssSource != "getrusage") ? " (polled)" : "";
    }

    private sealed record FileResult(string Path, long Bytes, long Rows, Series Baseline, Series Audit);

    public static int Run(Args args)
    {
        var files = args.All("file").ToList();
        if (files.Count == 0)
            throw new UsageException("audit: --file is required");
        var runs = (int)Math.Max(1, args.Long("runs", 3));
        var smallRows = args.Long("small-rows", 100_000);
        var baton = args.Get("baton");
        var standIn = args.Get("audit-command");
        if (baton is null == standIn is null)
            throw new UsageException("audit: give exactly one of --baton PATH or --audit-command \"TEMPLATE\"");

        foreach (var f in files)
        {
            if (!File.Exists(f))
                throw new UsageException($"audit: no such file: {f} (make one with the generate subcommand)");
        }
        var viaDotnet = baton is not null && baton.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var self = SelfLauncher(preferDotnet: viaDotnet);
        if (smallRows > 0)
            files.Add(EnsureSmallFile(files[0], smallRows));

        Console.WriteLine($"runs: {runs} per command, after one warm-up run each; launcher: {string.Join(' ', self)}");
        var loadBefore = LoadAverage();
        Console.WriteLine($"load average before: {loadBefore}");
        var results = new List<FileResult>();
        foreach (var file in files)
        {
            string[] baselineCmd = [.. self, "read-csv", file];
            string[] auditCmd = baton is not null
                ? [.. viaDotnet ? [DotnetHost(), baton] : new[] { baton }, "audit", file, "--format", "json", "--out", "/dev/null"]
                : ExpandTemplate(standIn!, self, file);
            Console.WriteLine($"\n{file}");
            Console.WriteLine($"  baseline: {string.Join(' ', baselineCmd)}");
            Console.WriteLine($"  audit:    {string.Join(' ', auditCmd)}");

            var baseline = new Series("baseline", []);
            var audit = new Series("audit", []);
            // Warm-up: pulls the file into the page cache and fails fast on a broken command. For
            // baton the warm-up writes its report to a real file, to prove the audit produced one:
            // exit code 1 means "findings" as well as "failure", so the code alone cannot tell.
            Check(ChildRun.MeasureInWrapper(self, baselineCmd), "read-csv baseline");
            if (baton is not null)
                WarmUpAndVerify(self, auditCmd);
            else
                Check(ChildRun.MeasureInWrapper(self, auditCmd), "audit");
            for (var i = 0; i < runs; i++)
            {
                baseline.Runs.Add(Check(ChildRun.MeasureInWrapper(self, baselineCmd), "read-csv baseline"));
                audit.Runs.Add(Check(ChildRun.MeasureInWrapper(self, auditCmd), "audit"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {i + 1}: baseline {baseline.Runs[^1].WallSeconds:F3} s ({baseline.Runs[^1].CpuSeconds:F2} s CPU) {baseline.Runs[^1].MaxRssKiB / 1024.0:F1} MB; audit {audit.Runs[^1].WallSeconds:F3} s ({audit.Runs[^1].CpuSeconds:F2} s CPU) {audit.Runs[^1].MaxRssKiB / 1024.0:F1} MB"));
            }
            results.Add(new FileResult(file, new FileInfo(file).Length, RowsFrom(baseline.Runs[0].Stdout), baseline, audit));
        }

        var loadAfter = LoadAverage();
        Console.WriteLine();
        Console.WriteLine(Report(results, standIn is not null ? $"stand-in: {standIn}" : "baton audit", standIn is not null));
        Console.WriteLine($"load average (1, 5, 15 min) before: {loadBefore}; after: {loadAfter}");
        if (double.TryParse(loadAfter.Split(' ')[0], CultureInfo.InvariantCulture, out var load1) && load1 > Environment.ProcessorCount)
            Console.WriteLine($"warning: the machine was busy (1-minute load {load1} on {Environment.ProcessorCount} CPUs); wall times are inflated, CPU seconds less so");
        return 0;
    }

    private static void WarmUpAndVerify(string[] self, string[] auditCmd)
    {
        var report = Path.Combine(Path.GetTempPath(), $"baton-bench-{Environment.ProcessId}.json");
        try
        {
            var cmd = auditCmd.ToArray();
            cmd[^1] = report; // the command ends with "--out /dev/null"
            var r = Check(ChildRun.MeasureInWrapper(self, cmd), "audit");
            var head = File.Exists(report) ? File.ReadLines(report).FirstOrDefault()?.TrimStart() ?? "" : "";
            if (!head.StartsWith('{') && !head.StartsWith('['))
            {
                Console.Error.WriteLine($"baton audit exited {r.ExitCode} but wrote no JSON report to --out; its stderr:");
                Console.Error.WriteLine(r.Stderr.Length == 0 ? "(empty)" : r.Stderr);
                throw new BenchFailure("baton audit produced no report");
            }
            Console.WriteLine($"  warm-up: exit {r.ExitCode}, JSON report of {new FileInfo(report).Length:N0} bytes");
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static ChildResult Check(ChildResult r, string what)
    {
        if (r.ExitCode is 0 or 1 && what == "audit")
            return r; // exit 1 is "findings" (deals failing the gate); the warm-up checked a report came out
        if (r.ExitCode == 0)
            return r;
        Console.Error.WriteLine($"{what} exited with {r.ExitCode}; its stderr:");
        Console.Error.WriteLine(r.Stderr.Length == 0 ? "(empty)" : r.Stderr);
        throw new BenchFailure($"{what} failed with exit code {r.ExitCode}");
    }

    private static string Report(List<FileResult> results, string auditLabel, bool standIn)
    {
        var verdictPrefix = standIn ? "stand-in, " : "";
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"audit command: {auditLabel}");
        sb.AppendLine();
        sb.AppendLine("| file | size MB | rows | baseline s | baseline MB/s | audit s | audit MB/s | throughput ratio | baseline RSS MB | audit RSS MB | baseline CPU s | audit CPU s |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var mb = r.Bytes / 1e6;
            var b = r.Baseline.MedianWall;
            var a = r.Audit.MedianWall;
            sb.AppendLine(inv,
                $"| {Path.GetFileName(r.Path)} | {mb:F1} | {r.Rows:N0} | {b:F3} | {mb / b:F0} | {a:F3} | {mb / a:F0} | {b / a:F2} | {r.Baseline.PeakRssMb:F1}{r.Baseline.RssNote} | {r.Audit.PeakRssMb:F1}{r.Audit.RssNote} | {r.Baseline.MedianCpu:F2} | {r.Audit.MedianCpu:F2} |");
        }
        sb.AppendLine();
        sb.AppendLine("Times are medians; RSS is the largest of the runs, from getrusage unless marked (polled).");
        sb.AppendLine(inv, $"Fastest of the {results[0].Baseline.Runs.Count} runs (least disturbed by other load on the machine):");
        foreach (var r in results)
            sb.AppendLine(inv, $"- {Path.GetFileName(r.Path)}: baseline {r.Baseline.BestWall:F3} s ({r.Bytes / 1e6 / r.Baseline.BestWall:F0} MB/s), audit {r.Audit.BestWall:F3} s ({r.Bytes / 1e6 / r.Audit.BestWall:F0} MB/s)");
        sb.AppendLine();
        sb.AppendLine("| target | file | measured | result |");
        sb.AppendLine("|---|---|---:|---|");
        foreach (var r in results)
        {
            var name = Path.GetFileName(r.Path);
            var a = r.Audit.MedianWall;
            var ratio = r.Baseline.MedianWall / a;
            if (r.Rows >= TimedTargetRows)
                sb.AppendLine(inv, $"| audit < {TargetSeconds} s | {name} | {a:F3} s | {verdictPrefix}{(a < TargetSeconds ? "met" : "missed")} |");
            sb.AppendLine(inv, $"| throughput ≥ {TargetRatio} × bare read | {name} | {ratio:F2} | {verdictPrefix}{(ratio >= TargetRatio ? "met" : "missed")} |");
            sb.AppendLine(inv, $"| peak RSS < {TargetRssMb} MB | {name} | {r.Audit.PeakRssMb:F1} MB | {verdictPrefix}{(r.Audit.PeakRssMb < TargetRssMb ? "met" : "missed")} |");
        }
        if (results.Count >= 2)
        {
            var big = results.MaxBy(r => r.Rows)!;
            var small = results.MinBy(r => r.Rows)!;
            sb.AppendLine();
            sb.AppendLine(inv,
                $"memory vs size: audit peak RSS {small.Audit.PeakRssMb:F1} MB at {small.Rows:N0} rows, {big.Audit.PeakRssMb:F1} MB at {big.Rows:N0} rows ({big.Rows / (double)Math.Max(1, small.Rows):F0}x the rows, {big.Audit.PeakRssMb / small.Audit.PeakRssMb:F2}x the memory)");
        }
        sb.AppendLine();
        sb.AppendLine(inv, $"machine: {Environment.ProcessorCount} logical CPUs, {MemTotal()} RAM, {CpuModel()}, .NET {RuntimeInformation.FrameworkDescription.Replace(".NET ", "", StringComparison.Ordinal)}, {RuntimeInformation.OSDescription}");
        return sb.ToString();
    }

    /// <summary>The 100k-row file beside the big one, same flavour, generated once with seed 42.</summary>
    private static string EnsureSmallFile(string bigFile, long rows)
    {
        var flavour = DetectFlavour(bigFile);
        var dir = Path.GetDirectoryName(Path.GetFullPath(bigFile))!;
        var label = rows % 1000 == 0 ? $"{rows / 1000}k" : rows.ToString(CultureInfo.InvariantCulture);
        var path = Path.Combine(dir, $"deals-{label}-{flavour.ToString().ToLowerInvariant()}.csv");
        if (!File.Exists(path))
        {
            Console.WriteLine($"generating {path} ({rows:N0} rows, {flavour}, seed 42) for the memory-vs-size check");
            var playbook = PlaybookFiles.Load(PlaybookFiles.FindDefaultDirectory());
            new ExportGenerator(playbook, flavour, 42).Write(path, rows);
        }
        return path;
    }

    private static Flavour DetectFlavour(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? "";
        return header.StartsWith("Record ID", StringComparison.Ordinal) ? Flavour.HubSpot : Flavour.Salesforce;
    }

    private static string[] ExpandTemplate(string template, string[] self, string file)
    {
        var parts = new List<string>();
        foreach (var token in template.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "{self}")
                parts.AddRange(self);
            else
                parts.Add(token.Replace("{file}", file, StringComparison.Ordinal));
        }
        return [.. parts];
    }

    /// <summary>How to start this bench again: its apphost, or <c>dotnet Baton.Bench.dll</c> when baton runs as a dll.</summary>
    private static string[] SelfLauncher(bool preferDotnet)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Baton.Bench.dll");
        var apphost = Path.Combine(AppContext.BaseDirectory, "Baton.Bench");
        if (!preferDotnet && File.Exists(apphost))
            return [apphost];
        return [DotnetHost(), dll];
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
            return current;
        var fromEnv = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv) ? fromEnv : "dotnet";
    }

    private static long RowsFrom(string stdout)
    {
        foreach (var part in stdout.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("rows=", StringComparison.Ordinal) && long.TryParse(part.AsSpan(5), out var rows))
                return rows;
        }
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string MemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0 / 1024.0:F1} GiB");
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}

/// <summary>A measured command failed; the benchmark stops with exit code 1.</summary>
internal sealed class BenchFailure(string message) : Exception(message);
