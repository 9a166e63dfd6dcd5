using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Tests.Service;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Api;

public sealed class CsPipelineApiTests
{
    [Fact]
    public async Task CsStage_ForwardMovesAndBackwardIsRefused()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "P-1");

        var complete = await app.As(csm).PostAsJsonAsync("/api/handoffs/P-1/cs-stage", new { stage = "OnboardingComplete" });
        var back = await app.As(csm).PostAsJsonAsync("/api/handoffs/P-1/cs-stage", new { stage = "KickoffScheduled" });
        var unknown = await app.As(csm).PostAsJsonAsync("/api/handoffs/P-1/cs-stage", new { stage = "Churned" });

        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
        Assert.Contains("forward only", await back.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var handoff = JsonDocument.Parse(await app.Http.GetStringAsync("/api/handoffs/P-1")).RootElement;
        Assert.Equal("OnboardingComplete", handoff.GetProperty("csStage").GetString());
        Assert.Single(handoff.GetProperty("history").EnumerateArray(), e => e.GetProperty("type").GetString() == "CsStageChanged");
    }
}
