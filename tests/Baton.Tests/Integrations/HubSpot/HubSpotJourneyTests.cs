using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Core.Data;
using Baton.Tests.Delivery;
using Baton.Tests.Doubles.HubSpot;
using Baton.Tests.Doubles.Slack;
using Microsoft.EntityFrameworkCore;

namespace Baton.Tests.Integrations.HubSpot;

/// <summary>
/// A deal that lives in HubSpot, from creation to the handoff, through signed webhooks and real HTTP both ways: the AE
/// never leaves HubSpot, and HubSpot shows what Baton decided.
/// </summary>
public sealed class HubSpotJourneyTests
{
    [Fact]
    public async Task Journey_DealWorkedInHubSpot_GatedSetBackFixedClosedPostedAndWrittenBack()
    {
        await using var h = await ConnectedBaton.StartAsync();
        var hs = h.HubSpot;

        // Created in HubSpot at Qualified, then worked stage by stage with what the AE knows by each.
        var id = hs.CreateDeal(new Dictionary<string, string?>
        {
            ["dealname"] = "Northwind Analytics - Core", ["dealstage"] = h.StageId("Qualified"), ["pipeline"] = "default",
            ["amount"] = "48000", ["hubspot_owner_id"] = h.AeOwnerId,
        }, companyId: h.CompanyId);
        var baton = $"hs-{id}";
        hs.EditDealInUi(id, With(h.Good("executive_sponsor", "champion", "why_now"), "dealstage", h.StageId("Discovery")), h.AeOwnerId);
        await h.DeliverAndSettleAsync();
        var deal = await Deal(h, baton);
        Assert.Equal("Discovery", deal.Stage);
        Assert.Equal("Northwind Analytics", deal.Company);
        Assert.Equal("rachel.goldberg", deal.OwnerId);
        Assert.All(deal.Fields, f => Assert.Equal("hubspot", f.Source));

        hs.EditDealInUi(id, With(h.Good("success_metric", "decision_criteria", "tech_environment", "tools_replaced"), "dealstage", h.StageId("Demo")), h.AeOwnerId);
        await h.DeliverAndSettleAsync();
        hs.EditDealInUi(id, With(h.Good("competitors", "seats", "products", "arr"), "dealstage", h.StageId("Proposal")), h.AeOwnerId);
        await h.DeliverAndSettleAsync();
        hs.EditDealInUi(id, With(h.Good("why_we_won", "promised", "nonstandard_terms", "risks", "champion_politically_exposed"), "dealstage", h.StageId("Contract Sent")), h.AeOwnerId);
        await h.DeliverAndSettleAsync();
        Assert.Equal("Contract Sent", (await Deal(h, baton)).Stage);
        Assert.Empty(hs.Objects("notes"));

        // Filler typed in HubSpot over a field the stage already requires: Baton keeps its value, puts it back in
        // HubSpot and tells the AE why.
        hs.EditDealInUi(id, new Dictionary<string, string?> { [h.Property("promised")] = "see notes" }, h.AeOwnerId);
        await h.DeliverAndSettleAsync();
        Assert.Equal("Nothing beyond the contract", (await Deal(h, baton)).Fields.Single(f => f.Key == "promised").Value);
        Assert.Equal("Nothing beyond the contract", hs.Deal(id)![h.Property("promised")]);
        var kept = Assert.Single(h.Slack.Slack.RequestsTo("chat.postMessage"), r => r.Error is null && r.Body.Contains("Baton kept the values it had"));
        Assert.Contains("Promised beyond the contract", kept.Body);

        // The close with a field missing: refused, the stage set back in HubSpot, a note saying why, the AE told once.
        hs.EditDealInUi(id, With(h.Good("contract_start"), "dealstage", h.StageId("Closed Won")), h.AeOwnerId);
        await h.DeliverAndSettleAsync();
        Assert.Equal("Contract Sent", (await Deal(h, baton)).Stage);
        Assert.Equal(h.StageId("Contract Sent"), hs.Deal(id)!["dealstage"]);
        var note = Assert.Single(hs.Objects("notes"));
        Assert.Contains("Renewal date", note["hs_note_body"]);
        Assert.Contains(hs.Associations, a => a.FromType == "notes" && a.ToType == "deals" && a.ToId == id);
        int RefusalDms() => h.Slack.Slack.RequestsTo("chat.postMessage").Count(r => r.Error is null && r.Body.Contains("cannot move to Closed Won"));
        Assert.Equal(1, RefusalDms());
        Assert.Equal(0, await h.App.Db(db => db.Handoffs.CountAsync()));

        // Baton's own write comes back as a webhook, shuffled and duplicated: nothing new is judged or written.
        var writes = hs.RequestsTo("/crm/v3/objects/deals/" + id).Count(r => r.Method == "PATCH");
        await h.DeliverAndSettleAsync(new HubSpotDeliveryOptions { Shuffle = true, DuplicateEvery = 1 });
        Assert.Equal(writes, hs.RequestsTo("/crm/v3/objects/deals/" + id).Count(r => r.Method == "PATCH"));
        Assert.Single(hs.Objects("notes"));

        // The same close again: set back again, but the same problems are not noted or told twice.
        hs.EditDealInUi(id, new Dictionary<string, string?> { ["dealstage"] = h.StageId("Closed Won") }, h.AeOwnerId);
        await h.DeliverAndSettleAsync();
        Assert.Equal(h.StageId("Contract Sent"), hs.Deal(id)!["dealstage"]);
        Assert.Single(hs.Objects("notes"));
        Assert.Equal(1, RefusalDms());

        // The fix, made in HubSpot, and the close goes through.
        hs.EditDealInUi(id, With(h.Good("renewal_date"), "dealstage", h.StageId("Closed Won")), h.AeOwnerId);
        await h.DeliverAndSettleAsync();
        await h.DeliverAndSettleAsync(); // Baton's writes (the CSM, the CS deal) come back as webhooks too
        deal = await Deal(h, baton);
        Assert.Equal("Closed Won", deal.Stage);
        Assert.Equal(h.StageId("Closed Won"), hs.Deal(id)!["dealstage"]);
        var handoff = await h.App.Db(db => db.Handoffs.AsNoTracking().SingleAsync(x => x.DealId == baton));
        Assert.NotNull(handoff.CsmId);

        // Posted in Slack with the CSM mentioned.
        var card = h.Slack.Slack.Messages(SlackDouble.DefaultChannel).Single(m => m.ThreadTs is null);
        Assert.Contains($"<@{SlackHarness.UserId(handoff.CsmId!)}>", SlackHarness.Text(card.Blocks!));

        // HubSpot shows the handoff: the CSM, the summary note, the two tasks due at their SLAs, the CS pipeline deal.
        var csm = h.Playbook.Playbook.FindPerson(handoff.CsmId!)!;
        Assert.Equal(csm.Name, hs.Deal(id)!["baton_csm"]);
        Assert.Contains(hs.Objects("notes"), n => n["hs_note_body"]!.Contains("Handoff to Customer Success") && n["hs_note_body"]!.Contains("Nothing beyond the contract"));
        var tasks = hs.Objects("tasks");
        Assert.Equal(2, tasks.Count);
        Assert.Contains(tasks, t => t["hs_task_subject"]!.StartsWith("Draft the contract", StringComparison.Ordinal));
        var firstContact = Assert.Single(tasks, t => t["hs_task_subject"]!.StartsWith("First contact", StringComparison.Ordinal));
        Assert.Equal(h.OwnerIds[handoff.CsmId!], firstContact["hubspot_owner_id"]);
        Assert.Equal(h.OwnerIds["sam.okoro"], Assert.Single(tasks, t => t["hs_task_subject"]!.StartsWith("Draft", StringComparison.Ordinal))["hubspot_owner_id"]);
        var pipeline = Assert.Single(hs.Pipelines, p => p.Label == "Customer Success");
        var csDeal = Assert.Single(hs.Objects("deals"), d => d["pipeline"] == pipeline.Id);
        Assert.Equal(pipeline.Stages.OrderBy(s => s.DisplayOrder).First().Id, csDeal["dealstage"]);
        Assert.Contains(hs.Associations, a => a.FromType == "deals" && a.FromId == csDeal.Id && a.ToType == "companies" && a.ToId == h.CompanyId);
        Assert.Contains(hs.Associations, a => a.FromType == "deals" && a.FromId == csDeal.Id && a.ToType == "deals" && a.ToId == id);
        Assert.Equal(csDeal.Id, (await Deal(h, baton)).CrmCsRecordId);

        // The CSM works the handoff in Baton; HubSpot logs the warm call and the kickoff and moves the CS pipeline deal.
        var csmId = handoff.CsmId!;
        (await h.App.As(csmId).PostAsJsonAsync($"/api/handoffs/{baton}/acknowledge", new { confirmedPromised = true })).EnsureSuccessStatusCode();
        (await h.App.As(handoff.AeId).PostAsJsonAsync($"/api/handoffs/{baton}/warm-call", new { })).EnsureSuccessStatusCode();
        (await h.App.As(csmId).PostAsJsonAsync($"/api/handoffs/{baton}/accept", new { })).EnsureSuccessStatusCode();
        var kickoffAt = h.App.Time.GetUtcNow().AddDays(3);
        (await h.App.As(csmId).PostAsJsonAsync($"/api/handoffs/{baton}/kickoff", new { atUtc = kickoffAt })).EnsureSuccessStatusCode();
        await h.App.SettleAsync();
        var meetings = hs.Objects("meetings");
        Assert.Contains(meetings, m => m["hs_meeting_title"] == "Warm call: Northwind Analytics" && m["hs_meeting_outcome"] == "COMPLETED");
        Assert.Contains(meetings, m => m["hs_meeting_title"] == "Kickoff: Northwind Analytics" && m["hs_meeting_outcome"] == "SCHEDULED");
        Assert.All(meetings, m => Assert.Contains(hs.Associations, a => a.FromType == "meetings" && a.FromId == m.Id && a.ToId == id));
        var kickoffStage = pipeline.Stages.Single(s => s.Label == "Kickoff Scheduled").Id;
        Assert.Equal(kickoffStage, hs.Deal(csDeal.Id)!["dealstage"]);

        // An edit made in Baton is written back to HubSpot.
        var risks = "Champion leaves in February; the SSO rollout needs IT's change window in January.";
        (await h.App.As(handoff.AeId).PatchAsJsonAsync($"/api/deals/{baton}/fields", new Dictionary<string, string> { ["risks"] = risks })).EnsureSuccessStatusCode();
        await h.App.SettleAsync();
        Assert.Equal(risks, hs.Deal(id)![h.Property("risks")]);
        // Everything due is sent; the customer channel's archiving waits for its day.
        var now = h.App.Time.GetUtcNow().UtcDateTime;
        Assert.Empty(await h.App.Db(db => db.Outbox.Where(o => o.Status != OutboxStatus.Sent && o.NextAttemptAtUtc <= now).Select(o => o.Kind + ": " + o.LastError).ToListAsync()));
    }

