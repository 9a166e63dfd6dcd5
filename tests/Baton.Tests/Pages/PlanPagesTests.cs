using System.Net;
using System.Text.RegularExpressions;
using Baton.Core.Data;
using Baton.Core.Plans;
using Baton.Core.Playbook;
using Baton.Tests.Api;
using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Tests.Pages;

/// <summary>/plans/{dealId}, the account plan, and /plan/{token}, the customer's page, over HTTP.</summary>
public sealed partial class PlanPagesTests
{
    private const string Page = "/plans/D-1";
    private const string Viewer = "viewer@baton.test";
    private const string Lead = "maria.lopez";

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private static Task<HttpResponseMessage> AddAsync(PageClient client, string kind, string title, bool shareable = false, string? detail = null, string? owner = null, string? due = null) =>
        client.PostFormAsync(Page, Page + "?handler=Add",
        [
            F("kind", kind), F("title", title), F("detail", detail ?? ""), F("owner", owner ?? ""), F("due", due ?? ""),
            .. shareable ? [F("shareable", "true")] : Array.Empty<KeyValuePair<string, string>>(),
        ]);

    private static Task<List<PlanItemRow>> ItemsAsync(BatonApp app) => app.Db(db => db.PlanItems.AsNoTracking().OrderBy(i => i.Id).ToListAsync());

