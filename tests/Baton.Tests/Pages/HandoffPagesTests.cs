using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Domain.Handoffs;
using Baton.Tests.Api;
using Baton.Tests.Service;

namespace Baton.Tests.Pages;

/// <summary>/handoffs, /handoffs/{id}, /handoffs/{id}.md and /handoffs/board over HTTP: what a CSM, a CS lead and a viewer see and may do.</summary>
public sealed class HandoffPagesTests
{
    private const string Lead = "maria.lopez";
    private const string Viewer = "kevin.marsh";

    /// <summary>Every action handler of the document page with a form a person could send.</summary>
    private static readonly (string Handler, KeyValuePair<string, string>[] Form)[] Actions =
    [
        ("Acknowledge", [new("confirmedPromised", "true")]),
        ("WarmCall", []),
        ("Accept", []),
        ("Reject", [new("reasons", "The success metric has no baseline."), new("junk", "success_metric")]),
        ("Kickoff", [new("at", "2026-12-10T10:00")]),
        ("KickoffHeld", []),
        ("Rate", [new("stars", "4")]),
        ("CsStage", [new("stage", "OnboardingActive")]),
        ("Reassign", [new("csm", "tom.becker")]),
    ];

    private static string OtherCsm(string csm) => csm == "yuki.tanaka" ? "tom.becker" : "yuki.tanaka";

    private static async Task<JsonElement> HandoffAsync(BatonApp app, string id) => await ApiFixtures.GetJsonAsync(app, $"/api/handoffs/{id}");

