using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Baton.Tests.Service;

public sealed class GateOverHttpTests
{
    [Fact]
    public async Task MoveStage_UnknownDeal_Is404ProblemJson()
    {
        await using var app = await BatonApp.StartAsync();

        var response = await app.Http.PostAsJsonAsync("/api/deals/nope/stage", new { stage = "Closed Won" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("no deal 'nope'", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Health_Ready_ReportsHealthyDatabase()
    {
        await using var app = await BatonApp.StartAsync();

        Assert.Equal("Healthy", await app.Http.GetStringAsync("/health/ready"));
        Assert.Contains("\"Baton API\"", await app.Http.GetStringAsync("/openapi/v1.json"));
    }
}
