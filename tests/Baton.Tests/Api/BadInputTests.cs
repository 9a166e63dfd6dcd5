using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Baton.Tests.Service;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Api;

/// <summary>Input a client should not send: each gets a 4xx problem saying what was wrong and where, never a 500.</summary>
public sealed class BadInputTests
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<string> ReasonAsync(HttpResponseMessage response, string field) =>
        (await ProblemAsync(response)).GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task Create_BodyOf40MiB_Is413Problem()
    {
        await using var app = await BatonApp.StartAsync();
        var huge = "{\"id\":\"D-1\",\"company\":\"" + new string('x', 40 << 20) + "\"}";

        // As curl sends a large body: the client waits for "100 Continue" and so reads the refusal instead of a broken pipe.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/deals") { Content = Json(huge) };
        request.Headers.ExpectContinue = true;
        var response = await app.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1,024 KiB", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Create_DuplicateIdWithSurroundingSpaces_Is409NamingId()
    {
        await using var app = await BatonApp.StartAsync();
        (await CreateAsync(app, "D-1")).EnsureSuccessStatusCode();

        var again = await CreateAsync(app, "  D-1 ");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("id", (await ProblemAsync(again)).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("D/1", "'/'")]
    [InlineData("D?1", "'?'")]
    [InlineData("tab\there", "control characters")]
    public async Task Create_IdThatWouldBreakItsUrl_Is400NamingId(string id, string named)
    {
        await using var app = await BatonApp.StartAsync();

        var response = await CreateAsync(app, id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await ReasonAsync(response, "id"));
    }

    [Fact]
    public async Task Create_IdOf300Characters_Is400SayingTheLimit()
    {
        await using var app = await BatonApp.StartAsync();

        var response = await CreateAsync(app, new string('d', 300));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 128", await ReasonAsync(response, "id"));
    }

    [Fact]
    public async Task SetFields_ValueOver10000Characters_Is400NamingTheField()
    {
        await using var app = await BatonApp.StartAsync();
        (await CreateAsync(app, "D-1")).EnsureSuccessStatusCode();

        var response = await app.Http.PatchAsJsonAsync("/api/deals/D-1/fields", new Dictionary<string, string> { ["why_now"] = new string('w', 10_001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 10,000", await ReasonAsync(response, "why_now"));
    }

    [Fact]
    public async Task Create_ObjectGivenAsAFieldValue_Is400NamingTheField()
    {
        await using var app = await BatonApp.StartAsync();

        var response = await app.Http.PostAsync("/api/deals",
            Json("""{"id":"D-1","company":"Acme","ownerId":"rachel.goldberg","stage":"Qualified","fields":{"why_now":{"text":"budget"}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("a field value is text", await ReasonAsync(response, "fields.why_now"));
    }

    [Fact]
    public async Task Create_SyntaxError_IsReportedAsSyntaxWithLineAndPosition()
    {
        await using var app = await BatonApp.StartAsync();

        var response = await app.Http.PostAsync("/api/deals", Json("{\n  \"id\": \"D-1\",\n  \"company\": \"Acme\" \"stage\": \"Qualified\"\n}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reason = await ReasonAsync(response, "body");
        Assert.Contains("syntax error at line 3", reason);
        Assert.DoesNotContain("wrong type", reason);
    }
}
