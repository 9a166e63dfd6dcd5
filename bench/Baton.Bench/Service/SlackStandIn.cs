using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Bench.Service;

/// <summary>
/// chat.postMessage on loopback: answers ok with a fresh ts and records when each message arrived, keyed by the deal
/// id found in its metadata or text. Other methods answer ok so a delivery that looks things up is not held up.
/// </summary>
internal sealed class SlackStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _received;
    private long _ts;

    private SlackStandIn(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public ConcurrentDictionary<string, long> ArrivedAt { get; } = new();
    public int Received => Volatile.Read(ref _received);

    public static async Task<SlackStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var slack = new SlackStandIn(app);
        app.MapPost("/api/{method}", slack.HandleAsync);
        await app.StartAsync();
        slack.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/api/";
        return slack;
    }

    private async Task<IResult> HandleAsync(string method, HttpRequest request)
    {
        var arrived = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _received);
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        if (method == "chat.postMessage" && DealId(body) is { } deal) ArrivedAt.TryAdd(deal, arrived);
        var ts = $"1763800000.{Interlocked.Increment(ref _ts):D6}";
        return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = "C0BENCH0001", ["ts"] = ts, ["user"] = new JsonObject { ["id"] = "U0BENCH0001" } });
    }

    /// <summary>The bench's deal ids are distinctive ("bench-000123"), so finding one anywhere in the body is enough.</summary>
    private static string? DealId(string body)
    {
        var at = body.IndexOf("bench-", StringComparison.Ordinal);
        return at >= 0 && at + 12 <= body.Length ? body.Substring(at, 12) : null;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
