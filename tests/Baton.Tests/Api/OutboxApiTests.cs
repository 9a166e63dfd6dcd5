using System.Net;
using Baton.Tests.Service;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Api;

public sealed class OutboxApiTests
{
    [Fact]
    public async Task Retry_ParkedMessage_GoesBackToPendingWithAttemptsReset()
    {
        // SMTP pointed at a port nobody listens on, and one attempt allowed: the transition e-mail parks at once.
        await using var app = await BatonApp.StartAsync(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = "9",
            ["Smtp:From"] = "Baton <handoffs@baton.example>",
            ["Outbox:MaxAttempts"] = "1",
        });
        (await CreateAsync(app, "D-1", GoodFields())).EnsureSuccessStatusCode();
        (await app.Http.PostAsync("/api/deals/D-1/stage", System.Net.Http.Json.JsonContent.Create(new { stage = "Closed Won" }))).EnsureSuccessStatusCode();
        await app.RunOutboxAsync();
        var parked = await GetJsonAsync(app, "/api/outbox?status=parked");
        var message = parked.EnumerateArray().First();
        Assert.False(string.IsNullOrEmpty(message.GetProperty("lastError").GetString()));
        var id = message.GetProperty("id").GetInt64();

        var retried = await app.Http.PostAsync($"/api/outbox/{id}/retry", null);
        var again = await app.Http.PostAsync($"/api/outbox/{id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var row = (await GetJsonAsync(app, "/api/outbox?status=pending")).EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == id);
        // The one attempt it had is remembered, so the delivery checks whether it arrived before sending again.
        Assert.Equal(1, row.GetProperty("attempts").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("status", (await ProblemAsync(again)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.PostAsync("/api/outbox/999999/retry", null)).StatusCode);
    }

    [Fact]
    public async Task List_UnknownStatus_Is400NamingStatus()
    {
        await using var app = await BatonApp.StartAsync();

        var response = await app.Http.GetAsync("/api/outbox?status=failed");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("status", out _));
    }
}
