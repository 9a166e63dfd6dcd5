using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Data;
using Baton.Core.Integrations.HubSpot;
using Baton.Core.Playbook;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static Baton.Bench.Service.ServiceBench;

namespace Baton.Bench.Service;

/// <summary>
/// <c>bench hubspot</c>: a Release <c>baton serve</c> child on SQLite, loopback stand-ins for HubSpot's CRM API and for
/// Slack, and HubSpot's signed deal webhooks driven over HTTP. Measures webhook → Slack card at a sustained rate,
/// acknowledgment at that rate, and closes a second in batches of 100, next to one bare SQLite commit and one bare
/// loopback HTTP round trip measured in the same run; CPU per close and the child's peak working set.
/// </summary>
internal static class HubSpotBench
{
    private const string ClientSecret = "bench-client-secret-0000";
    private const string PublicUrl = "https://baton.bench.example/";
    private const string WebhookUrl = PublicUrl + "webhooks/hubspot";

    public static async Task<int> RunAsync(string[] args)
    {
        var a = new Args(args);
        var root = FindRoot();
        var dll = a.Get("baton") ?? Path.Combine(root, "src", "Baton", "bin", "Release", "net10.0", "baton.dll");
        var rate = (int)a.Long("rate", 50);
        var seconds = (int)a.Long("seconds", 30);
        var batches = (int)a.Long("batches", 5);
        var batchSize = (int)a.Long("batch-size", 100);
        var warmup = (int)a.Long("warmup", 100);
        var drain = (int)a.Long("drain-seconds", 90);
        var poll = a.Get("poll"); // Inbox:PollInterval and Outbox:PollInterval of the child; unset = the service's defaults
        var playbookDir = a.Get("playbook") ?? Path.Combine(root, "playbooks", "default");
        if (batchSize is < 1 or > 100) throw new UsageException("--batch-size must be 1 to 100: HubSpot sends at most 100 events a request");
        if (rate < 1 || seconds < 1) throw new UsageException("--rate and --seconds must be at least 1");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"{dll} not found: run `dotnet build src/Baton -c Release` first, or pass --baton PATH");
            return 2;
        }

        var playbook = PlaybookContext.Load(playbookDir).Playbook;
        var stages = playbook.Stages.Where(s => s.HubSpotId is not null).Select(s => (s.HubSpotId!, s.Name)).ToList();
        var dir = Directory.CreateTempSubdirectory("baton-bench-hubspot-");
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var slack = await SlackStandIn.StartAsync();
            await using var hub = await HubSpotStandIn.StartAsync(playbook.Fields.Fields, playbook.Team.Select(t => (t.Email, t.Name)), stages);
            var paced = rate * seconds;
            var total = warmup + paced + batches * batchSize;
            var ids = Enumerable.Range(0, total).Select(i => (18_000_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToArray();
            for (var i = 0; i < ids.Length; i++) hub.AddDeal(ids[i], (9_000_000_000L + i).ToString(CultureInfo.InvariantCulture));

            var file = Path.Combine(dir.FullName, "baton.db");
            var settings = new Dictionary<string, string>
            {
                ["Database:ConnectionString"] = $"Data Source={file}",
                ["Slack:ApiBaseUrl"] = slack.BaseUrl,
                ["Slack:BotToken"] = "xoxb-bench",
                // The stand-in has no limits, and the target is the time until the request leaves Baton, not Slack's pace.
                ["Slack:PaceCalls"] = "false",
                ["HubSpot:ApiBaseUrl"] = hub.BaseUrl,
                ["HubSpot:AccessToken"] = HubSpotStandIn.AccessToken,
                ["HubSpot:ClientSecret"] = ClientSecret,
                ["HubSpot:PortalId"] = HubSpotStandIn.PortalId.ToString(CultureInfo.InvariantCulture),
                ["Baton:PublicUrl"] = PublicUrl,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:Console:FormatterName"] = "simple",
                ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            };
            if (poll is not null)
            {
                settings["Inbox:PollInterval"] = poll;
                settings["Outbox:PollInterval"] = poll;
            }

            using var baton = await BatonChild.StartAsync(dll, playbookDir, settings);
            var commit = CommitBaseline(Path.Combine(dir.FullName, "baseline.db"), 2_000);
            var loopback = await LoopbackBaselineAsync(hub, 2_000);
            var ready = Stopwatch.GetElapsedTime(started).TotalSeconds;

            var offset = 0;
            string[] Take(int n) { var taken = ids[offset..(offset + n)]; offset += n; return taken; }
            var events = new EventSource();

            // Warm-up (JIT, pools, caches, the owner cache): a light paced load, drained before anything is timed.
            var warm = await PacedAsync(baton, hub, slack, events, Take(warmup), Math.Min(rate, 20), drain);
            await QuietAsync(hub, slack, drain);

            var before = Snapshot(baton, hub, slack);
            var pacedIds = Take(paced);
            var steady = await PacedAsync(baton, hub, slack, events, pacedIds, rate, drain);
            await QuietAsync(hub, slack, drain);
            var afterSteady = Snapshot(baton, hub, slack);

            var batched = await BatchesAsync(baton, slack, events, Take(batches * batchSize), batchSize, drain);
            await QuietAsync(hub, slack, drain);
            var afterBatched = Snapshot(baton, hub, slack);

            var health = await HealthAsync(baton, file, playbookDir, pacedIds);
            baton.Process.Refresh();
            var peakMb = baton.Process.PeakWorkingSet64 / 1e6;
            var report = Report(rate, seconds, batches, batchSize, poll, ready, commit, loopback, warm, steady, batched,
                before, afterSteady, afterBatched, peakMb, health, baton, Stopwatch.GetElapsedTime(started).TotalSeconds);
            Console.Write(report);
            var ok = steady.Failures + batched.Failures == 0 && steady.ToCard.Missing + batched.CardsMissing == 0 && health.Clean && baton.Errors == 0;
            return ok ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>HubSpot's deal events, one <c>dealstage → closedwon</c> change per deal, with unique event ids.</summary>
    private sealed class EventSource
    {
        private long _eventId = 3_816_300_000;

        public byte[] Batch(IEnumerable<string> dealIds)
        {
            var array = new JsonArray();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var id in dealIds)
                array.Add(new JsonObject
                {
                    ["eventId"] = Interlocked.Increment(ref _eventId), ["subscriptionId"] = 109, ["portalId"] = HubSpotStandIn.PortalId, ["appId"] = 54321,
                    ["occurredAt"] = now, ["subscriptionType"] = "deal.propertyChange", ["attemptNumber"] = 0, ["objectId"] = long.Parse(id, CultureInfo.InvariantCulture),
                    ["propertyName"] = "dealstage", ["propertyValue"] = "closedwon", ["changeSource"] = "CRM_UI", ["sourceId"] = "userId:882761034",
                });
            return Encoding.UTF8.GetBytes(array.ToJsonString());
        }
    }

    /// <summary>One signed delivery as HubSpot makes it: v3 signature over POST, the URL it was given, the raw body and the timestamp.</summary>
    private static async Task<bool> DeliverAsync(BatonChild baton, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/hubspot") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(HubSpotSignature.SignatureHeader, HubSpotSignature.Sign(ClientSecret, "POST", WebhookUrl, body, timestamp));
        request.Headers.Add(HubSpotSignature.TimestampHeader, timestamp);
        try
        {
            using var response = await baton.Http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>One POST of a one-event body to a Kestrel endpoint that reads it and answers 200: the floor under any acknowledgment.</summary>
    private static async Task<Stats> LoopbackBaselineAsync(HubSpotStandIn hub, int count)
    {
        using var http = new HttpClient { BaseAddress = new Uri(hub.BaseUrl) };
        var body = new EventSource().Batch(["18999999999"]);
        var samples = new List<double>(count);
        for (var i = 0; i < count + 200; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync("bench/echo", content);
            if (i >= 200) samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        return Stats.Of([.. samples], 0);
    }

    private sealed record PacedRun(Stats Ack, Stats ToCard, Stats ToFirstRead, Stats ReadToCard, double OfferedRate, int Failures, int Closes);

    /// <summary>An open loop: one close per request at a fixed rate; each is timed to its acknowledgment, to its first read of the deal at HubSpot and to its card at Slack.</summary>
    private static async Task<PacedRun> PacedAsync(BatonChild baton, HubSpotStandIn hub, SlackStandIn slack, EventSource events, string[] ids, int rate, int drain)
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
            var body = events.Batch([id]);
            inflight.Add(Task.Run(async () =>
            {
                var t0 = Stopwatch.GetTimestamp();
                sentAt[id] = t0;
                if (await DeliverAsync(baton, body)) acks.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                else Interlocked.Increment(ref failures);
            }));
        }
        await Task.WhenAll(inflight);
        var offered = ids.Length / Stopwatch.GetElapsedTime(start).TotalSeconds;
        await WaitForCardsAsync(slack, ids, drain);
        double[] Between(Func<string, long?> from, Func<string, long?> to) =>
            [.. ids.Select(id => (from(id), to(id))).Where(p => p.Item1 is not null && p.Item2 is not null).Select(p => Stopwatch.GetElapsedTime(p.Item1!.Value, p.Item2!.Value).TotalMilliseconds)];
        long? Sent(string id) => sentAt.TryGetValue(id, out var t) ? t : null;
        long? Read(string id) => hub.FirstReadAt.TryGetValue(id, out var t) ? t : null;
        long? Card(string id) => slack.CardArrivedAt.TryGetValue($"hs-{id}", out var t) ? t : null;
        var toCard = Between(Sent, Card);
        var toRead = Between(Sent, Read);
        return new PacedRun(Stats.Of([.. acks], failures), Stats.Of(toCard, ids.Length - toCard.Length), Stats.Of(toRead, ids.Length - toRead.Length),
            Stats.Of(Between(Read, Card), 0), offered, failures, ids.Length);
    }

    private sealed record BatchRun(int Closes, double AckSeconds, double CardSeconds, Stats BatchAck, int Failures, int CardsMissing);

    /// <summary>HubSpot batches of <paramref name="size"/> events, the next sent as soon as the last is acknowledged; timed until every card reached Slack.</summary>
    private static async Task<BatchRun> BatchesAsync(BatonChild baton, SlackStandIn slack, EventSource events, string[] ids, int size, int drain)
    {
        var failures = 0;
        var acks = new List<double>();
        var start = Stopwatch.GetTimestamp();
        foreach (var chunk in ids.Chunk(size))
        {
            var body = events.Batch(chunk);
            var t0 = Stopwatch.GetTimestamp();
            if (await DeliverAsync(baton, body)) acks.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            else failures += chunk.Length;
        }
        var ackSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await WaitForCardsAsync(slack, ids, drain);
        var arrived = ids.Select(id => slack.CardArrivedAt.TryGetValue($"hs-{id}", out var t) ? t : (long?)null).Where(t => t is not null).Select(t => t!.Value).ToArray();
        var cardSeconds = arrived.Length == 0 ? double.NaN : Stopwatch.GetElapsedTime(start, arrived.Max()).TotalSeconds;
        return new BatchRun(ids.Length, ackSeconds, cardSeconds, Stats.Of([.. acks], 0), failures, ids.Length - arrived.Length);
    }

    /// <summary>Until every deal's card has arrived, or nothing new arrived for <paramref name="drain"/> seconds.</summary>
    private static async Task WaitForCardsAsync(SlackStandIn slack, string[] ids, int drain)
    {
        var lastCount = -1;
        var lastProgress = Stopwatch.GetTimestamp();
        while (true)
        {
            var count = ids.Count(id => slack.CardArrivedAt.ContainsKey($"hs-{id}"));
            if (count == ids.Length) return;
            if (count != lastCount) { lastCount = count; lastProgress = Stopwatch.GetTimestamp(); }
            else if (Stopwatch.GetElapsedTime(lastProgress).TotalSeconds > drain) return;
            await Task.Delay(20);
        }
    }

    /// <summary>Until neither stand-in has seen a request for a second (the outbox's write-backs are done), at most <paramref name="drain"/> seconds.</summary>
    private static async Task QuietAsync(HubSpotStandIn hub, SlackStandIn slack, int drain)
    {
        var until = Stopwatch.GetTimestamp() + drain * Stopwatch.Frequency;
        var last = (hub.Requests, slack.Received);
        while (Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(1_000);
            var now = (hub.Requests, slack.Received);
            if (now == last) return;
            last = now;
        }
    }

    private sealed record Counters(TimeSpan Cpu, TimeSpan BenchCpu, Dictionary<string, int> HubSpot, Dictionary<string, int> Slack, long At);

    private static Counters Snapshot(BatonChild baton, HubSpotStandIn hub, SlackStandIn slack)
    {
        baton.Process.Refresh();
        return new Counters(baton.Process.TotalProcessorTime, Process.GetCurrentProcess().TotalProcessorTime, new(hub.Kinds), new(slack.Methods), Stopwatch.GetTimestamp());
    }

    private sealed record Health(int Parked, int Pending, List<string> ParkedSamples, Dictionary<string, int> Inbox, List<string> InboxFailures,
        Dictionary<string, int> OutboxByKind, int Deals, int Handoffs, Stats InboxDwell, Stats CardDwell, Stats RowsAhead)
    {
        public bool Clean => Parked == 0 && Pending == 0 && Inbox.GetValueOrDefault(InboxStatus.Failed) == 0 && Inbox.GetValueOrDefault(InboxStatus.Pending) == 0;
    }

    /// <summary>What the child left behind: parked and pending outbox rows (its API), and the inbox and outbox by status, read from its SQLite file.</summary>
    private static async Task<Health> HealthAsync(BatonChild baton, string file, string playbookDir, string[] pacedIds)
    {
        var parked = await baton.Http.GetFromJsonAsync<JsonArray>("api/outbox?status=parked") ?? [];
        var pending = await baton.Http.GetFromJsonAsync<JsonArray>("api/outbox?status=pending") ?? [];
        var samples = parked.OfType<JsonObject>().GroupBy(o => $"{o["channel"]} {o["kind"]}: {o["lastError"] ?? o["error"]}")
            .Select(g => $"{g.Count()} × {g.Key}").Take(10).ToList();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Database:ConnectionString"] = $"Data Source={file}";
        builder.AddBaton(PlaybookContext.Load(playbookDir), runPumps: false);
        using var host = builder.Build();
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
        var inbox = await db.Inbox.AsNoTracking().GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var failures = await db.Inbox.AsNoTracking().Where(i => i.Status != InboxStatus.Done || i.Attempts > 1)
            .GroupBy(i => i.Status + " after " + i.Attempts + ": " + i.Error).Select(g => new { g.Key, Count = g.Count() }).Take(10).ToListAsync();
        var byKind = await db.Outbox.AsNoTracking().GroupBy(o => o.Channel + " " + o.Kind + " " + o.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        var deals = await db.Deals.CountAsync();
        var handoffs = await db.Handoffs.CountAsync();

        // The sustained phase as Baton's own rows tell it: each event's time in the inbox (received → processed, the
        // close included), each card's time in the outbox (enqueued with the close → sent), and how many rows were
        // ahead of the card (lower ids still unsent when it was enqueued; the pump takes rows in id order, one at a time).
        var paced = pacedIds.ToHashSet(StringComparer.Ordinal);
        var events = await db.Inbox.AsNoTracking().Select(i => new { i.ExternalId, i.ReceivedAtUtc, i.ProcessedAtUtc }).ToListAsync();
        var inboxDwell = events.Where(e => e.ProcessedAtUtc is not null && paced.Contains(e.ExternalId.Split(':')[0]))
            .Select(e => (e.ProcessedAtUtc!.Value - e.ReceivedAtUtc).TotalMilliseconds).ToArray();
        var rows = await db.Outbox.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.DealId, o.Channel, o.Kind, o.CreatedAtUtc, o.SentAtUtc }).ToListAsync();
        var cards = rows.Where(o => o.Channel == "slack" && o.Kind == "post" && o.SentAtUtc is not null && paced.Contains(o.DealId["hs-".Length..])).ToList();
        var cardDwell = cards.Select(c => (c.SentAtUtc!.Value - c.CreatedAtUtc).TotalMilliseconds).ToArray();
        var ahead = cards.Select(c => (double)rows.TakeWhile(o => o.Id < c.Id).Count(o => o.SentAtUtc is null || o.SentAtUtc > c.CreatedAtUtc)).ToArray();
        return new Health(parked.Count, pending.Count, samples, inbox, [.. failures.Select(f => $"{f.Count} × {f.Key}")], byKind, deals, handoffs,
            Stats.Of(inboxDwell, 0), Stats.Of(cardDwell, 0), Stats.Of(ahead, 0));
    }

    private static string Report(int rate, int seconds, int batches, int batchSize, string? poll, double ready, Stats commit, Stats loopback,
        PacedRun warm, PacedRun steady, BatchRun batched, Counters before, Counters afterSteady, Counters afterBatched, double peakMb,
        Health health, BatonChild baton, double wall)
    {
        var s = new StringBuilder();
        void Line(FormattableString text) => s.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        string Met(bool met) => met ? "met" : "**missed**";
        var cps = 1000 / commit.Mean;
        var rps = 1000 / loopback.Mean;
        var steadyCpu = (afterSteady.Cpu - before.Cpu).TotalMilliseconds / steady.Closes;
        var batchCpu = (afterBatched.Cpu - afterSteady.Cpu).TotalMilliseconds / batched.Closes;
        var batchRate = batched.Closes / batched.CardSeconds;

        Line($"Inbox/Outbox:PollInterval {poll ?? "default (200 ms)"}; machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}; wall {wall:F0} s ({ready:F0} s to ready)");
        Line($"paced: {rate}/s for {seconds} s offered at {steady.OfferedRate:F1}/s; batches: {batches} × {batchSize}; warm-up {warm.Closes} closes (card p50 {warm.ToCard.P50:F1} ms, p99 {warm.ToCard.P99:F1} ms)");
        s.AppendLine();
        Line($"| measure | result | target | vs. baseline of this run |");
        Line($"|---|---|---|---|");
        Line($"| signed webhook → Slack card request, {rate}/s sustained | {Latency(steady.ToCard)} | p99 < 50 ms: {Met(steady.ToCard.P99 < 50 && steady.ToCard.Missing == 0)} | p99 = {steady.ToCard.P99 / commit.P50:N0}× a commit's p50, {steady.ToCard.P99 / loopback.P50:N0}× a round trip's p50 |");
        Line($"| … of which webhook sent → first read of the deal at HubSpot (inbox wait) | {Latency(steady.ToFirstRead)} | — | p50 = {steady.ToFirstRead.P50 / loopback.P50:N0}× a round trip's p50 |");
        Line($"| … of which first read → card at Slack (processing, outbox wait, delivery) | {Latency(steady.ReadToCard)} | — | p50 = {steady.ReadToCard.P50 / loopback.P50:N0}× a round trip's p50 |");
        Line($"| … from Baton's rows: event received → processed in the inbox (queue + the close) | {Latency(health.InboxDwell)} | — | — |");
        Line($"| … from Baton's rows: card enqueued with the close → sent (outbox queue + delivery) | {Latency(health.CardDwell)}; outbox rows ahead of the card p50 {health.RowsAhead.P50:F0}, p99 {health.RowsAhead.P99:F0} | — | — |");
        Line($"| webhook acknowledgment, {rate}/s | {Latency(steady.Ack)} | p99 < 20 ms: {Met(steady.Ack.P99 < 20 && steady.Failures == 0)} | p99 = {steady.Ack.P99 / loopback.P99:F1}× a round trip's p99, {steady.Ack.P50 / loopback.P50:F1}× at p50 |");
        Line($"| closes/s in batches of {batchSize}, until every card reached Slack | {batchRate:F0}/s ({batched.Closes:N0} in {batched.CardSeconds:F1} s{(batched.CardsMissing > 0 ? $", {batched.CardsMissing} cards missing" : "")}) | ≥ 7,000/s: {Met(batchRate >= 7000 && batched.CardsMissing == 0)} ({batchRate / 7000:P1} of it) | {cps:F0} commits/s = {cps / batchRate:F0}× the close rate |");
        Line($"| … batches acknowledged | {batched.Closes / batched.AckSeconds:F0} events/s; per batch {Latency(batched.BatchAck)} | — | {rps:F0} round trips/s |");
        Line($"| CPU per close (child's user + system time / closes) | {steadyCpu:F1} ms paced, {batchCpu:F1} ms in batches (the bench process with both stand-ins: {(afterSteady.BenchCpu - before.BenchCpu).TotalMilliseconds / steady.Closes:F1} / {(afterBatched.BenchCpu - afterSteady.BenchCpu).TotalMilliseconds / batched.Closes:F1} ms) | — | {steadyCpu / commit.Mean:N0}× / {batchCpu / commit.Mean:N0}× a commit's mean wall time |");
        Line($"| child's peak working set | {peakMb:F0} MB | — | — |");
        Line($"| baseline: one SQLite commit (insert + commit, WAL, synchronous=NORMAL) ×2,000 | p50 {commit.P50:F3} ms, p99 {commit.P99:F3} ms, mean {commit.Mean:F3} ms | — | — |");
        Line($"| baseline: one loopback HTTP POST of a one-event body to Kestrel ×2,000 | p50 {loopback.P50:F3} ms, p99 {loopback.P99:F3} ms, mean {loopback.Mean:F3} ms | — | — |");
        s.AppendLine();

        Line($"Requests per close to the stand-ins (paced phase | batch phase):");
        foreach (var kind in afterBatched.HubSpot.Keys.Concat(before.HubSpot.Keys).Distinct().Order(StringComparer.Ordinal))
            Line($"  HubSpot {kind,-34} {Per(before.HubSpot, afterSteady.HubSpot, kind, steady.Closes),6:F2} | {Per(afterSteady.HubSpot, afterBatched.HubSpot, kind, batched.Closes),6:F2}");
        foreach (var method in afterBatched.Slack.Keys.Concat(before.Slack.Keys).Distinct().Order(StringComparer.Ordinal))
            Line($"  Slack   {method,-34} {Per(before.Slack, afterSteady.Slack, method, steady.Closes),6:F2} | {Per(afterSteady.Slack, afterBatched.Slack, method, batched.Closes),6:F2}");
        s.AppendLine();

        Line($"Outbox rows by channel, kind and status (whole run, {health.Deals:N0} deals, {health.Handoffs:N0} handoffs):");
        foreach (var (key, count) in health.OutboxByKind.OrderBy(k => k.Key, StringComparer.Ordinal)) Line($"  {key,-40} {count,7:N0}");
        Line($"Inbox rows by status: {string.Join(", ", health.Inbox.Select(k => $"{k.Key} {k.Value:N0}"))}");
        foreach (var f in health.InboxFailures) Line($"  inbox: {f}");
        Line($"Outbox parked (GET /api/outbox?status=parked): {health.Parked}{(health.Parked >= 500 ? "+" : "")}; still pending: {health.Pending}");
        foreach (var p in health.ParkedSamples) Line($"  parked: {p}");
        Line($"Child log: {baton.Errors} error line(s), {baton.Warnings} warning line(s)");
        foreach (var line in baton.Problems.GroupBy(Shape).OrderByDescending(g => g.Count()).Take(8))
            Line($"  {line.Count(),5} × {Truncate(line.First(), 300)}");
        return s.ToString();
    }

    private static double Per(Dictionary<string, int> from, Dictionary<string, int> to, string key, int closes) =>
        (to.GetValueOrDefault(key) - from.GetValueOrDefault(key)) / (double)Math.Max(1, closes);

    /// <summary>A log line with its numbers blanked, to group repeats.</summary>
    private static string Shape(string line) => System.Text.RegularExpressions.Regex.Replace(line, @"\d+", "#");

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static string Latency(Stats s) =>
        s.Count == 0 ? $"n/a (0 of {s.Missing})" : FormattableString.Invariant($"p50 {s.P50:F1} ms, p99 {s.P99:F1} ms (n={s.Count:N0}{(s.Missing > 0 ? $", {s.Missing:N0} missing" : "")})");

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }
}
