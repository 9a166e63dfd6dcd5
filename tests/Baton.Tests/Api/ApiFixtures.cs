using Baton.Core.Data;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Core.Handoffs;
using Baton.Domain.Handoffs;
using Baton.Tests.Service;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Tests.Api;

/// <summary>Deals and handoffs set up over the API, the way a client would.</summary>
internal static class ApiFixtures
{
    public const string Ae = "rachel.goldberg";

    /// <summary>Every hard field of the default playbook for an SMB deal, answered well.</summary>
    public static Dictionary<string, object?> GoodFields() => new()
    {
        ["executive_sponsor"] = "Elena Novak, CFO <elena.novak@lakeshore.example>",
        ["champion"] = "Owen Murphy <owen.murphy@lakeshore.example>",
        ["why_now"] = "Their support backlog doubled after the spring launch; the board wants response times halved by Q3.",
        ["success_metric"] = "Cut first-response time from 14 hours to under 4 hours within 90 days of go-live.",
        ["tech_environment"] = "Okta SSO, Snowflake, Zendesk for tickets.",
        ["why_we_won"] = "Only vendor whose pilot the ops lead could configure herself in a week.",
        ["promised"] = "Nothing beyond the contract.",
        ["seats"] = 25,
        ["products"] = "Core;Analytics",
        ["arr"] = "$12,000",
        ["contract_start"] = "2026-12-07",
        ["renewal_date"] = "2027-12-06",
        ["risks"] = "The champion is new in the role; IT has not reviewed SSO yet.",
        ["champion_politically_exposed"] = false,
    };

    public static async Task<HttpResponseMessage> CreateAsync(BatonApp app, string id, object? fields = null, decimal amount = 12000) =>
        await app.Http.PostAsJsonAsync("/api/deals", new { id, company = $"{id} Corp", ownerId = Ae, amount, stage = "Qualified", fields });

    /// <summary>A closed-won SMB (cold) deal whose card the chat service has confirmed: the handoff is Posted.</summary>
    public static async Task<string> PostedHandoffAsync(BatonApp app, string id)
    {
        (await CreateAsync(app, id, GoodFields())).EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync($"/api/deals/{id}/stage", new { stage = "Closed Won" })).EnsureSuccessStatusCode();
        // Without Slack configured nothing confirms the post; confirm it as the Slack adapter would.
        var outcome = await app.App.Services.HandoffAsync(id, new PostedToChannel("#cs-handoffs", "1700000000.000100"));
        Assert.Equal(HandoffOutcomeKind.Applied, outcome.Kind);
        var handoff = await GetJsonAsync(app, $"/api/handoffs/{id}");
        return handoff.GetProperty("csmId").GetString()!;
    }

    public static async Task<JsonElement> GetJsonAsync(BatonApp app, string path)
    {
        var response = await app.Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body); // never a stack trace
        return JsonDocument.Parse(body).RootElement;
    }
}
