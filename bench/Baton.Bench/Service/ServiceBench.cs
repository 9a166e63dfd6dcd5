using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Handoffs;
using Baton.Core.Playbook;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Baton.Core;
using Microsoft.Extensions.Hosting;

namespace Baton.Bench.Service;

/// <summary>
/// <c>bench service</c>: a Release <c>baton serve</c> child on SQLite, a loopback stand-in for Slack, and closed-won
/// events driven over HTTP. Measures close → outbound message latency at 50/s, request acknowledgment at 50/s and in
/// bursts of 1,000, and throughput one per request and 100 at a time, each next to one bare SQLite commit.
/// </summary>
internal static partial class ServiceBench
{
    private const string WonStage = "Closed Won";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = FindRoot();
        var dll = Option(args, "--baton") ?? Path.Combine(root, "src", "Baton", "bin", "Release", "net10.0", "baton.dll");
        var rate = int.Parse(Option(args, "--rate") ?? "50", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        var poll = Option(args, "--poll"); // Outbox:PollInterval for the child; unset = the service's default
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"{dll} not found: run `dotnet build src/Baton -c Release` first, or pass --baton PATH");
            return 2;
        }

        var dir = Directory.CreateTempSubdirectory("baton-bench-");
        try
        {
            var playbookDir = Path.Combine(root, "playbooks", "default");
            await using var slack = await SlackStandIn.StartAsync();
            var file = Path.Combine(dir.FullName, "baton.db");
            var settings = new Dictionary<string, string>
            {
                ["Database:ConnectionString"] = $"Data Source={file}",
                ["Slack:ApiBaseUrl"] = slack.BaseUrl,
                ["Slack:BotToken"] = "xoxb-bench",
                // The stand-in has no limits, and the target is the time until the request leaves Baton, not Slack's pace.
                ["Slack:PaceCalls"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:Console:FormatterName"] = "simple",
                ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            };
            if (poll is not null) settings["Outbox:PollInterval"] = poll;

            var steady = rate * seconds;
            const int warmup = 300, burst = 1_000, single = 3_000, batched = 3_000, batch = 100;
            using var baton = await BatonChild.StartAsync(dll, playbookDir, settings);
            var ids = await SeedAsync(file, playbookDir, warmup + steady + burst + single + batched);
            var commit = CommitBaseline(Path.Combine(dir.FullName, "baseline.db"), 2_000);

            var offset = 0;
            string[] Take(int n) { var taken = ids[offset..(offset + n)]; offset += n; return taken; }

            // Warm-up (JIT, pools, caches), timed as the cost of one close with nothing else going on.
            var alone = await SequentialAsync(baton, Take(warmup));
            await Task.Delay(1_000);
            var paced = await PacedAsync(baton, slack, Take(steady), rate);
            await Task.Delay(1_000); // let the pump drain before the next phase
            var bursted = await BurstAsync(baton, Take(burst));
            await Task.Delay(1_000);
            var oneByOne = await ThroughputAsync(baton, Take(single), clients: 16);
            await Task.Delay(1_000);
            var hundreds = await BatchesAsync(baton, Take(batched), batch);

            Print(rate, seconds, poll, alone, paced, bursted, oneByOne, hundreds, commit, slack.Received);
            return paced.Failures + bursted.Failures + oneByOne.Failures + hundreds.Failures == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Deals at the stage before the win, every field filled from the manifest's examples, created through the API's own use case.</summary>
    private static async Task<string[]> SeedAsync(string file, string playbookDir, int count)
    {
        var playbook = PlaybookContext.Load(playbookDir);
        var fields = playbook.Playbook.Fields.Fields.Where(f => f.Example.Length > 0).ToDictionary(f => f.Key, f => (string?)f.Example);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Database:ConnectionString"] = $"Data Source={file}";
        builder.AddBaton(playbook, runPumps: false);
        using var host = builder.Build();
        var ids = Enumerable.Range(0, count).Select(i => $"bench-{i:D6}").ToArray();
        var clock = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            var created = await host.Services.DealAsync<CreateDeal>(d => d.RunAsync(new NewDeal(id, $"Deal {id}", $"Company {id}", "Contract Sent", "rachel.goldberg", 48_000m, null, null, fields), "bench", "import", CancellationToken.None));
            if (created is not DealResult.Ok) throw new InvalidOperationException($"seeding {id}: {created}");
        }
        Console.Error.WriteLine($"seeded {count} deals in {clock.Elapsed.TotalSeconds:F1} s");
        return ids;
    }

    /// <summary>One insert + commit of an outbox-sized row, WAL and synchronous=NORMAL as Baton sets them: the floor under any durable close.</summary>
    internal static Stats CommitBaseline(string file, int count)
    {
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
                CREATE TABLE outbox (Id INTEGER PRIMARY KEY, IdempotencyKey TEXT NOT NULL UNIQUE, DealId TEXT NOT NULL, Channel TEXT NOT NULL,
                  Kind TEXT NOT NULL, Payload TEXT NOT NULL, Status TEXT NOT NULL, CreatedAtUtc TEXT NOT NULL, NextAttemptAtUtc TEXT NOT NULL);
                CREATE INDEX ix_status ON outbox (Status, NextAttemptAtUtc);
                """;
            setup.ExecuteNonQuery();
        }
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var tx = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO outbox (IdempotencyKey, DealId, Channel, Kind, Payload, Status, CreatedAtUtc, NextAttemptAtUtc) VALUES ($k, $d, 'slack', 'post', '{\"kind\":\"Handoff\"}', 'pending', '2026-11-22 15:00:00', '2026-11-22 15:00:00')";
            insert.Parameters.AddWithValue("$k", $"deal-{i}:v1:0");
            insert.Parameters.AddWithValue("$d", $"deal-{i}");
            insert.ExecuteNonQuery();
            tx.Commit();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Stats.Of(samples, 0);
    }

    private static async Task<Stats> SequentialAsync(BatonChild baton, string[] ids)
    {
        var samples = new List<double>();
        var failures = 0;
        foreach (var id in ids)
        {
            var t0 = Stopwatch.GetTimestamp();
            if (await CloseAsync(baton, id)) samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            else failures++;
        }
        return Stats.Of([.. samples.TakeLast(200)], failures);
    }

    /// <summary>(a) and (b): an open loop at a fixed rate; each close is timed to its response and to its post leaving Baton.</summary>
    private static async Task<Paced> PacedAsync(BatonChild baton, SlackStandIn slack, string[] ids, int rate)
    {
        var sentAt = new ConcurrentDictionary<string, long>();
        var acks = new ConcurrentBag<double>();
        var failures = 0;
        var start = Stopwatch.GetTimestamp();
        var inflight = new List<Task>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / (double)rate);
            while (Stopwatch.GetTimestamp() < due - Stopwatch.Frequency / 1000) await Task.Delay(1);
            while (Stopwatch.GetTimestamp() < due) Thread.SpinWait(50);
            var id = ids[i];
            inflight.Add(Task.Run(async () =>
            {
                var t0 = Stopwatch.GetTimestamp();
                sentAt[id] = t0;
                if (await CloseAsync(baton, id)) acks.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                else Interlocked.Increment(ref failures);
            }));
        }
        await Task.WhenAll(inflight);
        var offeredSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        // Wait (bounded) for every post to leave.
        var until = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (ids.Any(id => !baton.LeftAt.ContainsKey(id) && !slack.ArrivedAt.ContainsKey(id)) && Stopwatch.GetTimestamp() < until) await Task.Delay(50);
        var toSlack = ids.Where(slack.ArrivedAt.ContainsKey).Select(id => Stopwatch.GetElapsedTime(sentAt[id], slack.ArrivedAt[id]).TotalMilliseconds).ToArray();
        var handedOver = ids.Where(baton.LeftAt.ContainsKey).Select(id => Stopwatch.GetElapsedTime(sentAt[id], baton.LeftAt[id]).TotalMilliseconds).ToArray();
        return new Paced(Stats.Of([.. acks], failures), Stats.Of(toSlack, ids.Length - toSlack.Length), Stats.Of(handedOver, ids.Length - handedOver.Length), ids.Length / offeredSeconds, failures);
    }

    /// <summary>(b): a thousand closes sent at once; each acknowledgment is timed from the moment the burst starts.</summary>
    private static async Task<Burst> BurstAsync(BatonChild baton, string[] ids)
    {
        var acks = new ConcurrentBag<double>();
        var failures = 0;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            if (await CloseAsync(baton, id)) acks.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            else Interlocked.Increment(ref failures);
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new Burst(Stats.Of([.. acks], failures), ids.Length / seconds, failures);
    }

    /// <summary>(c): closed loop, a fixed number of clients each sending its next close when the last one is answered.</summary>
    private static async Task<Throughput> ThroughputAsync(BatonChild baton, string[] ids, int clients)
    {
        var next = -1;
        var failures = 0;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Length)
                if (!await CloseAsync(baton, ids[i])) Interlocked.Increment(ref failures);
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new Throughput(ids.Length / seconds, seconds, failures);
    }

    /// <summary>(c), batches: there is no batch endpoint, so a batch is 100 requests in flight at once; the next starts when all are answered.</summary>
    private static async Task<Throughput> BatchesAsync(BatonChild baton, string[] ids, int size)
    {
        var failures = 0;
        var start = Stopwatch.GetTimestamp();
        foreach (var chunk in ids.Chunk(size))
        {
            var ok = await Task.WhenAll(chunk.Select(id => Task.Run(() => CloseAsync(baton, id))));
            failures += ok.Count(x => !x);
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new Throughput(ids.Length / seconds, seconds, failures);
    }

    private static async Task<bool> CloseAsync(BatonChild baton, string id)
    {
        try
        {
            using var response = await baton.Http.PostAsJsonAsync($"api/deals/{id}/stage", new { stage = WonStage, actor = "bench" });
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static void Print(int rate, int seconds, string? poll, Stats alone, Paced paced, Burst burst, Throughput single, Throughput batched, Stats commit, int slackRequests)
    {
        var commitsPerSecond = 1000 / commit.Mean;
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Outbox:PollInterval {poll ?? "default (200 ms)"}; {rate}/s for {seconds} s offered at {paced.OfferedRate:F1}/s; stand-in Slack received {slackRequests} requests");
        s.AppendLine();
        s.AppendLine("| measure | result | target | baseline: one SQLite commit (WAL, NORMAL) |");
        s.AppendLine("|---|---|---|---|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| one close, one client, nothing else running (last 200 of {alone.Count + alone.Missing} warm-up closes) | {Latency(alone)} | — | ×{alone.P50 / commit.P50:F0} at p50 |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| close → Slack request at the stand-in, {rate}/s | {Latency(paced.ToSlack)} | p99 < 50 ms | p50 {commit.P50:F3} ms |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| close → post handed to delivery (pump log line), {rate}/s | {Latency(paced.HandedOver)} | (proxy for the line above) | ×{paced.HandedOver.P99 / commit.P50:F0} at p99 |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| acknowledgment, {rate}/s | {Latency(paced.Ack)} | p99 < 20 ms | ×{paced.Ack.P99 / commit.P50:F0} at p99 |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| acknowledgment, burst of 1,000 (from burst start) | {Latency(burst.Ack)}; {burst.Rate:F0}/s | p99 < 100 ms | ×{burst.Ack.P99 / commit.P50:F0} at p99 |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| closes/s, one per request, 16 clients | {single.Rate:F0}/s ({single.Seconds:F1} s) | ≥ 600/s | {commitsPerSecond:F0} commits/s (×{commitsPerSecond / single.Rate:F1}) |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| closes/s, 100 requests in flight per batch | {batched.Rate:F0}/s ({batched.Seconds:F1} s) | ≥ 7,000/s | {commitsPerSecond:F0} commits/s (×{commitsPerSecond / batched.Rate:F1}) |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| one SQLite commit (insert + commit), 2,000 times | p50 {commit.P50:F3} ms, p99 {commit.P99:F3} ms, mean {commit.Mean:F3} ms | — | — |");
        Console.Write(s.ToString());
    }

    private static string Latency(Stats s) =>
        s.Count == 0 ? $"n/a (0 of {s.Missing} arrived)" : $"p50 {s.P50:F1} ms, p99 {s.P99:F1} ms (n={s.Count}{(s.Missing > 0 ? $", {s.Missing} missing" : "")})";

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Baton.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    private sealed record Paced(Stats Ack, Stats ToSlack, Stats HandedOver, double OfferedRate, int Failures);
    private sealed record Burst(Stats Ack, double Rate, int Failures);
    private sealed record Throughput(double Rate, double Seconds, int Failures);

    internal sealed record Stats(int Count, int Missing, double P50, double P99, double Mean)
    {
        public static Stats Of(double[] samples, int missing)
        {
            if (samples.Length == 0) return new Stats(0, missing, double.NaN, double.NaN, double.NaN);
            Array.Sort(samples);
            double At(double q) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(q * samples.Length) - 1)];
            return new Stats(samples.Length, missing, At(0.50), At(0.99), samples.Average());
        }
    }
}