    [Fact]
    public async Task WriteBack_HubSpotEditedTheFieldAfterBaton_KeepsHubSpotsNewerValue()
    {
        await using var h = await ConnectedBaton.StartAsync();
        var hs = h.HubSpot;
        var id = hs.CreateDeal(new Dictionary<string, string?>
        {
            ["dealname"] = "Northwind Analytics - Core", ["dealstage"] = h.StageId("Qualified"), ["amount"] = "48000", ["hubspot_owner_id"] = h.AeOwnerId,
        }, companyId: h.CompanyId);
        hs.EditDealInUi(id, h.Good("why_now"), h.AeOwnerId);
        await h.DeliverAndSettleAsync();

        // Baton's edit first; a minute later, before the write-back goes out, the AE edits the same field in HubSpot.
        (await h.App.Http.PatchAsJsonAsync($"/api/deals/hs-{id}/fields", new Dictionary<string, string> { ["why_now"] = "Edited in Baton: audit moved to February." })).EnsureSuccessStatusCode();
        h.Advance(TimeSpan.FromMinutes(1));
        hs.EditDealInUi(id, new Dictionary<string, string?> { [h.Property("why_now")] = "Edited in HubSpot: the CFO wants it live before the Q1 close." }, h.AeOwnerId);
        await h.DeliverAndSettleAsync();

        Assert.Equal("Edited in HubSpot: the CFO wants it live before the Q1 close.", hs.Deal(id)![h.Property("why_now")]);
        var field = (await Deal(h, $"hs-{id}")).Fields.Single(f => f.Key == "why_now");
        Assert.Equal(("Edited in HubSpot: the CFO wants it live before the Q1 close.", "hubspot"), (field.Value, field.Source));
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> properties, string key, string value)
    {
        properties[key] = value;
        return properties;
    }

    private static Task<DealRow> Deal(ConnectedBaton h, string id) =>
        h.App.Db(db => db.Deals.AsNoTracking().Include(d => d.Fields).SingleAsync(d => d.Id == id));
}
