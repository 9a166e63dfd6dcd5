using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Core.Playbook;
using Json.Schema;
using Baton.Tests.Doubles.WebhookReceiver;
using Baton.Tests.Service;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Webhooks;

/// <summary>
/// Baton's events reaching a CS platform's webhook endpoint through the outbox, over real HTTP, checked by a receiver
/// that verifies every request per Standard Webhooks on its own.
/// </summary>
public sealed class OutgoingWebhookTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Repo.Root, "docs", "webhook-events.schema.json"))));

    /// <summary>Each body against the schema the docs publish.</summary>
    private static void MatchesTheSchema(IEnumerable<WebhookReceiver.Received> received)
    {
        foreach (var r in received)
        {
            var result = Schema.Value.Evaluate(r.Json, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{r.Type} does not match docs/webhook-events.schema.json: {r.Body}\n" +
                string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    private const string Subscribed = "[handoff.started, handoff.posted, handoff.acknowledged, handoff.accepted, cs_stage.changed]";

    private sealed class Setup : IAsyncDisposable
    {
        private readonly ScratchDir _dir = new();
        public BatonApp App { get; private set; } = null!;
        public WebhookReceiver Receiver { get; private set; } = null!;

        public static async Task<Setup> StartAsync(bool withSecret = true, string events = Subscribed)
        {
            var setup = new Setup();
            setup.Receiver = await WebhookReceiver.StartAsync(() => setup.App.Time.GetUtcNow());
            var playbook = setup._dir.CopyOfDefaultPlaybook();
            File.AppendAllText(Path.Combine(playbook, "playbook.yaml"), $"""

                webhooks:
                  - name: cs-platform
                    url: {setup.Receiver.Url}
                    events: {events}
                """);
            var settings = new Dictionary<string, string?>();
            if (withSecret) settings["Webhooks:cs-platform:Secret"] = setup.Receiver.Secret;
            setup.App = await BatonApp.StartAsync(settings, playbook);
            return setup;
        }

        /// <summary>Runs the outbox until nothing is due, moving the clock past each backoff.</summary>
        public async Task DrainAsync(int rounds = 12)
        {
            for (var i = 0; i < rounds; i++)
            {
                while (await App.RunOutboxAsync() > 0) { }
                App.Time.Advance(TimeSpan.FromMinutes(30));
            }
        }

        public async Task<List<JsonElement>> LogAsync(string query = "") =>
            (await GetJsonAsync(App, "/api/webhooks/outgoing" + query)).EnumerateArray().ToList();

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Receiver.DisposeAsync();
            _dir.Dispose();
        }
    }

    private static async Task AcknowledgeAndAcceptAsync(BatonApp app, string csm)
    {
        (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/acknowledge", new { confirmedPromised = true })).EnsureSuccessStatusCode();
        (await app.As(csm).PostAsJsonAsync("/api/handoffs/D-1/accept", new { })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Each_subscribed_event_arrives_once_signed_in_the_order_it_happened()
    {
        await using var s = await Setup.StartAsync();
        var csm = await PostedHandoffAsync(s.App, "D-1");
        await AcknowledgeAndAcceptAsync(s.App, csm);

        await s.DrainAsync(rounds: 1);

        Assert.Empty(s.Receiver.Refused);
        var got = s.Receiver.Accepted;
        MatchesTheSchema(got);
        // Routed is not subscribed, so it is not sent.
        Assert.Equal(["handoff.started", "handoff.posted", "handoff.acknowledged", "handoff.accepted"], got.Select(r => r.Type));
        Assert.All(got, r => Assert.Equal("D-1", r.DealId));
        Assert.Equal(got.Count, got.Select(r => r.Id).Distinct().Count());
        var acknowledged = got.Single(r => r.Type == "handoff.acknowledged").Json;
        Assert.Equal(csm, acknowledged.GetProperty("data").GetProperty("actor").GetString());
        Assert.Equal(1, acknowledged.GetProperty("data").GetProperty("schema").GetInt32());
        Assert.True(DateTimeOffset.TryParse(acknowledged.GetProperty("timestamp").GetString(), out _));

        var log = await s.LogAsync("?endpoint=cs-platform");
        Assert.Equal(4, log.Count);
        Assert.All(log, d => Assert.Equal(("sent", "HTTP 204"), (d.GetProperty("status").GetString(), d.GetProperty("answer").GetString())));
    }

    [Fact]
    public async Task Every_kind_of_event_matches_the_published_schema()
    {
        await using var s = await Setup.StartAsync(events: "[\"*\"]");
        var csm = await PostedHandoffAsync(s.App, "D-1");
        await AcknowledgeAndAcceptAsync(s.App, csm);
        (await s.App.As(csm).PostAsJsonAsync("/api/handoffs/D-1/kickoff", new { atUtc = s.App.Time.GetUtcNow().AddDays(3) })).EnsureSuccessStatusCode();
        (await s.App.As(csm).PostAsJsonAsync("/api/handoffs/D-1/rate", new { stars = 4, rediscoveredFields = new[] { "success_metric" } })).EnsureSuccessStatusCode();
        await s.DrainAsync(rounds: 1);

        var types = s.Receiver.Accepted.Select(r => r.Type).ToHashSet();
        Assert.Superset(new HashSet<string> { "handoff.started", "handoff.routed", "handoff.posted", "handoff.acknowledged", "handoff.accepted", "handoff.kickoff_scheduled", "handoff.rated" }, types);
        MatchesTheSchema(s.Receiver.Accepted);
    }

    [Fact]
    public async Task After_an_outage_every_event_arrives_exactly_once_and_the_log_shows_the_retries()
    {
        await using var s = await Setup.StartAsync();
        s.Receiver.Down = true;
        var csm = await PostedHandoffAsync(s.App, "D-1");
        await AcknowledgeAndAcceptAsync(s.App, csm);

        while (await s.App.RunOutboxAsync() > 0) { }
        Assert.True(s.Receiver.Requests >= 4, $"{s.Receiver.Requests} requests during the outage");
        Assert.Empty(s.Receiver.Accepted);
        var during = await s.LogAsync();
        Assert.All(during, d =>
        {
            Assert.Equal("pending", d.GetProperty("status").GetString());
            Assert.Contains("HTTP 503", d.GetProperty("lastError").GetString());
        });

        s.App.Time.Advance(TimeSpan.FromMinutes(20));
        while (await s.App.RunOutboxAsync() > 0) { }
        s.Receiver.Down = false;
        await s.DrainAsync();

        var got = s.Receiver.Accepted;
        Assert.Equal(["handoff.accepted", "handoff.acknowledged", "handoff.posted", "handoff.started"], got.Select(r => r.Type).Order(StringComparer.Ordinal));
        Assert.Equal(4, got.Select(r => r.Id).Distinct().Count());
        Assert.Empty(s.Receiver.Refused);
        var after = await s.LogAsync();
        Assert.All(after, d =>
        {
            Assert.Equal("sent", d.GetProperty("status").GetString());
            Assert.True(d.GetProperty("attempts").GetInt32() >= 3, "the deliveries were retried");
        });
    }

    [Fact]
    public async Task A_replay_sends_the_same_body_under_the_same_id_newly_signed()
    {
        await using var s = await Setup.StartAsync();
        var csm = await PostedHandoffAsync(s.App, "D-1");
        await AcknowledgeAndAcceptAsync(s.App, csm);
        await s.DrainAsync(rounds: 1);
        var first = s.Receiver.Accepted.Single(r => r.Type == "handoff.accepted");
        var delivery = (await s.LogAsync()).Single(d => d.GetProperty("type").GetString() == "handoff.accepted");

        s.App.Time.Advance(TimeSpan.FromMinutes(10));
        var replay = await s.App.Http.PostAsync($"/api/webhooks/outgoing/{delivery.GetProperty("id").GetInt64()}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await s.DrainAsync(rounds: 1);

        var again = s.Receiver.Accepted.Where(r => r.Id == first.Id).ToList();
        Assert.Equal(2, again.Count);
        Assert.Equal(first.Body, again[1].Body);
        Assert.True(again[1].Timestamp > first.Timestamp, "the replay is signed at its own time");
        Assert.Empty(s.Receiver.Refused);
        Assert.Equal(4, s.Receiver.Distinct.Count);

        // A range: everything sent since the close, once more.
        var range = await s.App.Http.PostAsJsonAsync("/api/webhooks/outgoing/replay", new { endpoint = "cs-platform", since = BatonApp.DefaultStart });
        Assert.Equal(HttpStatusCode.Accepted, range.StatusCode);
        Assert.Equal(4, (await range.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await s.DrainAsync(rounds: 1);
        Assert.Equal(4, s.Receiver.Distinct.Count);
        Assert.Equal(9, s.Receiver.Accepted.Count);

        var unknown = await s.App.Http.PostAsJsonAsync("/api/webhooks/outgoing/replay", new { endpoint = "gainsight" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var errors = (await ProblemAsync(unknown)).GetProperty("errors");
        Assert.Contains("'gainsight' is not a webhook of the playbook; webhooks: cs-platform", errors.GetProperty("endpoint")[0].GetString());
        Assert.Contains("ISO 8601", errors.GetProperty("since")[0].GetString());
    }

    [Fact]
    public async Task Without_a_secret_nothing_is_sent_and_the_delivery_parks_naming_the_setting()
    {
        await using var s = await Setup.StartAsync(withSecret: false, events: "[\"*\"]");
        await PostedHandoffAsync(s.App, "D-1");
        await s.DrainAsync(rounds: 1);

        Assert.Equal(0, s.Receiver.Requests);
        var log = await s.LogAsync("?status=parked");
        Assert.NotEmpty(log);
        Assert.All(log, d => Assert.Contains("Webhooks:cs-platform:Secret", d.GetProperty("lastError").GetString()));
        // "*" subscribes to everything, routing included.
        Assert.Contains(log, d => d.GetProperty("type").GetString() == "handoff.routed");
    }

    [Theory]
    [InlineData("url: http://crm.example.com/hooks\n    events: [handoff.accepted]", "must be an absolute https:// address")]
    [InlineData("url: https://crm.example.com/hooks\n    events: [handoff.accepted, deal.won]", "'deal.won' is not an event")]
    [InlineData("url: https://crm.example.com/hooks\n    events: handoff.accepted", "webhook events must be a list")]
    public void A_bad_webhook_in_the_playbook_is_refused_where_it_is_written(string entry, string message)
    {
        using var dir = new ScratchDir();
        var playbook = dir.CopyOfDefaultPlaybook();
        var yaml = Path.Combine(playbook, "playbook.yaml");
        var lines = File.ReadAllLines(yaml).Length;
        File.AppendAllText(yaml, $"\nwebhooks:\n  - name: cs-platform\n    {entry}\n");

        var result = PlaybookLoader.Load(playbook);

        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message);
        Assert.EndsWith("playbook.yaml", error.File);
        Assert.True(error.Line > lines, $"line {error.Line}");
        Assert.True(error.Column > 1);
    }
}
