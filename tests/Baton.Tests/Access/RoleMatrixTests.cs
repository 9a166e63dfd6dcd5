using System.Net;
using System.Text;
using Baton.Tests.Service;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Access;

/// <summary>
/// Every endpoint the app maps, against every kind of person. The expectations are written here by hand, from the
/// issue's rules (an AE edits their own deals, a CSM acts on their handoffs, a CS lead reassigns, only admins change
/// settings), not read from the code: an endpoint missing from the table fails, and so does a person who gets in
/// where they must not, or is kept out where they belong.
/// </summary>
public sealed class RoleMatrixTests
{
    // Who tries: anonymous, admin, the deal's AE, another AE, the handoff's CSM, another CSM, the CS lead, a viewer, the contracts team.
    private const string Anon = "anonymous", Admin = "admin", Owner = "ae:owner", OtherAe = "ae:other", Csm = "csm:assigned", OtherCsm = "csm:other",
        Lead = "cs_lead", Viewer = "viewer", Contracts = "contracts";

    private static readonly string[] Everyone = [Anon, Admin, Owner, OtherAe, Csm, OtherCsm, Lead, Viewer, Contracts];
    private static readonly string[] SignedIn = [Admin, Owner, OtherAe, Csm, OtherCsm, Lead, Viewer, Contracts];

    /// <summary>Vendor-signed webhooks and probes: reachable without Baton sign-in, by design.</summary>
    private static readonly string[] OpenByDesign =
        ["POST /webhooks/hubspot", "POST /webhooks/salesforce", "POST /webhooks/slack/interactions", "POST /webhooks/slack/events", "GET /health/live", "GET /health/ready",
         "* /signin", "* /signout", "* /demo/switch", "* /plan/{token}", "* /denied"];

