using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Bench.Service;

/// <summary>
/// The Slack Web API on loopback: chat.postMessage answers ok with a fresh ts and records when each message arrived, keyed
/// by the deal id in its metadata (<c>handoff_id</c>) or, failing that, a bench deal id in its text. users.lookupByEmail
/// and conversations.open answer in Slack's shapes; every other method answers ok so a delivery is not held up.
/// </summary>
internal sealed partial class SlackStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _received;
    private long _ts;

    private SlackStandIn(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The first chat.postMessage of each deal (card or direct message).</summary>
    public ConcurrentDictionary<string, long> ArrivedAt { get; } = new();

    /// <summary>The first chat.postMessage with blocks of each deal: the handoff card in the team channel.</summary>
    public ConcurrentDictionary<string, long> CardArrivedAt { get; } = new();

    /// <summary>Requests by Web API method.</summary>
    public ConcurrentDictionary<string, int> Methods { get; } = new(StringComparer.Ordinal);

    public int Received => Volatile.Read(ref _received);

    public static async Task<SlackStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var slack = new SlackStandIn(app);
        app.MapMethods("/api/{method}", ["GET", "POST"], slack.HandleAsync);
        await app.StartAsync();
        slack.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/api/";
        return slack;
    }

    private async Task<IResult> HandleAsync(string method, HttpRequest request)
    {
        var arrived = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _received);
        Methods.AddOrUpdate(method, 1, (_, n) => n + 1);
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        switch (method)
        {
            case "chat.postMessage":
                if (DealId(body) is { } deal)
                {
                    ArrivedAt.TryAdd(deal, arrived);
                    if (body.Contains("\"blocks\"", StringComparison.Ordinal)) CardArrivedAt.TryAdd(deal, arrived);
                }
                var ts = $"1763800000.{Interlocked.Increment(ref _ts):D6}";
                return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = "C0BENCH0001", ["ts"] = ts, ["message"] = new JsonObject { ["ts"] = ts, ["type"] = "message" } });
            case "users.lookupByEmail":
                var email = request.Query["email"].ToString();
                return Results.Json(new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = $"U{(uint)email.GetHashCode():X8}", ["name"] = email.Split('@')[0], ["real_name"] = email } });
            case "conversations.open":
                return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D0BENCH0001" } });
            default:
                return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = "C0BENCH0001", ["ts"] = $"1763800000.{Interlocked.Increment(ref _ts):D6}", ["user"] = new JsonObject { ["id"] = "U0BENCH0001" } });
        }
    }

    /// <summary>The deal id Baton put in the message metadata; else a bench deal id ("bench-000123") anywhere in the body.</summary>
    private static string? DealId(string body)
    {
        var match = HandoffId().Match(body);
        if (match.Success) return match.Groups[1].Value;
        var at = body.IndexOf("bench-", StringComparison.Ordinal);
        return at >= 0 && at + 12 <= body.Length ? body.Substring(at, 12) : null;
    }

    [GeneratedRegex("\"handoff_id\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex HandoffId();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
