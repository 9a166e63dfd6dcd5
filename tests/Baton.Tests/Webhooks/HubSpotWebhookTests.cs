using System.Net;
using System.Text.Json;
using Baton.Core.Data;
using Baton.Tests.Integrations.HubSpot;
using Microsoft.EntityFrameworkCore;

namespace Baton.Tests.Webhooks;

/// <summary>
/// <c>POST /webhooks/hubspot</c> as HubSpot calls it: signed v3 over the URL, the raw body and the timestamp. Forged,
/// stale and foreign requests are refused and counted; redeliveries are stored once.
/// </summary>
public sealed class HubSpotWebhookTests
{
    private static string Batch(long portal = Doubles.HubSpot.HubSpotDouble.PortalId, int attempt = 0, params long[] eventIds) =>
        JsonSerializer.Serialize((eventIds.Length == 0 ? [1001L, 1002L] : eventIds).Select(e => new Dictionary<string, object>
        {
            ["eventId"] = e, ["subscriptionId"] = 2901, ["portalId"] = portal, ["appId"] = Doubles.HubSpot.HubSpotDouble.AppId,
            ["occurredAt"] = 1764514800000 + e, ["subscriptionType"] = "deal.propertyChange", ["attemptNumber"] = attempt,
            ["objectId"] = 9_000_000 + e, ["propertyName"] = "dealstage", ["propertyValue"] = "closedwon", ["changeSource"] = "CRM_UI",
        }));

    private static Task<int> Stored(ConnectedBaton h) => h.App.Db(db => db.Inbox.CountAsync(i => i.Source == "hubspot"));

    private static async Task<long> Refused(ConnectedBaton h, string reason)
    {
        var tally = JsonDocument.Parse(await h.App.Http.GetStringAsync("/api/webhooks/refused")).RootElement;
        return tally.TryGetProperty("hubspot", out var hub) && hub.TryGetProperty(reason, out var n) ? n.GetInt64() : 0;
    }

    [Fact]
    public async Task Post_SignedBatch_StoresEachEventAndAnswers200()
    {
        await using var h = await ConnectedBaton.StartAsync();
        var response = await h.HubSpot.PostWebhookAsync(Batch());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await Stored(h));
        var kinds = await h.App.Db(db => db.Inbox.Select(i => i.Kind).Distinct().ToListAsync());
        Assert.Equal(["deal.propertyChange"], kinds);
    }

    [Fact]
    public async Task Post_RetriedWithNewAttemptNumberAndTimestamp_StoredOnce()
    {
        await using var h = await ConnectedBaton.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await h.HubSpot.PostWebhookAsync(Batch(attempt: 0))).StatusCode);
        h.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await h.HubSpot.PostWebhookAsync(Batch(attempt: 1))).StatusCode);
        // Out of order, and one event twice in the same batch.
        Assert.Equal(HttpStatusCode.OK, (await h.HubSpot.PostWebhookAsync(Batch(attempt: 2, eventIds: [1002, 1001, 1001]))).StatusCode);
        Assert.Equal(2, await Stored(h));
    }

    [Fact]
    public async Task Post_SignedWithAnotherSecret_Refused401AndCounted()
    {
        await using var h = await ConnectedBaton.StartAsync();
        h.HubSpot.ClientSecret = "someone-elses-secret";
        var response = await h.HubSpot.PostWebhookAsync(Batch());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await Stored(h));
        Assert.Equal(1, await Refused(h, "bad_signature"));
    }

    [Fact]
    public async Task Post_BodyChangedAfterSigning_Refused()
    {
        await using var h = await ConnectedBaton.StartAsync();
        var response = await h.HubSpot.PostWebhookAsync(Batch(), r => r.Content = new StringContent(Batch(eventIds: [7777]), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await Stored(h));
    }

    [Fact]
    public async Task Post_TimestampSixMinutesOld_RefusedAsStale()
    {
        await using var h = await ConnectedBaton.StartAsync();
        var response = await h.HubSpot.PostWebhookAsync(Batch(), signedAt: h.App.Time.GetUtcNow() - TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("timestamp", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await Refused(h, "stale_timestamp"));
        Assert.Equal(0, await Stored(h));
    }

    [Fact]
    public async Task Post_WithoutSignatureHeaders_Refused()
    {
        await using var h = await ConnectedBaton.StartAsync();
        var response = await h.HubSpot.PostWebhookAsync(Batch(), r =>
        {
            r.Headers.Remove("X-HubSpot-Signature-v3");
            r.Headers.Remove("X-HubSpot-Request-Timestamp");
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, await Refused(h, "missing_headers"));
    }

    [Fact]
    public async Task Post_EventsOfAnotherPortal_AnsweredButNotStoredAndCounted()
    {
        await using var h = await ConnectedBaton.StartAsync();
        var response = await h.HubSpot.PostWebhookAsync(Batch(portal: 123));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // HubSpot retries anything else; the events are simply not ours
        Assert.Equal(0, await Stored(h));
        Assert.Equal(2, await Refused(h, "event_skipped"));
    }

    [Fact]
    public async Task Post_NotAnArray_Refused400WithWhy()
    {
        await using var h = await ConnectedBaton.StartAsync();
        var response = await h.HubSpot.PostWebhookAsync("{\"eventId\": 1}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON array", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_OverOneMegabyte_Refused413()
    {
        await using var h = await ConnectedBaton.StartAsync();
        var response = await h.HubSpot.PostWebhookAsync("[" + new string(' ', 1_100_000) + "]");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_PublishedExampleBatch_StoresBothEvents()
    {
        var path = Path.Combine(Repo.Root, "..", "shared", "specs", "hubspot", "webhooks", "examples", "webhook-batch.deal-events.example.json");
        Assert.SkipUnless(File.Exists(path), $"the vendors' examples are not beside this clone ({path})");
        await using var h = await ConnectedBaton.StartAsync(new Dictionary<string, string?> { ["HubSpot:PortalId"] = "" });
        var response = await h.HubSpot.PostWebhookAsync(await File.ReadAllTextAsync(path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await Stored(h));
    }
}