    /// <summary>Method and route → who may. Everyone else must be refused (401 signed out, 403 signed in).</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["GET /openapi/{documentName}.json"] = SignedIn,
        ["GET /api/deals"] = SignedIn,
        ["GET /api/deals/{id}"] = SignedIn,
        ["GET /api/deals/{id}/gate"] = SignedIn,
        ["POST /api/deals"] = [Admin, Owner, OtherAe],
        ["PATCH /api/deals/{id}/fields"] = [Admin, Owner],
        ["POST /api/deals/{id}/stage"] = [Admin, Owner],
        ["GET /api/handoffs"] = SignedIn,
        ["GET /api/handoffs/{dealId}"] = SignedIn,
        ["POST /api/handoffs/{dealId}/acknowledge"] = [Csm],
        ["POST /api/handoffs/{dealId}/accept"] = [Csm],
        ["POST /api/handoffs/{dealId}/reject"] = [Csm],
        ["POST /api/handoffs/{dealId}/rate"] = [Csm],
        ["POST /api/handoffs/{dealId}/kickoff"] = [Csm],
        ["POST /api/handoffs/{dealId}/kickoff-held"] = [Csm],
        ["POST /api/handoffs/{dealId}/warm-call"] = [Csm, Owner],
        ["POST /api/handoffs/{dealId}/resubmit"] = [Admin, Owner],
        ["POST /api/handoffs/{dealId}/reassign"] = [Admin, Lead],
        ["POST /api/handoffs/{dealId}/cs-stage"] = [Csm, Lead],
        ["POST /api/contracts/{dealId}/sent"] = [Admin, Lead, Contracts],
        ["POST /api/contracts/{dealId}/signed"] = [Admin, Lead, Contracts],
        ["GET /api/metrics/handoffs"] = SignedIn,
        ["GET /api/feed"] = SignedIn,
        ["GET /api/outbox"] = [Admin],
        ["POST /api/outbox/{id:long}/retry"] = [Admin],
        ["GET /api/webhooks/refused"] = [Admin],
        ["GET /api/webhooks/outgoing"] = [Admin],
        ["POST /api/webhooks/outgoing/{id:long}/replay"] = [Admin],
        ["POST /api/webhooks/outgoing/replay"] = [Admin],
        ["GET /"] = SignedIn,
        // The dashboard is read by everyone signed in; the commission holdback only by leads, admins and viewers (managers, finance).
        ["GET /dashboard"] = SignedIn,
        ["GET /dashboard/{figure}.csv"] = SignedIn,
        ["GET /dashboard/holdback.csv"] = [Admin, Lead, Viewer, Contracts],
        ["GET /dashboard/holdback-deals.csv"] = [Admin, Lead, Viewer, Contracts],
        ["GET /feed"] = SignedIn,
        // The handoff pages' form handlers share their page's endpoint (POST /handoffs/{id}?handler=…): Acknowledge, Accept,
        // Reject, Kickoff, KickoffHeld, Rate [Csm]; WarmCall [Csm, Owner]; CsStage and board Move [Csm, Lead]; Reassign [Admin, Lead];
        // TaskDone [the task's owner, Admin, Lead]. HandoffPagesTests posts each as another CSM and as a viewer and expects 403.
        ["GET /handoffs"] = SignedIn,
        ["GET /handoffs/board"] = SignedIn,
        ["GET /handoffs/{id}"] = SignedIn,
        ["GET /handoffs/{id}.md"] = SignedIn,
        ["* /me"] = SignedIn,
        ["GET /deals"] = SignedIn,
        ["GET /guide"] = SignedIn,
        ["GET /guide.md"] = SignedIn,
        ["GET /deals/{id}"] = SignedIn,
        // Reading a call into proposals is part of editing the deal; its Read and Save posts are checked per deal.
        ["GET /deals/{id}/transcript"] = [Admin, Owner],
        // Everyone reads a plan; its posts (checked per handoff) are the assigned CSM's, CS leads' and admins'.
        ["GET /plans/{dealId}"] = SignedIn,
        ["GET /settings"] = [Admin],
    };

    [Fact]
    public async Task EveryEndpoint_HasAPolicy_AndEachPersonGetsExactlyTheirRights()
    {
        await using var app = await BatonApp.StartAsync();
        var csm = await PostedHandoffAsync(app, "D-1");
        var otherCsm = csm == "yuki.tanaka" ? "tom.becker" : "yuki.tanaka";
        // Signed out, a page answers with a redirect to /signin: the client must not follow it to the sign-in page's 200.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Anonymous.BaseAddress };
        var clients = new Dictionary<string, HttpClient>
        {
            [Anon] = anonymous, [Admin] = app.Http, [Owner] = app.As(Ae), [OtherAe] = app.As("lucas.ferreira"), [Csm] = app.As(csm),
            [OtherCsm] = app.As(otherCsm), [Lead] = app.As("maria.lopez"), [Viewer] = app.As("kevin.marsh"), [Contracts] = app.As("sam.okoro"),
        };

        var endpoints = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var failures = new List<string>();
        var seen = new HashSet<string>();
        foreach (var endpoint in endpoints)
        {
            var raw = endpoint.RoutePattern.RawText!.Trim('/');
            var pattern = "/" + raw;
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [];
            // Razor Pages answer every method; GET is what a person opens.
            var method = methods.Count == 0 ? "GET" : methods[0];
            var key = $"{method} {pattern}";
            var wildcard = $"* {pattern}";
            if (!seen.Add(key)) continue;

            var open = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            if (OpenByDesign.Contains(key) || OpenByDesign.Contains(wildcard))
            {
                if (!open) failures.Add($"{key}: expected to be open (vendor signature or sign-in), but it requires sign-in");
                continue;
            }
            if (open) failures.Add($"{key}: allows anonymous access and is not meant to");
            if (policies.Count == 0) failures.Add($"{key}: has no named policy");
            if (!Allowed.TryGetValue(key, out var allowed) && !Allowed.TryGetValue(wildcard, out allowed))
            {
                failures.Add($"{key}: is not in the role matrix; add it with who may use it");
                continue;
            }

            var path = pattern.Replace("{dealId}", "D-1").Replace("{id:long}", "1").Replace("{id}", "D-1").Replace("{documentName}", "v1");
            foreach (var who in Everyone)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await clients[who].SendAsync(request);
                var status = (int)response.StatusCode;
                var refused = status is 401 or 403 || (who == Anon && status == 302 && response.Headers.Location?.OriginalString.Contains("/signin") == true);
                if (allowed.Contains(who) && refused) failures.Add($"{key}: {who} is refused ({status}) but may use it");
                if (!allowed.Contains(who) && !refused) failures.Add($"{key}: {who} got {status} but must be refused");
            }
        }
        foreach (var expected in Allowed.Keys.Where(k => !k.StartsWith('*') && !seen.Contains(k)))
            failures.Add($"{expected}: is in the matrix but the app does not map it");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task AReadOnlyToken_CannotWrite_AndARevokedOneCannotRead()
    {
        await using var app = await BatonApp.StartAsync();
        var readOnly = app.As(Ae, "read");
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/deals")).StatusCode);
        var create = await readOnly.PostAsync("/api/deals", new StringContent("""{"id":"R-1","name":"R","company":"R"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);

        await app.Db(async db =>
        {
            foreach (var token in db.ApiTokens) token.RevokedAtUtc = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });
        var revoked = await readOnly.GetAsync("/api/deals");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("application/problem+json", revoked.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABodyThatNamesTheActor_IsRefused_AndTheRecordNamesTheSignedInPerson()
    {
        await using var app = await BatonApp.StartAsync();
        (await CreateAsync(app, "D-1")).EnsureSuccessStatusCode();
        var ae = app.As(Ae);

        var named = await ae.PatchAsync("/api/deals/D-1/fields?actor=maria.lopez", new StringContent("""{"why_now":"Board mandate to cut churn below 6% this year."}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        var ok = await ae.PatchAsync("/api/deals/D-1/fields", new StringContent("""{"why_now":"Board mandate to cut churn below 6% this year."}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var deal = await GetJsonAsync(app, "/api/deals/D-1");
        var field = deal.GetProperty("deal").GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "why_now");
        Assert.Equal(Ae, field.GetProperty("setBy").GetString());
    }
}
