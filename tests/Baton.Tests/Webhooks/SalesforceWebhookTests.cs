using System.Net;
using System.Text;
using System.Xml.Linq;
using Baton.Core.Data;
using Baton.Tests.Service;
using Microsoft.EntityFrameworkCore;
using static Baton.Tests.Api.ApiFixtures;

namespace Baton.Tests.Webhooks;

/// <summary>POST /webhooks/salesforce with Outbound Messages shaped as Salesforce's documentation shows them.</summary>
public sealed class SalesforceWebhookTests
{
    private const string Org = "00D000000000001EAA";
    private static readonly XNamespace Outbound = "http://soap.sforce.com/2005/09/outbound";

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Webhooks", "Fixtures", name));

    private static Task<BatonApp> StartAsync(string? org = Org) =>
        BatonApp.StartAsync(new Dictionary<string, string?> { ["Salesforce:OrganizationId"] = org });

    private static async Task<HttpResponseMessage> PostAsync(BatonApp app, string xml) =>
        await app.Anonymous.PostAsync("/webhooks/salesforce", new StringContent(xml, Encoding.UTF8, "text/xml"));

    [Fact]
    public async Task The_documented_message_is_stored_once_and_acknowledged_as_Salesforce_expects()
    {
        await using var app = await StartAsync();
        var xml = Fixture("outbound-message.opportunity.example.xml");

        var first = await PostAsync(app, xml);
        var again = await PostAsync(app, xml);

        foreach (var response in new[] { first, again })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
            var ack = XDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("true", ack.Descendants(Outbound + "Ack").Single().Value);
        }
        var expected = XDocument.Parse(Fixture("outbound-message.ack.example.xml"));
        Assert.Equal("true", expected.Descendants(Outbound + "Ack").Single().Value);
        var rows = await app.Db(db => db.Inbox.Where(i => i.Source == "salesforce").ToListAsync());
        Assert.Equal("04l000000000001AAA", Assert.Single(rows).ExternalId);
    }

    [Theory]
    [InlineData("00D000000000002EAA", HttpStatusCode.Forbidden, "not the one Baton serves")]
    [InlineData("", HttpStatusCode.Unauthorized, "Salesforce:OrganizationId is not configured")]
    public async Task A_message_from_another_org_or_with_no_org_configured_is_refused(string org, HttpStatusCode status, string detail)
    {
        await using var app = await StartAsync(org);
        var response = await PostAsync(app, Fixture("outbound-message.opportunity.example.xml"));
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(detail, (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.False(await app.Db(db => db.Inbox.AnyAsync()));
    }

    [Fact]
    public async Task Broken_xml_is_a_400_naming_the_line()
    {
        await using var app = await StartAsync();
        var response = await PostAsync(app, "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n<oops>");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_close_with_blank_hard_fields_is_refused_by_the_gate_and_a_good_one_starts_the_handoff()
    {
        await using var app = await StartAsync();
        var filler = Fixture("outbound-message.opportunity.example.xml");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, filler)).StatusCode);
        await app.SettleAsync();

        var deal = await app.Db(db => db.Deals.SingleAsync(d => d.CrmSource == "salesforce"));
        Assert.Equal("sf-006000000000001AAA", deal.Id);
        Assert.NotEqual("Closed Won", deal.Stage);
        Assert.Equal(50000m, deal.Amount);
        // The AE hears why, and the stage is to go back in Salesforce.
        Assert.True(await app.Db(db => db.Outbox.AnyAsync(o => o.DealId == deal.Id && o.Kind == "gate")));
        Assert.True(await app.Db(db => db.Outbox.AnyAsync(o => o.DealId == deal.Id && o.Kind == "crm:stage-back")));

        // The AE fills the fields in Salesforce; the next notification carries them.
        var good = GoodFields();
        good["nonstandard_terms"] = "None"; // $50,000 is Mid-Market, where the terms are asked
        var manifest = Core.Playbook.PlaybookContext.Load(Repo.DefaultPlaybook).Playbook.Fields;
        var sf = new StringBuilder();
        foreach (var (key, value) in good)
        {
            var api = manifest.Find(key)!.SalesforceField!;
            var text = value switch { bool b => b ? "Yes" : "No", _ => value?.ToString() };
            sf.Append($"<sf:{api}>{System.Security.SecurityElement.Escape(text)}</sf:{api}>");
        }
        var fixedUp = filler.Replace("<Id>04l000000000001AAA</Id>", "<Id>04l000000000002AAA</Id>")
            .Replace("<sf:StageName>Closed Won</sf:StageName>", "<sf:StageName>Closed Won</sf:StageName>" + sf);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app, fixedUp)).StatusCode);
        await app.SettleAsync();

        Assert.Equal("Closed Won", await app.Db(db => db.Deals.Where(d => d.Id == deal.Id).Select(d => d.Stage).SingleAsync()));
        Assert.True(await app.Db(db => db.Handoffs.AnyAsync(h => h.DealId == deal.Id)));
    }
}
