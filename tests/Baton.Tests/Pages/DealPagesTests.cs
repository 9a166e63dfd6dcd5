using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Baton.Core.Playbook;
using Baton.Domain.Fields;
using Baton.Domain.Quality;
using Baton.Tests.Api;
using Baton.Tests.Service;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Tests.Pages;

/// <summary>/deals and /deals/{id} over HTTP: what each person sees, the live quality check, saving and moving.</summary>
public sealed class DealPagesTests
{
    private const string Rachel = ApiFixtures.Ae;
    private const string Lucas = "lucas.ferreira";
    private const string Viewer = "viewer@baton.test";

    /// <summary>Rachel's SMB deal with every field answered well, and Lucas's Mid-Market deal with none.</summary>
    private static async Task<BatonApp> StartWithDealsAsync()
    {
        var app = await BatonApp.StartAsync();
        (await app.Http.PostAsJsonAsync("/api/deals", new { id = "alpha", name = "Alpha renewal", company = "Lakeshore Dental", ownerId = Rachel, amount = 12000, stage = "Qualified", fields = ApiFixtures.GoodFields() }))
            .EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync("/api/deals", new { id = "beta", name = "Beta expansion", company = "Northwind Freight", ownerId = Lucas, amount = 50000, stage = "Qualified" }))
            .EnsureSuccessStatusCode();
        return app;
    }

    private static string RowOf(string html, string dealId)
    {
        var match = Regex.Match(html, $"<tr[^>]*data-deal=\"{dealId}\"[^>]*>.*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row for {dealId}");
        return match.Value;
    }

    [Fact]
    public async Task The_list_shows_an_AE_their_own_deals_first_and_filters_by_stage_AE_segment_and_search()
    {
        await using var app = await StartWithDealsAsync();
        using var rachel = PageClient.As(app, Rachel);

        var mine = await rachel.GetHtmlAsync("/deals");
        Assert.Contains("data-deal=\"alpha\"", mine);
        Assert.DoesNotContain("data-deal=\"beta\"", mine);
        Assert.Contains("aria-current=\"true\" id=\"deals-mine\"", mine);

        var all = await rachel.GetHtmlAsync("/deals?ae=");
        Assert.Contains("data-deal=\"alpha\"", all);
        Assert.Contains("data-deal=\"beta\"", all);
        var beta = RowOf(all, "beta");
        Assert.Contains("Mid-Market", beta);
        Assert.Contains("50,000", beta);
        Assert.Contains("Lucas Ferreira", beta);
        Assert.Contains("Qualified", beta);

        var midMarket = await rachel.GetHtmlAsync("/deals?ae=&segment=Mid-Market");
        Assert.Contains("data-deal=\"beta\"", midMarket);
        Assert.DoesNotContain("data-deal=\"alpha\"", midMarket);

        var search = await rachel.GetHtmlAsync("/deals?ae=&q=northwind");
        Assert.Contains("data-deal=\"beta\"", search);
        Assert.DoesNotContain("data-deal=\"alpha\"", search);

        var byName = await rachel.GetHtmlAsync("/deals?ae=&q=ALPHA");
        Assert.Contains("data-deal=\"alpha\"", byName);
        Assert.DoesNotContain("data-deal=\"beta\"", byName);

        var lucasDeals = await rachel.GetHtmlAsync($"/deals?ae={Lucas}");
        Assert.Contains("data-deal=\"beta\"", lucasDeals);
        Assert.DoesNotContain("data-deal=\"alpha\"", lucasDeals);

        var demo = await rachel.GetHtmlAsync("/deals?ae=&stage=Demo");
        Assert.Contains("id=\"deals-empty\"", demo);

        // An admin is no AE: everyone's deals, no Mine toggle.
        using var admin = PageClient.As(app, BatonApp.AdminEmail);
        var adminList = await admin.GetHtmlAsync("/deals");
        Assert.Contains("data-deal=\"alpha\"", adminList);
        Assert.Contains("data-deal=\"beta\"", adminList);
        Assert.DoesNotContain("id=\"deals-mine\"", adminList);
    }

    [Fact]
    public async Task The_list_pages_and_encodes_what_people_typed()
    {
        await using var app = await BatonApp.StartAsync();
        for (var i = 0; i < 27; i++)
            (await app.Http.PostAsJsonAsync("/api/deals", new { id = $"d{i:00}", name = $"Deal {i:00}", company = "Acme", ownerId = Rachel, amount = 1000, stage = "Qualified" }))
                .EnsureSuccessStatusCode();
        (await app.Http.PostAsJsonAsync("/api/deals", new { id = "xss", name = "<script>alert(1)</script>", company = "Evil & Co", ownerId = Rachel, amount = 1000, stage = "Qualified" }))
            .EnsureSuccessStatusCode();
        using var rachel = PageClient.As(app, Rachel);

        var first = await rachel.GetHtmlAsync("/deals?q=deal");
        Assert.Contains("27 deals", first);
        Assert.Contains("Page 1 of 2", first);
        Assert.Equal(25, Regex.Matches(first, "data-deal=\"d").Count);
        var second = await rachel.GetHtmlAsync("/deals?q=deal&p=2");
        Assert.Contains("Page 2 of 2", second);
        Assert.Equal(2, Regex.Matches(second, "data-deal=\"d").Count);

        var xss = await rachel.GetHtmlAsync("/deals?q=evil");
        Assert.DoesNotContain("<script>alert(1)</script>", xss);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", xss);
        Assert.Contains("Evil &amp; Co", xss);
        var form = await rachel.GetHtmlAsync("/deals/xss");
        Assert.DoesNotContain("<script>alert(1)</script>", form);
    }

    [Fact]
    public async Task A_deal_that_would_fail_its_next_gate_stands_out_with_words_and_the_completeness_badge_counts_good_fields()
    {
        await using var app = await StartWithDealsAsync();
        using var admin = PageClient.As(app, BatonApp.AdminEmail);
        var html = await admin.GetHtmlAsync("/deals");

        // Discovery asks for the sponsor, the champion and why now (the call recordings are optional).
        var beta = RowOf(html, "beta");
        Assert.Contains("class=\"stand-out\"", beta);
        Assert.Contains("fails next gate", beta);
        Assert.Contains("0/3 good", beta);

        var alpha = RowOf(html, "alpha");
        Assert.DoesNotContain("stand-out", alpha);
        Assert.DoesNotContain("fails next gate", alpha);
        Assert.Contains("3/3 good", alpha);
        Assert.Contains("ready for Discovery", alpha);
    }

    [Fact]
    public async Task The_form_shows_the_fields_asked_by_the_next_stage_with_help_and_a_good_example_and_folds_the_later_ones()
    {
        await using var app = await StartWithDealsAsync();
        using var rachel = PageClient.As(app, Rachel);
        var html = await rachel.GetHtmlAsync("/deals/alpha");
        var fields = app.App.Services.GetRequiredService<PlaybookContext>().Playbook.Fields;
        var whyNow = fields.Find("why_now")!;

        Assert.Contains(whyNow.Help, WebUtility.HtmlDecode(html));
        Assert.Contains(whyNow.Example, WebUtility.HtmlDecode(html));
        Assert.Contains(fields.Find("executive_sponsor")!.Example, WebUtility.HtmlDecode(html));
        Assert.Contains("name=\"fields[why_now]\"", html);
        Assert.Contains("hx-post=\"/deals/alpha?handler=Check&amp;key=why_now\"", html);
        Assert.Contains("hx-trigger=\"input changed delay:500ms\"", html);

        // Discovery's fields come before the fold; Demo's and later are inside "Later stages".
        var fold = html.IndexOf("id=\"later-fields\"", StringComparison.Ordinal);
        Assert.True(fold > 0);
        Assert.True(html.IndexOf("name=\"fields[why_now]\"", StringComparison.Ordinal) < fold);
        Assert.True(html.IndexOf("name=\"fields[success_metric]\"", StringComparison.Ordinal) > fold);
        Assert.Contains("Later stages", html);

        // Provenance and history of a value, and the contacts offered to contact fields.
        Assert.Contains("id=\"provenance-why_now\"", html);
        Assert.Contains("source <span class=\"source\">api</span>", html);
        Assert.Contains("id=\"history-why_now\"", html);
        Assert.Contains("list=\"deal-contacts\"", html);
        Assert.Contains("<option value=\"Owen Murphy &lt;owen.murphy@lakeshore.example&gt;\">", html);

        // The gate for the next stage and for Closed Won, the move button and the transcript link.
        Assert.Contains("id=\"gate-next\"", html);
        Assert.Contains("id=\"gate-won\"", html);
        Assert.Contains("Move to Discovery", html);
        Assert.Contains("href=\"/deals/alpha/transcript\"", html);
        Assert.DoesNotContain("id=\"link-handoff\"", html);
    }

    [Fact]
    public async Task The_check_handler_gives_the_gates_reason_for_filler_and_good_for_a_specific_answer()
    {
        await using var app = await StartWithDealsAsync();
        using var rachel = PageClient.As(app, Rachel);
        var playbook = app.App.Services.GetRequiredService<PlaybookContext>().Playbook;
        var metric = playbook.Fields.Find("success_metric")!;
        var expected = FieldQuality.Check(metric, "n/a", FieldValues.From(playbook.Fields, new Dictionary<string, string?>()), playbook.Fields);
        Assert.False(expected.IsOk);

        var filler = await rachel.PostFormAsync("/deals/alpha", "/deals/alpha?handler=Check&key=success_metric", [new("fields[success_metric]", "n/a")]);
        var fragment = await filler.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, filler.StatusCode);
        Assert.DoesNotContain("<html", fragment);
        Assert.Contains(expected.Reason, WebUtility.HtmlDecode(fragment));
        Assert.Contains(expected.Rule, fragment);
        Assert.Contains("blocks", fragment);

        var good = await rachel.PostFormAsync("/deals/alpha", "/deals/alpha?handler=Check&key=success_metric",
            [new("fields[success_metric]", "Cut first-response time from 14 hours to under 4 hours within 90 days of go-live.")]);
        var goodFragment = await good.Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"badge good\">good</span>", goodFragment);

        // A copy of another field typed in the form is caught as the gate would catch it.
        var whyNow = (string)ApiFixtures.GoodFields()["why_now"]!;
        var copy = await rachel.PostFormAsync("/deals/alpha", "/deals/alpha?handler=Check&key=risks", [new("fields[risks]", whyNow), new("fields[why_now]", whyNow)]);
        Assert.Contains("the same text as", WebUtility.HtmlDecode(await copy.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Saving_from_the_form_records_the_signed_in_AE_and_source_ui()
    {
        await using var app = await StartWithDealsAsync();
        using var rachel = PageClient.As(app, Rachel);
        const string answer = "Their churn review found onboarding gaps; the COO wants a single renewal owner before Q2.";
        var response = await rachel.PostFormAsync("/deals/alpha", "/deals/alpha", [new("fields[why_now]", answer)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/deals/alpha?done=saved", response.Headers.Location?.OriginalString);

        var deal = await ApiFixtures.GetJsonAsync(app, "/api/deals/alpha");
        var field = deal.GetProperty("deal").GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "why_now");
        Assert.Equal(answer, field.GetProperty("value").GetString());
        Assert.Equal(Rachel, field.GetProperty("setBy").GetString());
        Assert.Equal("ui", field.GetProperty("source").GetString());

        var html = await rachel.GetHtmlAsync("/deals/alpha?done=saved");
        Assert.Contains("Saved.", html);
        Assert.Contains("source <span class=\"source\">ui</span>", html);
        Assert.Contains("Rachel Goldberg via ui", html);
    }

    [Fact]
    public async Task Another_AE_sees_the_deal_read_only_and_gets_403_on_every_post()
    {
        await using var app = await StartWithDealsAsync();
        using var lucas = PageClient.As(app, Lucas);
        var html = await lucas.GetHtmlAsync("/deals/alpha");
        Assert.Contains("id=\"read-only\"", html);
        Assert.DoesNotContain("name=\"fields[", html);
        Assert.DoesNotContain("hx-post", html);
        Assert.DoesNotContain("Move to Discovery", html);
        Assert.DoesNotContain("id=\"save-fields\"", html);
        Assert.Contains("id=\"value-why_now\"", html);

        foreach (var handler in new[] { "", "?handler=Check&key=why_now", "?handler=Move" })
        {
            var response = await lucas.PostFormAsync("/deals/alpha", "/deals/alpha" + handler, [new("fields[why_now]", "tbd"), new("stage", "Discovery")]);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        var deal = await ApiFixtures.GetJsonAsync(app, "/api/deals/alpha");
        Assert.Equal("Qualified", deal.GetProperty("deal").GetProperty("stage").GetString());
        Assert.NotEqual("tbd", deal.GetProperty("deal").GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "why_now").GetProperty("value").GetString());

        // His own deal is his to edit.
        Assert.Contains("name=\"fields[why_now]\"", await lucas.GetHtmlAsync("/deals/beta"));
    }

    [Fact]
    public async Task A_viewer_sees_values_help_and_the_gate_but_no_inputs_or_buttons()
    {
        await using var app = await StartWithDealsAsync();
        using var viewer = PageClient.As(app, Viewer);
        var list = await viewer.GetHtmlAsync("/deals");
        Assert.Contains("data-deal=\"alpha\"", list);
        Assert.DoesNotContain("id=\"deals-mine\"", list);

        var html = await viewer.GetHtmlAsync("/deals/beta");
        Assert.Contains("id=\"read-only\"", html);
        Assert.DoesNotContain("<textarea", html);
        Assert.DoesNotContain("name=\"fields[", html);
        Assert.DoesNotContain("Move to", html);
        Assert.DoesNotContain("/transcript", html);
        Assert.Contains("fails", html);
        Assert.Contains("id=\"gate-next\"", html);

        var response = await viewer.PostFormAsync("/deals/beta", "/deals/beta", [new("fields[why_now]", "A board mandate to cut costs by 10% this year.")]);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_refused_move_lists_each_blocking_field_and_the_DM_links_to_the_deals_form()
    {
        await using var app = await StartWithDealsAsync();
        using var lucas = PageClient.As(app, Lucas);
        var response = await lucas.PostFormAsync("/deals/beta", "/deals/beta?handler=Move", [new("stage", "Discovery")]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("id=\"deal-problem\"", html);
        Assert.Contains("The deal stays in Qualified", html);
        Assert.Contains("href=\"#f-executive_sponsor\"", html);
        Assert.Contains("id=\"error-why_now\"", html);

        await app.SettleAsync();
        var feed = await ApiFixtures.GetJsonAsync(app, "/api/feed");
        var dm = feed.EnumerateArray().Select(i => i.GetProperty("text").GetString() ?? "").Single(t => t.Contains("cannot move to Discovery"));
        Assert.Contains("/deals/beta|", dm);
        Assert.DoesNotContain("/handoffs/beta", dm);

        // A good deal moves, and the page says so.
        using var rachel = PageClient.As(app, Rachel);
        var moved = await rachel.PostFormAsync("/deals/alpha", "/deals/alpha?handler=Move", [new("stage", "Discovery")]);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("Moved to Discovery.", await rachel.GetHtmlAsync(moved.Headers.Location!.OriginalString));
        var deal = await ApiFixtures.GetJsonAsync(app, "/api/deals/alpha");
        Assert.Equal("Discovery", deal.GetProperty("deal").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_closed_deal_links_to_its_handoff()
    {
        await using var app = await BatonApp.StartAsync();
        await ApiFixtures.PostedHandoffAsync(app, "won");
        using var admin = PageClient.As(app, BatonApp.AdminEmail);
        var html = await admin.GetHtmlAsync("/deals/won");
        Assert.Contains("href=\"/handoffs/won\"", html);
        Assert.DoesNotContain("id=\"move-next\"", html);
        Assert.DoesNotContain("id=\"later-fields\"", html);
    }
}
