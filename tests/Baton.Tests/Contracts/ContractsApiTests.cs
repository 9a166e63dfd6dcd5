using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Core.Data;
using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Contracts;

public sealed class ContractsApiTests
{
    private static async Task<BatonApp> ClosedAsync(string id)
    {
        var app = await BatonApp.StartAsync();
        (await CreateAsync(app, id, GoodFields())).EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync($"/api/deals/{id}/stage", new { stage = "Closed Won" })).EnsureSuccessStatusCode();
        return app;
    }

    private static async Task<JsonElement> ContractAsync(BatonApp app, string id) =>
        JsonDocument.Parse(await app.Http.GetStringAsync($"/api/handoffs/{id}")).RootElement.GetProperty("contract");

    [Fact]
    public async Task SentThenSigned_StopsTheDraftingClockAndRecordsBoth()
    {
        await using var app = await ClosedAsync("C-1");

        var signedEarly = await app.As("sam.okoro").PostAsJsonAsync("/api/contracts/C-1/signed", new { });
        var sent = await app.As("sam.okoro").PostAsJsonAsync("/api/contracts/C-1/sent", new { });
        var signed = await app.As("sam.okoro").PostAsJsonAsync("/api/contracts/C-1/signed", new { });

        Assert.Equal(HttpStatusCode.Conflict, signedEarly.StatusCode);
        Assert.Contains("not allowed while InCreation", await signedEarly.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (sent.StatusCode, signed.StatusCode));
        var contract = await ContractAsync(app, "C-1");
        Assert.Equal("Signed", contract.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, contract.GetProperty("sentAtUtc").ValueKind);
        var clock = await app.Db(db => db.Clocks.SingleAsync(c => c.DealId == "C-1" && c.Name == "contract_drafted"));
        Assert.Equal(ClockStatus.Stopped, clock.Status);
    }

    [Fact]
    public async Task DraftingClockRunsOut_EscalatesToTheContractsManagerOnce()
    {
        await using var app = await ClosedAsync("C-2");

        app.Time.Advance(TimeSpan.FromHours(25));
        await app.RunClocksAsync();
        await app.RunClocksAsync();

        var escalations = await app.Db(db => db.Outbox.Where(o => o.DealId == "C-2" && o.Kind == "escalation" && o.Payload.Contains("contract_drafted")).CountAsync());
        Assert.Equal(1, escalations);
        var missed = await app.Db(db => db.Events.CountAsync(e => e.DealId == "C-2" && e.Type == "ContractClockMissed"));
        Assert.Equal(1, missed);
        await app.RunOutboxAsync();
        var dm = await app.Db(db => db.Outbox.SingleAsync(o => o.DealId == "C-2" && o.Kind == "escalation" && o.Payload.Contains("contract_drafted")));
        Assert.Contains("Sam Okoro", dm.Rendered);
    }

    [Fact]
    public async Task DraftingClockRunsOut_TheHandoffSaysWhoWasToldAndTheMetricsCountOneMiss()
    {
        await using var app = await ClosedAsync("C-3");

        app.Time.Advance(TimeSpan.FromHours(25));
        await app.RunClocksAsync();

        var handoff = await GetJsonAsync(app, "/api/handoffs/C-3");
        var clock = handoff.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "contract_drafted");
        Assert.Equal("missed", clock.GetProperty("outcome").GetString());
        Assert.Equal("contracts_manager", clock.GetProperty("escalatedTo").GetString());
        var rate = (await GetJsonAsync(app, "/api/metrics/handoffs")).GetProperty("onTime").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == "contract_drafted");
        Assert.Equal(1, rate.GetProperty("missed").GetInt32());
    }

    [Fact]
    public async Task Sent_UnknownDeal_Is404_NamingSomeoneIs400_AndAnAeIsRefused()
    {
        await using var app = await BatonApp.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await app.As("sam.okoro").PostAsJsonAsync("/api/contracts/nope/sent", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.As("sam.okoro").PostAsJsonAsync("/api/contracts/nope/sent", new { by = "sam.okoro" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As("rachel.goldberg").PostAsJsonAsync("/api/contracts/nope/sent", new { })).StatusCode);
    }
}