    private static async Task<string> ShareAsync(PageClient client, int days = 30)
    {
        var response = await client.PostFormAsync(Page, Page + "?handler=Share", [F("days", days.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = LinkPattern().Match(html);
        Assert.True(match.Success, "no link shown");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("/plan/([A-Za-z0-9_-]{43})\"")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task The_assigned_CSM_adds_completes_edits_and_deletes_items_while_viewers_and_the_AE_only_read()
    {
        await using var app = await BatonApp.StartAsync();
        var csmId = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var csm = PageClient.As(app, csmId);

        var added = await AddAsync(csm, "milestone", "SSO live for all agents", owner: "Lakeshore IT", due: "2027-01-15");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var item = Assert.Single(await ItemsAsync(app));
        Assert.Equal(("onboarding", "milestone", "Lakeshore IT", csmId), (item.Section, item.Kind, item.Owner, item.CreatedBy));
        Assert.Equal(new DateTime(2027, 1, 15, 0, 0, 0, DateTimeKind.Utc), item.DueOnUtc);

        var edited = await csm.PostFormAsync(Page, Page + "?handler=Update",
            [F("itemId", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), F("kind", "milestone"), F("title", "SSO live for every agent"), F("owner", "Lakeshore IT"), F("due", "2027-01-20")]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var done = await csm.PostFormAsync(Page, Page + "?handler=Complete", [F("itemId", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), F("done", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        item = Assert.Single(await ItemsAsync(app));
        Assert.Equal("SSO live for every agent", item.Title);
        Assert.NotNull(item.DoneAtUtc);
        var html = await csm.GetHtmlAsync(Page);
        Assert.Contains("SSO live for every agent", html);
        Assert.Contains("Mark open", html);

        // Viewers and the AE read the plan without a single form, and their posts are refused.
        foreach (var reader in new[] { Viewer, ApiFixtures.Ae })
        {
            using var client = PageClient.As(app, reader);
            var read = await client.GetHtmlAsync(Page);
            Assert.Contains("SSO live for every agent", read);
            Assert.Contains("id=\"read-only\"", read);
            Assert.DoesNotContain("handler=Add", read);
            Assert.DoesNotContain("handler=Share", read);
            var token = await client.Http.GetStringAsync("/deals");
            var refused = await client.Http.PostAsync(Page + "?handler=Add",
                new FormUrlEncodedContent([F("kind", "goal"), F("title", "x"), F("__RequestVerificationToken", PageClient.Token(token))]));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // A CS lead edits any plan; the CSM deletes.
        using var lead = PageClient.As(app, Lead);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(lead, "action", "Send the rollout checklist")).StatusCode);
        var deleted = await csm.PostFormAsync(Page, Page + "?handler=Delete", [F("itemId", item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var left = Assert.Single(await ItemsAsync(app));
        Assert.Equal(("post_onboarding", "action"), (left.Section, left.Kind));
        var events = await app.Db(db => db.Events.AsNoTracking().Where(e => e.Type.StartsWith("PlanItem")).Select(e => e.Type + ":" + e.Actor).ToListAsync());
        Assert.Equal([$"PlanItemAdded:{csmId}", $"PlanItemChanged:{csmId}", $"PlanItemDone:{csmId}", $"PlanItemAdded:{Lead}", $"PlanItemDeleted:{csmId}"], events);
    }

    [Fact]
    public async Task A_health_note_can_never_be_shareable_in_the_core_or_through_the_page()
    {
        Assert.NotNull(AccountPlan.Check(new PlanItemInput("health_note", "Champion is leaving", null, null, null, Shareable: true)));
        Assert.Null(AccountPlan.Check(new PlanItemInput("health_note", "Champion is leaving", null, null, null, Shareable: false)));
        Assert.False(AccountPlan.MayShare("health_note"));
        Assert.NotNull(AccountPlan.Check(new PlanItemInput("gossip", "x", null, null, null, false)));

        await using var app = await BatonApp.StartAsync();
        var csmId = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var csm = PageClient.As(app, csmId);
        var refused = await AddAsync(csm, "health_note", "Champion is leaving", shareable: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("never be shared", await refused.Content.ReadAsStringAsync());
        Assert.Empty(await ItemsAsync(app));
    }

    [Fact]
    public async Task A_handoff_answer_is_shown_read_only_and_copied_into_the_plan_as_a_goal()
    {
        await using var app = await BatonApp.StartAsync();
        var csmId = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var csm = PageClient.As(app, csmId);
        var html = await csm.GetHtmlAsync(Page);
        Assert.Contains("Cut first-response time from 14 hours to under 4 hours", html);
        Assert.Contains("2027-12-06", html); // the renewal date, from the deal
        var copied = await csm.PostFormAsync(Page, Page + "?handler=Copy", [F("field", "success_metric")]);
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var goal = Assert.Single(await ItemsAsync(app));
        Assert.Equal(("pre_sale", "goal", false), (goal.Section, goal.Kind, goal.Shareable));
        Assert.StartsWith("Cut first-response time", goal.Title);
        var other = await csm.PostFormAsync(Page, Page + "?handler=Copy", [F("field", "risks")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    [Fact]
    public async Task The_customer_page_shows_the_shareable_items_and_none_of_the_internal_ones()
    {
        await using var app = await BatonApp.StartAsync();
        var csmId = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        // Every field of the playbook holds a marker the customer must never see.
        var keys = app.App.Services.GetRequiredService<PlaybookContext>().Playbook.Fields.Fields.Select(f => f.Key).ToList();
        await app.Db(async db =>
        {
            db.FieldValues.RemoveRange(db.FieldValues.Where(f => f.DealId == "D-1"));
            await db.SaveChangesAsync();
            foreach (var key in keys)
                db.FieldValues.Add(new FieldValueRow { DealId = "D-1", Key = key, Value = $"INTERNAL-FIELD-{key}", SetBy = ApiFixtures.Ae, Source = "api" });
            return await db.SaveChangesAsync();
        });
        using var csm = PageClient.As(app, csmId);
        var kinds = AccountPlan.Kinds.Keys.ToList();
        foreach (var kind in kinds)
        {
            if (AccountPlan.MayShare(kind))
                Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(csm, kind, $"SHARED-{kind}", shareable: true, detail: $"INTERNAL-DETAIL-{kind}", owner: $"OWNER-{kind}", due: "2027-02-01")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(csm, kind, $"INTERNAL-TITLE-{kind}", detail: $"INTERNAL-NOTE-{kind}", owner: $"INTERNAL-OWNER-{kind}")).StatusCode);
        }
        var token = await ShareAsync(csm);

        var page = await app.Anonymous.GetAsync($"/plan/{token}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("D-1 Corp", html);
        foreach (var kind in kinds.Where(AccountPlan.MayShare))
        {
            Assert.Contains($"SHARED-{kind}", html);
            Assert.Contains($"OWNER-{kind}", html);
        }
        Assert.Contains("2027-02-01", html);
        Assert.DoesNotContain("INTERNAL-", html);
        Assert.DoesNotContain("SHARED-health_note", html);
        Assert.DoesNotContain("12,000", html);
        Assert.DoesNotContain("12000", html);
        Assert.DoesNotContain("@baton.example", html);
        Assert.DoesNotContain(csmId, html);
        Assert.DoesNotContain("__RequestVerificationToken", html);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("noindex", page.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task An_expired_a_revoked_and_an_unknown_link_get_the_same_404_and_the_token_is_stored_only_as_a_hash()
    {
        await using var app = await BatonApp.StartAsync();
        var csmId = await ApiFixtures.PostedHandoffAsync(app, "D-1");
        using var csm = PageClient.As(app, csmId);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(csm, "goal", "SHARED-goal", shareable: true)).StatusCode);
        var shortLived = await ShareAsync(csm, days: 2);
        var revoked = await ShareAsync(csm);

        var shares = await app.Db(db => db.PlanShares.AsNoTracking().ToListAsync());
        Assert.Equal(2, shares.Count);
        Assert.All(shares, s => Assert.DoesNotContain(s.TokenHash, new[] { shortLived, revoked }));
        Assert.Contains(shares, s => s.TokenHash == AccountPlan.Hash(shortLived));
        var stored = await app.Db(db => db.Events.AsNoTracking().Select(e => e.Data).ToListAsync());
        Assert.DoesNotContain(stored, d => d.Contains(shortLived) || d.Contains(revoked));
        // The link is shown once: the plan page lists it afterwards, never with its token.
        var later = await csm.GetHtmlAsync(Page);
        Assert.DoesNotContain(shortLived, later);
        Assert.Contains("id=\"shares\"", later);

        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous.GetAsync($"/plan/{revoked}")).StatusCode);
        var revoke = await csm.PostFormAsync(Page, Page + "?handler=Revoke", [F("link", AccountPlan.Hash(revoked))]);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous.GetAsync($"/plan/{shortLived}")).StatusCode);
        app.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        var bodies = new List<string>();
        foreach (var token in new[] { shortLived, revoked, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
        {
            var response = await app.Anonymous.GetAsync($"/plan/{token}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("SHARED-goal", body);
            bodies.Add(body);
        }
        Assert.Single(bodies.Distinct());

        // Expiry is chosen, 30 days unless told, at most 180.
        var tooLong = await csm.PostFormAsync(Page, Page + "?handler=Share", [F("days", "181")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
    }
}
