using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Baton.Tests.Doubles.HubSpot;

/// <summary>Webhook delivery, signed the way HubSpot signs it.</summary>
public sealed partial class HubSpotDouble
{
    /// <summary>
    /// Posts the pending events to <see cref="WebhookTarget"/> as JSON arrays of at most <see cref="HubSpotDeliveryOptions.BatchSize"/>
    /// events, each POST signed afresh (v3 and v1). A batch answered non-2xx, slower than the timeout, or unreachable is retried
    /// with attemptNumber + 1 (immediately: HubSpot's randomised delays over 24 hours are not waited for). Returns every attempt.
    /// </summary>
    public async Task<IReadOnlyList<HubSpotDelivery>> DeliverWebhooksAsync(HubSpotDeliveryOptions? options = null)
    {
        options ??= new HubSpotDeliveryOptions();
        if (options.BatchSize is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(options), "HubSpot sends 1 to 100 events per request");
        var target = WebhookTarget ?? throw new InvalidOperationException("WebhookTarget is not set");

        List<HubSpotWebhookEvent> events;
        lock (_gate)
        {
            events = [.. _pending];
            _pending.Clear();
        }
        if (options.Shuffle)
        {
            var random = new Random(options.ShuffleSeed);
            for (var i = events.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (events[i], events[j]) = (events[j], events[i]);
            }
        }
        if (options.DuplicateEvery > 0)
            events.AddRange([.. events.Where((_, i) => (i + 1) % options.DuplicateEvery == 0).Select(e => e with { AttemptNumber = e.AttemptNumber + 1 })]);

        var deliveries = new List<HubSpotDelivery>();
        var batchIndex = 0;
        foreach (var batch in events.Chunk(options.BatchSize))
        {
            var current = batch;
            for (var attempt = 0; ; attempt++)
            {
                var body = new JsonArray([.. current.Select(e => (JsonNode)e.ToJson())]).ToJsonString();
                var delivery = await SendBatchAsync(target, body, batchIndex, attempt, [.. current.Select(e => e.EventId)], options.Timeout);
                deliveries.Add(delivery);
                lock (_gate) _deliveries.Add(delivery);
                if (delivery.Succeeded || !options.RetryOnNon2xx || attempt >= options.MaxRetries) break;
                current = [.. current.Select(e => e with { AttemptNumber = e.AttemptNumber + 1 })];
            }
            batchIndex++;
        }
        return deliveries;
    }

    private async Task<HubSpotDelivery> SendBatchAsync(Uri target, string body, int batch, int attempt, IReadOnlyList<long> ids, TimeSpan timeout)
    {
        using var request = SignedRequest(target, body, Time.GetUtcNow());
        using var cts = new CancellationTokenSource(timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request, cts.Token);
            await response.Content.ReadAsByteArrayAsync(cts.Token);
            return new HubSpotDelivery(batch, attempt, ids, body, (int)response.StatusCode, false, watch.Elapsed);
        }
        catch (OperationCanceledException)
        {
            return new HubSpotDelivery(batch, attempt, ids, body, null, true, watch.Elapsed);
        }
        catch (HttpRequestException)
        {
            return new HubSpotDelivery(batch, attempt, ids, body, null, false, watch.Elapsed);
        }
    }

    /// <summary>
    /// Sends <paramref name="rawBody"/> to <see cref="WebhookTarget"/> signed as HubSpot would at <paramref name="signedAt"/> (default now);
    /// <paramref name="tamper"/> may then alter the request (headers, content) to forge it. The caller disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string rawBody, Action<HttpRequestMessage>? tamper = null, DateTimeOffset? signedAt = null)
    {
        var target = WebhookTarget ?? throw new InvalidOperationException("WebhookTarget is not set");
        using var request = SignedRequest(target, rawBody, signedAt ?? Time.GetUtcNow());
        tamper?.Invoke(request);
        return await _http.SendAsync(request);
    }

    private HttpRequestMessage SignedRequest(Uri target, string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", "HubSpot Connect 2.0 (http://dev.hubspot.com/) - WebhooksExecutorDaemon");
        request.Headers.TryAddWithoutValidation("X-HubSpot-Signature-v3", SignV3(ClientSecret, "POST", SignedUri(target), body, timestamp));
        request.Headers.TryAddWithoutValidation("X-HubSpot-Request-Timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("X-HubSpot-Signature", SignV1(ClientSecret, body));
        request.Headers.TryAddWithoutValidation("X-HubSpot-Signature-Version", "v1");
        return request;
    }

    /// <summary>The URI as HubSpot puts it in the signed string: the full URL with the listed percent-escapes decoded.</summary>
    public static string SignedUri(Uri target)
    {
        var uri = target.AbsoluteUri;
        foreach (var (escaped, plain) in new[]
                 {
                     ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"), ("%27", "'"),
                     ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
                 })
            uri = uri.Replace(escaped, plain, StringComparison.OrdinalIgnoreCase);
        return uri;
    }

    /// <summary>v3: base64(HMAC-SHA256(clientSecret, method + uri + body + timestampMs)).</summary>
    public static string SignV3(string clientSecret, string method, string uri, string body, string timestampMs) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(method + uri + body + timestampMs)));

    /// <summary>v1: hex(SHA-256(clientSecret + body)), lower case.</summary>
    public static string SignV1(string clientSecret, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret + body)));

    /// <summary>v2: hex(SHA-256(clientSecret + method + uri + body)), lower case.</summary>
    public static string SignV2(string clientSecret, string method, string uri, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret + method + uri + body)));
}