    /// <summary>A posted handoff whose deal carries Markdown and HTML in a user-typed field.</summary>
    private static async Task<string> PostedWithMarkupAsync(BatonApp app, string id)
    {
        var fields = ApiFixtures.GoodFields();
        fields["competitors"] = "Zendesk *Suite* and [Beta](http://evil.example) <b>bold</b> # not a heading";
        (await ApiFixtures.CreateAsync(app, id, fields)).EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync($"/api/deals/{id}/stage", new { stage = "Closed Won" })).EnsureSuccessStatusCode();
        Assert.Equal(HandoffOutcomeKind.Applied, (await app.App.Services.HandoffAsync(id, new PostedToChannel("#cs-handoffs", "1700000000.000200"))).Kind);
        return (await HandoffAsync(app, id)).GetProperty("csmId").GetString()!;
    }

    [Fact]
    public async Task The_CSM_reads_the_document_with_the_promises_and_risks_and_sees_what_was_not_captured()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var page = PageClient.As(app, csm);

        var html = await page.GetHtmlAsync("/handoffs/D-1");
        Assert.Contains("D-1 Corp", html);
        foreach (var section in new[] { "Facts", "Context", "Commitments", "Risks", "People", "Scope and technical environment", "Clocks", "Cadence tasks", "History" })
            Assert.Contains($">{section}</h2>", html);
        Assert.Contains("Nothing beyond the contract.", html);
        Assert.Contains("The champion is new in the role; IT has not reviewed SSO yet.", html);
        // Competitors was never asked for this deal: it says so rather than leaving a blank.
        var competitors = Regex.Match(html, "<dd id=\"value-competitors\".*?</dd>", RegexOptions.Singleline).Value;
        Assert.Contains("not captured", competitors);
        // Provenance of a captured value: who set it and from where.
        var risks = Regex.Match(html, "<dd id=\"value-risks\".*?</dd>", RegexOptions.Singleline).Value;
        Assert.Matches("set by [^,]+, 2026-11-30 15:00 UTC, from api", risks);
        // The acknowledgment form shows the promises to confirm, and the acknowledge clock its business time left.
        Assert.Contains("id=\"form-acknowledge\"", html);
        Assert.Matches("id=\"ack-promised\"[^€]*Nothing beyond the contract.", html);
        Assert.Matches("business (hours|days) left", html);
        // Accepting before acknowledging is not allowed, so it is not offered.
        Assert.DoesNotContain("id=\"form-accept\"", html);
        Assert.DoesNotContain("id=\"form-reassign\"", html);
        Assert.Contains("role=\"status\"", html);

        await page.GetHtmlAsync("/handoffs/NOPE", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_CSM_who_is_not_assigned_and_a_viewer_get_403_on_every_post_and_the_viewer_sees_no_forms()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var other = PageClient.As(app, OtherCsm(csm));
        using var viewer = PageClient.As(app, Viewer);

        var html = await viewer.GetHtmlAsync("/handoffs/D-1");
        Assert.DoesNotContain("action=\"/handoffs/D-1?handler=", html);
        Assert.DoesNotContain("action=\"/handoffs/board?handler=", await viewer.GetHtmlAsync("/handoffs/board"));

        var task = (await HandoffAsync(app, "D-1")).GetProperty("tasks").EnumerateArray().Count();
        Assert.True(task > 0);
        var taskId = (await app.Db(async db => await Task.FromResult(db.Tasks.Where(t => t.DealId == "D-1").Select(t => t.Id).First()))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var client in new[] { other, viewer })
        {
            foreach (var (handler, form) in Actions)
            {
                using var response = await client.PostFormAsync("/handoffs/D-1", $"/handoffs/D-1?handler={handler}", form);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{handler}: {(int)response.StatusCode}");
            }
            using var done = await client.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=TaskDone", [new("task", taskId)]);
            Assert.Equal(HttpStatusCode.Forbidden, done.StatusCode);
            using var move = await client.PostFormAsync("/handoffs/board", "/handoffs/board?handler=Move", [new("deal", "D-1"), new("stage", "OnboardingActive")]);
            Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        }
        Assert.Equal("Posted", (await HandoffAsync(app, "D-1")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Acknowledging_from_the_page_records_the_signed_in_CSM_and_needs_the_promises_confirmed()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var page = PageClient.As(app, csm);

        using var unconfirmed = await page.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=Acknowledge", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Contains("confirm you read what was promised", await unconfirmed.Content.ReadAsStringAsync());

        // A name in the form is not who acts: the signed-in CSM is.
        using var ok = await page.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=Acknowledge", [new("confirmedPromised", "true"), new("csmId", Lead)]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/handoffs/D-1?done=Acknowledge", ok.Headers.Location?.OriginalString);
        var handoff = await HandoffAsync(app, "D-1");
        Assert.Equal("Acknowledged", handoff.GetProperty("state").GetString());
        var ack = handoff.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "HandoffAcknowledged");
        Assert.Equal(csm, ack.GetProperty("actor").GetString());

        var after = await page.GetHtmlAsync("/handoffs/D-1?done=Acknowledge");
        Assert.Contains("Acknowledged: you confirmed what was promised.", after);
        Assert.Contains("id=\"form-accept\"", after);
        Assert.DoesNotContain("id=\"form-acknowledge\"", after);

        // Twice is refused by the domain, with its reason on the page.
        using var again = await page.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=Acknowledge", [new("confirmedPromised", "true")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("not allowed while Acknowledged", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rejecting_with_reasons_and_junk_fields_sends_the_handoff_back_and_keeps_the_fields()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var page = PageClient.As(app, csm);

        using var noReason = await page.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=Reject", [new("reasons", "  "), new("junk", "risks")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);

        using var response = await page.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=Reject",
            [new("reasons", "The success metric has no baseline.\nRisks are vague."), new("junk", "success_metric"), new("junk", "risks")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var handoff = await HandoffAsync(app, "D-1");
        Assert.Equal("Rejected", handoff.GetProperty("state").GetString());
        Assert.Equal(["success_metric", "risks"], handoff.GetProperty("lastJunkFields").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(2, handoff.GetProperty("lastRejectionReasons").GetArrayLength());

        var html = await page.GetHtmlAsync("/handoffs/D-1");
        Assert.Contains("Risks are vague.", html);
        Assert.DoesNotContain("id=\"form-reject\"", html);
    }

    [Fact]
    public async Task A_CS_lead_reassigns_from_the_page_and_a_CSM_cannot()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        var other = OtherCsm(csm);
        using var mine = PageClient.As(app, csm);
        using var lead = PageClient.As(app, Lead);

        Assert.DoesNotContain("id=\"form-reassign\"", await mine.GetHtmlAsync("/handoffs/D-1"));
        using var refused = await mine.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=Reassign", [new("csm", other)]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var html = await lead.GetHtmlAsync("/handoffs/D-1");
        Assert.Contains("id=\"form-reassign\"", html);
        Assert.Contains("<label for=\"reassign-csm\">", html);
        using var unknown = await lead.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=Reassign", [new("csm", ApiFixtures.Ae)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        using var moved = await lead.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=Reassign", [new("csm", other)]);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var handoff = await HandoffAsync(app, "D-1");
        Assert.Equal(other, handoff.GetProperty("csmId").GetString());
        var reassigned = handoff.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "HandoffReassigned");
        Assert.Equal(Lead, reassigned.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task The_inbox_lists_a_CSMs_own_handoffs_and_the_team_for_a_lead_with_time_left()
    {
        await using var app = await BatonApp.StartAsync();
        var first = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        string second;
        var n = 2;
        // Routing spreads the work: close deals until one goes to the other CSM.
        do second = await ApiFixtures.PostedHandoffAsync(app, $"D-{n++}");
        while (second == first && n < 8);
        Assert.NotEqual(first, second);
        var secondDeal = $"D-{n - 1}";

        using var csm = PageClient.As(app, first);
        var mine = await csm.GetHtmlAsync("/handoffs");
        Assert.Contains("data-handoff=\"D-1\"", mine);
        Assert.DoesNotContain($"data-handoff=\"{secondDeal}\"", mine);
        Assert.Contains("href=\"/handoffs/D-1\"", mine);
        Assert.Matches("acknowledge: [0-9.]+ business (hours|days) left", mine);
        Assert.Contains("12,000", mine);
        Assert.DoesNotContain("id=\"filter-csm\"", mine);

        using var lead = PageClient.As(app, Lead);
        var team = await lead.GetHtmlAsync("/handoffs");
        Assert.Contains("data-handoff=\"D-1\"", team);
        Assert.Contains($"data-handoff=\"{secondDeal}\"", team);
        Assert.Contains("<label for=\"filter-csm\">CSM</label>", team);
        var filtered = await lead.GetHtmlAsync($"/handoffs?csm={second}");
        Assert.DoesNotContain("data-handoff=\"D-1\"", filtered);
        Assert.Contains($"data-handoff=\"{secondDeal}\"", filtered);
        Assert.Contains("id=\"handoffs-empty\"", await lead.GetHtmlAsync("/handoffs?state=Accepted"));

        // Time passes: the most urgent (overdue) clock comes first and says so in words.
        app.Time.Advance(TimeSpan.FromDays(7));
        var later = await csm.GetHtmlAsync("/handoffs");
        Assert.Contains("overdue by", later);
    }

    [Fact]
    public async Task The_Markdown_export_has_the_sections_and_escapes_user_text()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedWithMarkupAsync(app, "D-1");
        using var page = PageClient.As(app, csm);

        var response = await page.Http.GetAsync("/handoffs/D-1.md");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var md = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Handoff: D-1 Corp", md);
        foreach (var section in new[] { "Facts", "Context", "Commitments", "Risks", "People", "Scope and technical environment", "Clocks", "Cadence tasks", "History" })
            Assert.Contains($"\n## {section}\n", md);
        Assert.Contains("Nothing beyond the contract.", md);
        Assert.Contains(@"Zendesk \*Suite\* and \[Beta\](http://evil.example) \<b\>bold\</b\> \# not a heading", md);
        Assert.DoesNotContain("[Beta](", md);
        Assert.Contains("**Decision timeline**: *not captured*", md);

        // The page encodes the same text as HTML.
        var html = await page.GetHtmlAsync("/handoffs/D-1");
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>bold</b>", html);

        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync("/handoffs/NOPE.md")).StatusCode);
    }

    [Fact]
    public async Task A_CSM_takes_the_handoff_from_accept_to_rating_and_moves_the_CS_stage_on_the_board()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var page = PageClient.As(app, csm);

        async Task Post(string handler, KeyValuePair<string, string>[]? form = null)
        {
            using var response = await page.PostFormAsync("/handoffs/D-1", $"/handoffs/D-1?handler={handler}", form ?? []);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await Post("Acknowledge", [new("confirmedPromised", "true")]);
        await Post("Accept");
        using (var past = await page.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=Kickoff", [new("at", "2020-01-06T10:00")]))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("id=\"form-kickoff\"", await page.GetHtmlAsync("/handoffs/D-1"));
        await Post("Kickoff", [new("at", "2026-12-10T10:00")]);
        Assert.Equal("KickoffScheduled", (await HandoffAsync(app, "D-1")).GetProperty("state").GetString());
        // Not held before its time: the page says when it is, and the handoff stays scheduled.
        using (var early = await page.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=KickoffHeld", []))
            Assert.Contains("scheduled for 2026-12-10", System.Net.WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync()));
        Assert.Equal("KickoffScheduled", (await HandoffAsync(app, "D-1")).GetProperty("state").GetString());
        app.Time.Advance(TimeSpan.FromDays(11));
        await Post("KickoffHeld");
        var html = await page.GetHtmlAsync("/handoffs/D-1");
        Assert.Contains("id=\"form-rate\"", html);
        Assert.Contains("<label for=\"asked-tech_environment\" class=\"inline\">", html);
        await Post("Rate", [new("stars", "4"), new("rediscovered", "tech_environment")]);
        var handoff = await HandoffAsync(app, "D-1");
        Assert.Equal(4, handoff.GetProperty("stars").GetInt32());
        Assert.Equal(["tech_environment"], handoff.GetProperty("rediscoveredFields").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.DoesNotContain("id=\"form-rate\"", await page.GetHtmlAsync("/handoffs/D-1"));

        var board = await page.GetHtmlAsync("/handoffs/board");
        Assert.Contains("<h2 id=\"col-OnboardingActive\">", board);
        Assert.Matches("data-stage=\"OnboardingActive\"[^€]*?data-handoff=\"D-1\"", board);
        using var moved = await page.PostFormAsync("/handoffs/board", "/handoffs/board?handler=Move", [new("deal", "D-1"), new("stage", "OnboardingComplete")]);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("OnboardingComplete", (await HandoffAsync(app, "D-1")).GetProperty("csStage").GetString());
        using var back = await page.PostFormAsync("/handoffs/board", "/handoffs/board?handler=Move", [new("deal", "D-1"), new("stage", "HandoffReceived")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, back.StatusCode);
        Assert.Contains("forward only", await back.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_owner_of_a_cadence_task_marks_it_done_and_it_is_recorded()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var page = PageClient.As(app, csm);
        var task = await app.Db(async db => await Task.FromResult(db.Tasks.Where(t => t.DealId == "D-1" && t.OwnerId == csm).OrderBy(t => t.DueAtUtc).First()));

        var html = await page.GetHtmlAsync("/handoffs/D-1");
        Assert.Contains($"Mark “{task.Title}” done", html);
        // The AE's task is not the CSM's to close.
        var aeTask = await app.Db(async db => await Task.FromResult(db.Tasks.First(t => t.DealId == "D-1" && t.OwnerId == ApiFixtures.Ae)));
        using (var notMine = await page.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=TaskDone", [new("task", aeTask.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]))
            Assert.Equal(HttpStatusCode.Forbidden, notMine.StatusCode);

        using var done = await page.PostFormAsync("/handoffs/D-1", "/handoffs/D-1?handler=TaskDone", [new("task", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var handoff = await HandoffAsync(app, "D-1");
        var row = handoff.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("title").GetString() == task.Title);
        Assert.Equal(JsonValueKind.String, row.GetProperty("doneAtUtc").ValueKind);
        var recorded = handoff.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "TaskCompleted");
        Assert.Equal(csm, recorded.GetProperty("actor").GetString());
        Assert.Contains("The task is done.", await page.GetHtmlAsync("/handoffs/D-1?done=task"));

        // Past its due date an open task says so in words.
        app.Time.Advance(TimeSpan.FromDays(60));
        Assert.Contains(">overdue</span>", await page.GetHtmlAsync("/handoffs/D-1"));
    }
}
