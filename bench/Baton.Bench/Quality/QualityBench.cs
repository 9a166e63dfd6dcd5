using System.Diagnostics;
using System.Runtime.InteropServices;
using Baton.Core.Audit;
using Baton.Core.Playbook;
using Baton.Domain.Fields;
using Baton.Domain.Quality;
using Sylvan.Data.Csv;

namespace Baton.Bench.Quality;

/// <summary>
/// <c>quality EXPORT [ROWS] [PLAYBOOK]</c>: times <see cref="FieldQuality.Check"/> per field over the closed-won values
/// of a real or generated export, without and with a <see cref="VerdictCache"/>, in ns per value.
/// </summary>
/// <remarks>
/// Values are read into memory first, so only the checks are timed. Each figure is thread CPU time, the best of several
/// passes, as the machine is shared. The cached pass starts from an empty cache, so its misses are counted in; generated
/// exports repeat phrases far more than real ones, so the uncached figure is the one that holds for unique text.
/// </remarks>
internal static class QualityBench
{
    private const int Passes = 5;

    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: quality EXPORT.csv [ROWS=50000] [PLAYBOOK_DIR=playbooks/default]");
            return 2;
        }
        var maxRows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
        var playbook = PlaybookLoader.Load(args.Length > 2 ? args[2] : Path.Combine("playbooks", "default")).Playbook
            ?? throw new InvalidOperationException("the playbook does not load");
        var manifest = playbook.Fields;
        var deals = ReadClosedWon(args[0], playbook, maxRows);
        Console.WriteLine($"{deals.Count} closed-won deals from {args[0]}");
        Console.WriteLine($"{"field",-30} {"type",-12} {"no cache",10} {"cache",10} {"hit rate",9}");

        // Run everything a few times and give the JIT a moment, so tier-0 code is not what gets timed.
        for (var warm = 0; warm < 3; warm++)
        {
            foreach (var field in manifest.Fields)
            {
                Time(field, deals, manifest, null);
                Time(field, deals, manifest, new VerdictCache());
            }
            Thread.Sleep(300);
        }

        double totalPlain = 0, totalCached = 0;
        foreach (var field in manifest.Fields)
        {
            var plain = Best(() => Time(field, deals, manifest, null));
            VerdictCache? last = null;
            var cached = Best(() => Time(field, deals, manifest, last = new VerdictCache()));
            var lookups = last!.Hits + last.Misses;
            totalPlain += plain;
            totalCached += cached;
            Console.WriteLine($"{field.Key,-30} {field.Type,-12} {plain,7:F0} ns {cached,7:F0} ns {(lookups == 0 ? "-" : $"{100.0 * last.Hits / lookups:F1}%"),9}");
        }
        Console.WriteLine($"{"all fields, per deal",-43} {totalPlain,7:F0} ns {totalCached,7:F0} ns");

        // As the audit judges: deal by deal, every field, one cache shared by all fields.
        VerdictCache? shared = null;
        var plainDeal = Best(() => TimeDeals(deals, manifest, null));
        var cachedDeal = Best(() => TimeDeals(deals, manifest, shared = new VerdictCache()));
        var sharedLookups = shared!.Hits + shared.Misses;
        Console.WriteLine($"{"deal by deal, one shared cache",-43} {plainDeal,7:F0} ns {cachedDeal,7:F0} ns {100.0 * shared.Hits / sharedLookups,8:F1}%");
        return 0;
    }

    private static double Best(Func<double> run)
    {
        var best = double.MaxValue;
        for (var i = 0; i < Passes; i++) best = Math.Min(best, run());
        return best;
    }

    /// <summary>ns per value of one field over every deal, including blanks, as the gate sees them.</summary>
    private static double Time(FieldDefinition field, List<FieldValues> deals, FieldManifest manifest, VerdictCache? cache)
    {
        var bad = 0;
        var start = ThreadCpuNs();
        foreach (var deal in deals)
            if (!FieldQuality.Check(field, deal.Get(field.Ordinal), deal, manifest, cache).IsOk) bad++;
        var ns = (double)(ThreadCpuNs() - start) / deals.Count;
        GC.KeepAlive(bad);
        return ns;
    }

    /// <summary>CPU time of this thread: other processes share the cores, so wall time would time them too.</summary>
    private static long ThreadCpuNs()
    {
        if (!OperatingSystem.IsLinux()) return Stopwatch.GetTimestamp() * (1_000_000_000 / Stopwatch.Frequency);
        clock_gettime(ClockThreadCpuTime, out var ts);
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private static double TimeDeals(List<FieldValues> deals, FieldManifest manifest, VerdictCache? cache)
    {
        var bad = 0;
        var fields = manifest.Fields;
        var start = ThreadCpuNs();
        foreach (var deal in deals)
            foreach (var field in fields)
                if (!FieldQuality.Check(field, deal.Get(field.Ordinal), deal, manifest, cache).IsOk) bad++;
        var ns = (double)(ThreadCpuNs() - start) / deals.Count;
        GC.KeepAlive(bad);
        return ns;
    }

    private static List<FieldValues> ReadClosedWon(string path, Domain.Playbook.Playbook playbook, int maxRows)
    {
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        var headers = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        var schema = CrmExportSchema.Detect(path, headers, playbook.Fields);
        var won = playbook.WonStage;
        var deals = new List<FieldValues>();
        while (deals.Count < maxRows && csv.Read())
        {
            var stage = csv.GetString(schema.Stage).Trim();
            if (!stage.Equals(won.Name, StringComparison.OrdinalIgnoreCase) && !stage.Equals(won.HubSpotId, StringComparison.OrdinalIgnoreCase)
                && !stage.Equals(won.SalesforceName, StringComparison.OrdinalIgnoreCase))
                continue;
            var values = new string?[playbook.Fields.Fields.Count];
            for (var f = 0; f < values.Length; f++)
                values[f] = schema.FieldColumns[f] < 0 ? null : csv.GetString(schema.FieldColumns[f]);
            deals.Add(new FieldValues(values));
        }
        return deals;
    }
}
