using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Baton.Tests.Api;
using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;

namespace Baton.Tests.Pages;

/// <summary>/deals/{id}/transcript: an AE reads a call into proposals, keeps and edits some, and they are saved as from the transcript.</summary>
public sealed class TranscriptPageTests
{
    private const string Rachel = ApiFixtures.Ae;
    private const string Lucas = "lucas.ferreira";

    private const string Call = """
        WEBVTT

        1
        00:00:05.000 --> 00:00:09.000
        <v Lucas Ferreira>Thanks for joining. What would make this a success for you?</v>

        2
        00:00:10.000 --> 00:00:17.500
        <v Amara Okoye>Success for us is cutting first response time from 9 hours to under 2 hours within 60 days of go-live.</v>

        3
        00:00:18.000 --> 00:00:23.000
        <v Amara Okoye>We run Zendesk for tickets and Okta for SSO, and that has to keep working.</v>

        4
        00:00:24.000 --> 00:00:28.000
        <v Amara Okoye>We would start with 38 agents.</v>

        5
        00:00:29.000 --> 00:00:35.000
        <v Lucas Ferreira>We will set up your Zendesk macros for you at no extra cost in the first month.</v>

        6
        00:00:36.000 --> 00:00:40.000
        <v Lucas Ferreira>Any other questions on your side?</v>

        7
        00:00:41.000 --> 00:00:44.000
        <v Amara Okoye>Not today, thank you.</v>
        """;

    private static async Task<BatonApp> StartAsync()
    {
        var app = await BatonApp.StartAsync();
        (await app.Http.PostAsJsonAsync("/api/deals", new { id = "alpha", name = "Alpha renewal", company = "Lakeshore Dental", ownerId = Rachel, amount = 12000, stage = "Qualified", fields = ApiFixtures.GoodFields() }))
            .EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync("/api/deals", new { id = "beta", name = "Beta expansion", company = "Northwind Freight", ownerId = Lucas, amount = 50000, stage = "Qualified" }))
            .EnsureSuccessStatusCode();
        return app;
    }

    private static async Task<HttpResponseMessage> UploadAsync(PageClient client, string dealId, string fileName, string text, string sellers)
    {
        var token = PageClient.Token(await client.GetHtmlAsync($"/deals/{dealId}/transcript"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(sellers), "sellers" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", fileName },
        };
        return await client.Http.PostAsync($"/deals/{dealId}/transcript?handler=Read", form);
    }

    private static string Proposal(string html, string key)
    {
        var match = Regex.Match(html, $"<fieldset[^>]*id=\"proposal-{key}\".*?</fieldset>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no proposal for {key}");
        return match.Value;
    }

    private static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<input type=\"hidden\" name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);

    [Fact]
    public async Task An_AE_reads_a_call_keeps_and_edits_proposals_and_they_are_saved_from_the_transcript()
    {
        await using var app = await StartAsync();
        using var lucas = PageClient.As(app, Lucas);

        var read = await UploadAsync(lucas, "beta", "kickoff.vtt", Call, "Lucas Ferreira");
        var html = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("as WebVtt", html);

        var metric = Proposal(html, "success_metric");
        Assert.Contains("from 9 hours to under 2 hours", metric);
        Assert.Contains("Amara Okoye at 0:10", metric);
        Assert.Contains("Zendesk", Proposal(html, "tech_environment"));
        Assert.Contains("value=\"38\"", Proposal(html, "seats"));
        var promised = Proposal(html, "promised");
        Assert.Contains("Lucas Ferreira at 0:29", promised);
        Assert.Contains("checked", promised);
        // The closing small talk answers nothing.
        Assert.DoesNotContain(Regex.Matches(html, "<fieldset.*?</fieldset>", RegexOptions.Singleline), m => m.Value.Contains("Not today"));

        // Keep the metric and the promise (reworded), drop the stack.
        var token = PageClient.Token(html);
        var save = await lucas.Http.PostAsync("/deals/beta/transcript?handler=Save", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token),
            new("text", Hidden(html, "text")), new("fileName", Hidden(html, "fileName")), new("sellers", Hidden(html, "sellers")),
            new("take", "success_metric"), new("take", "promised"),
            new("fields[success_metric]", "First response time from 9 hours to under 2 hours within 60 days of go-live."),
            new("fields[promised]", "Zendesk macros set up by us in the first month, at no extra cost."),
            new("fields[tech_environment]", "We run Zendesk for tickets and Okta for SSO."),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal("/deals/beta?done=saved", save.Headers.Location?.OriginalString);

        var stored = await app.Db(db => db.FieldValues.Where(f => f.DealId == "beta").ToListAsync());
        var kept = Assert.Single(stored, f => f.Key == "promised");
        Assert.Equal("Zendesk macros set up by us in the first month, at no extra cost.", kept.Value);
        Assert.Equal("transcript", kept.Source);
        Assert.Equal(Lucas, kept.SetBy);
        Assert.Equal("transcript", Assert.Single(stored, f => f.Key == "success_metric").Source);
        Assert.DoesNotContain(stored, f => f.Key == "tech_environment");
        // The deal page shows where the value came from.
        Assert.Contains("source <span class=\"source\">transcript</span>", await lucas.GetHtmlAsync("/deals/beta"));
    }

    [Fact]
    public async Task A_field_that_already_holds_a_value_is_proposed_unticked_and_shows_todays_value()
    {
        await using var app = await StartAsync();
        using var rachel = PageClient.As(app, Rachel);

        var html = await (await UploadAsync(rachel, "alpha", "call.txt", """
            Rachel Goldberg: What does success look like?
            Dana Whit: Success for us means cutting the ticket backlog from 1,200 to under 300 within 90 days of go-live.
            """, "Rachel Goldberg")).Content.ReadAsStringAsync();

        var metric = Proposal(html, "success_metric");
        Assert.Contains("id=\"current-success_metric\"", metric);
        Assert.DoesNotContain("checked", metric);
        Assert.Contains("as PlainText", html);
    }

    [Fact]
    public async Task A_broken_file_names_its_line_and_nothing_is_proposed_or_saved()
    {
        await using var app = await StartAsync();
        using var lucas = PageClient.As(app, Lucas);

        var response = await UploadAsync(lucas, "beta", "broken.vtt", "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nHello there.\n\n2\n00:00:05 -> 00:00:06.000\nBroken.\n", "Lucas Ferreira");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("broken.vtt could not be read: line 8: malformed cue timing", WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("proposals-form", html);
        Assert.Empty(await app.Db(db => db.FieldValues.Where(f => f.DealId == "beta").ToListAsync()));
    }

    [Fact]
    public async Task Only_the_deals_AE_and_admins_use_it()
    {
        await using var app = await StartAsync();
        using var rachel = PageClient.As(app, Rachel);
        using var viewer = PageClient.As(app, "viewer@baton.test");

        await rachel.GetHtmlAsync("/deals/beta/transcript", HttpStatusCode.Forbidden);
        await viewer.GetHtmlAsync("/deals/beta/transcript", HttpStatusCode.Forbidden);
        await rachel.GetHtmlAsync("/deals/nope/transcript", HttpStatusCode.NotFound);
        Assert.Contains("id=\"transcript-form\"", await rachel.GetHtmlAsync("/deals/alpha/transcript"));
        // The seller side is filled with the deal's AE.
        Assert.Contains("value=\"Rachel Goldberg\"", await rachel.GetHtmlAsync("/deals/alpha/transcript"));
    }
}
