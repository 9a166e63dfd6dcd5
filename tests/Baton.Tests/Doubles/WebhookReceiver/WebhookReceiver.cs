using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Tests.Doubles.WebhookReceiver;

/// <summary>
/// A CS platform's webhook endpoint on loopback, verifying each request the way the Standard Webhooks specification
/// tells receivers to, written from the specification and not from the sender's library: the three headers, the
/// timestamp within five minutes of its own clock, and <c>v1,</c> + base64(HMAC-SHA256(secret, id.timestamp.body)).
/// It refuses what fails with 401, and can be taken down (503) to stand for an outage.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[] _key;
    private readonly Func<DateTimeOffset> _now;
    private readonly ConcurrentQueue<Received> _accepted = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private int _requests;

    /// <summary>One verified delivery.</summary>
    public sealed record Received(string Id, long Timestamp, string Body, JsonElement Json)
    {
        public string Type => Json.GetProperty("type").GetString()!;
        public string DealId => Json.GetProperty("data").GetProperty("deal_id").GetString()!;
    }

    private WebhookReceiver(WebApplication app, string secret, Func<DateTimeOffset> now)
    {
        _app = app;
        Secret = secret;
        _key = Convert.FromBase64String(secret["whsec_".Length..]);
        _now = now;
    }

    public string Secret { get; }
    public Uri Url { get; private set; } = null!;
    /// <summary>While true, every request is answered 503 (and counted, not kept).</summary>
    public bool Down { get; set; }
    public int Requests => _requests;
    public IReadOnlyList<Received> Accepted => _accepted.ToList();
    public IReadOnlyList<string> Refused => _refused.ToList();

    /// <summary>The events, once each by webhook-id, as a receiver that dedups would keep them.</summary>
    public IReadOnlyList<Received> Distinct => Accepted.GroupBy(r => r.Id).Select(g => g.First()).ToList();

    public static async Task<WebhookReceiver> StartAsync(Func<DateTimeOffset> now)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), now);
        app.MapPost("/hooks/baton", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hooks/baton");
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        if (Down) return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        if (Verify(context.Request.Headers, body) is { } problem)
        {
            _refused.Enqueue(problem);
            return Results.Unauthorized();
        }
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            _refused.Enqueue($"content type {context.Request.ContentType}");
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        var id = context.Request.Headers["webhook-id"].ToString();
        _accepted.Enqueue(new Received(id, long.Parse(context.Request.Headers["webhook-timestamp"].ToString()), body, JsonDocument.Parse(body).RootElement.Clone()));
        return Results.NoContent();
    }

    /// <summary>Null when the request is genuine, else why not.</summary>
    private string? Verify(IHeaderDictionary headers, string body)
    {
        var id = headers["webhook-id"].ToString();
        var timestamp = headers["webhook-timestamp"].ToString();
        var signatures = headers["webhook-signature"].ToString();
        if (id.Length == 0 || timestamp.Length == 0 || signatures.Length == 0) return "a webhook header is missing";
        if (!long.TryParse(timestamp, out var seconds)) return $"timestamp '{timestamp}' is not whole seconds";
        if (Math.Abs(_now().ToUnixTimeSeconds() - seconds) > 300) return $"timestamp {seconds} is more than five minutes from now";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (candidate.StartsWith("v1,", StringComparison.Ordinal)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate[3..]), Encoding.ASCII.GetBytes(expected)))
                return null;
        return "no v1 signature matches";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
