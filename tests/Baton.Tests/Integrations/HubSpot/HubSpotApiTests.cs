using Baton.Core.Integrations.HubSpot;
using HubSpotFailure = Baton.Tests.Doubles.HubSpot.HubSpotFailure;

namespace Baton.Tests.Integrations.HubSpot;

public sealed class HubSpotApiTests : IAsyncLifetime
{
    private HubSpotHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await HubSpotHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    private string Deal(string stage = "appointmentscheduled") =>
        _h.HubSpot.CreateDeal(new Dictionary<string, string?> { ["dealname"] = "Northwind rollout", ["dealstage"] = stage, ["amount"] = "48000" });

    private static T Ok<T>(HubSpotResult<T> result) =>
        result is HubSpotResult<T>.Ok ok ? ok.Value : throw new Xunit.Sdk.XunitException($"expected Ok, got {result}");

    [Fact]
    public async Task GetDealAsync_DealWithContactAndCompany_ReturnsPropertiesHistoryAndAssociations()
    {
        var contact = _h.HubSpot.CreateContact("priya.raman@northwind.io", "Priya", "Raman");
        var company = _h.HubSpot.CreateCompany("Northwind", "northwind.io");
        var id = _h.HubSpot.CreateDeal(new Dictionary<string, string?> { ["dealname"] = "Northwind rollout", ["dealstage"] = "contractsent" }, [contact], company);
        _h.HubSpot.EditDealInUi(id, new Dictionary<string, string?> { ["dealstage"] = "closedwon" });

        var deal = Ok(await _h.Api.GetDealAsync(id, ["dealname", "dealstage"], ["dealstage"]));

        Assert.Equal(("Northwind rollout", "closedwon"), (deal["dealname"], deal["dealstage"]));
        Assert.Equal(["closedwon", "contractsent"], deal.History["dealstage"].Select(v => v.Value));
        Assert.Equal([contact], deal.ContactIds);
        Assert.Equal([company], deal.CompanyIds);
        Assert.NotNull(deal.LastModifiedUtc);
    }

    [Fact]
    public async Task GetDealAsync_UnknownId_IsNotFound()
    {
        Assert.IsType<HubSpotResult<HubSpotDealRecord>.NotFound>(await _h.Api.GetDealAsync("999", ["dealname"]));
    }

    [Fact]
    public async Task UpdateDealAsync_Properties_AreWrittenAsStrings()
    {
        var id = Deal();

        Ok(await _h.Api.UpdateDealAsync(id, new Dictionary<string, string?> { ["amount"] = "52000", ["dealstage"] = "closedwon" }));

        Assert.Equal(("52000", "closedwon"), (_h.HubSpot.Deal(id)!["amount"], _h.HubSpot.Deal(id)!["dealstage"]));
    }

    [Fact]
    public async Task UpdateDealAsync_UnknownProperty_FailedWithHubSpotsCategory()
    {
        var failed = Assert.IsType<HubSpotResult<HubSpotRecord>.Failed>(
            await _h.Api.UpdateDealAsync(Deal(), new Dictionary<string, string?> { ["baton_nope"] = "x" }));

        Assert.Equal(400, failed.HttpStatus);
        Assert.Equal("VALIDATION_ERROR", failed.Error.Category);
    }

    [Fact]
    public async Task GetContactsAsync_SomeIdsUnknown_ReturnsThoseThatExist()
    {
        var a = _h.HubSpot.CreateContact("a@northwind.io", "Ada", "Lee");
        var b = _h.HubSpot.CreateContact("b@northwind.io", "Bo", "Chan");

        var contacts = Ok(await _h.Api.GetContactsAsync([a, b, "12"], ["email"]));

        Assert.Equal(["a@northwind.io", "b@northwind.io"], contacts.Select(c => c["email"]).Order());
    }

    [Fact]
    public async Task CreateNoteTaskAndMeetingAsync_OnADeal_AssociatedWithHubSpotsTypeIds()
    {
        var deal = Deal();
        var at = new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

        var note = Ok(await _h.Api.CreateNoteAsync(deal, "<p>Handoff accepted by Dana Whitfield</p>", at));
        var task = Ok(await _h.Api.CreateTaskAsync(deal, new HubSpotTask("Hold the customer kickoff", null, at.AddDays(7))));
        var meeting = Ok(await _h.Api.CreateMeetingAsync(deal, new HubSpotMeeting("Kickoff", "Agenda", at.AddDays(5), at.AddDays(5).AddHours(1))));

        var links = _h.HubSpot.Associations.Where(a => a.ToType == "deals" && a.ToId == deal).ToList();
        Assert.Contains(("notes", note.Id, "deals", deal, HubSpotAssociationTypes.NoteToDeal), links);
        Assert.Contains(("tasks", task.Id, "deals", deal, HubSpotAssociationTypes.TaskToDeal), links);
        Assert.Contains(("meetings", meeting.Id, "deals", deal, HubSpotAssociationTypes.MeetingToDeal), links);
        Assert.Equal("NOT_STARTED", _h.HubSpot.Object("tasks", task.Id)!["hs_task_status"]);
    }

    [Fact]
    public async Task CreateDealAsync_CsDealLinkedToTheSalesDeal_ByTheDefaultDealToDealAssociation()
    {
        var sales = Deal("closedwon");
        var company = _h.HubSpot.CreateCompany("Northwind");

        var cs = Ok(await _h.Api.CreateDealAsync(
            new Dictionary<string, string?> { ["dealname"] = "Northwind onboarding" },
            [new HubSpotAssociation(company, HubSpotAssociationTypes.DealToCompany)]));
        Ok(await _h.Api.AssociateDefaultAsync("deals", cs.Id, "deals", sales));

        var links = _h.HubSpot.Associations.Where(a => a.FromType == "deals" && a.FromId == cs.Id).Select(a => (a.ToType, a.ToId)).ToList();
        Assert.Contains(("companies", company), links);
        Assert.Contains(("deals", sales), links);
    }

    [Fact]
    public async Task AssociateAsync_LabelledType_IsStored()
    {
        var deal = Deal();
        var contact = _h.HubSpot.CreateContact("c@northwind.io", "Cy", "Ng");

        Ok(await _h.Api.AssociateAsync("deals", deal, "contacts", contact, HubSpotAssociationTypes.DealToContact));

        Assert.Contains(("deals", deal, "contacts", contact, 3), _h.HubSpot.Associations);
    }

    [Fact]
    public async Task FindOwnerByEmailAsync_AskedTwice_AsksHubSpotOnce()
    {
        var id = _h.HubSpot.AddOwner("dana.whitfield@baton.example", "Dana", "Whitfield");

        var first = Ok(await _h.Api.FindOwnerByEmailAsync("dana.whitfield@baton.example"));
        var second = Ok(await _h.Api.FindOwnerByEmailAsync("Dana.Whitfield@baton.example"));
        var byId = Ok(await _h.Api.GetOwnerAsync(id));

        Assert.Equal((id, "Dana Whitfield"), (first.Id, first.Name));
        Assert.Equal(first, second);
        Assert.Equal(first, byId);
        Assert.Single(_h.HubSpot.RequestsTo("/crm/v3/owners"));
    }

    [Fact]
    public async Task FindOwnerByEmailAsync_NoSuchOwner_IsNotFound()
    {
        Assert.IsType<HubSpotResult<HubSpotOwner>.NotFound>(await _h.Api.FindOwnerByEmailAsync("nobody@baton.example"));
    }

    [Fact]
    public async Task ListDealPipelinesAsync_ServerErrorOnce_RetriedAndOk()
    {
        _h.HubSpot.FailNext(1, new HubSpotFailure.ServerError(503), "/pipelines");

        var pipelines = Ok(await _h.Api.ListDealPipelinesAsync());

        Assert.Contains(pipelines, p => p.Id == "default" && p.Stages.Any(s => s.Id == "closedwon"));
        Assert.Equal([503, 200], _h.HubSpot.RequestsTo("/pipelines").Select(r => r.Status));
    }

    [Fact]
    public async Task CreateNoteAsync_ServerError_IsNotRepeatedBecauseTheNoteMayExist()
    {
        var deal = Deal();
        _h.HubSpot.FailNext(1, new HubSpotFailure.ServerError(500), "/objects/notes");

        var result = await _h.Api.CreateNoteAsync(deal, "<p>once</p>", new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));

        var transient = Assert.IsType<HubSpotResult<HubSpotRecord>.Transient>(result);
        Assert.Equal(500, transient.HttpStatus);
        Assert.Single(_h.HubSpot.RequestsTo("/objects/notes"));
    }

    [Fact]
    public async Task SearchDealsAsync_SearchRateLimited_RetriedAfterItsOneSecondWindow()
    {
        var deal = Deal();
        _h.HubSpot.FailNext(1, new HubSpotFailure.RateLimited(), "/objects/deals/search");

        var page = Ok(await _h.Api.SearchDealsAsync(new HubSpotSearch([[new HubSpotFilter("dealname", "EQ", "Northwind rollout")]], ["dealname"])));

        Assert.Equal([deal], page.Results.Select(d => d.Id));
        Assert.Equal([429, 200], _h.HubSpot.RequestsTo("/search").Select(r => r.Status));
    }

    [Fact]
    public async Task ListDealPropertiesAsync_DailyQuotaSpent_RateLimitedWithoutRetry()
    {
        _h.HubSpot.FailNext(1, new HubSpotFailure.RateLimited("DAILY"), "/properties/deals");

        var limited = Assert.IsType<HubSpotResult<IReadOnlyList<HubSpotProperty>>.RateLimited>(await _h.Api.ListDealPropertiesAsync());

        Assert.True(limited.Daily);
        Assert.Contains("daily API quota", limited.Describe());
        Assert.Single(_h.HubSpot.RequestsTo("/properties/deals"));
    }

    [Fact]
    public async Task ListDealPropertiesAsync_WrongToken_FailedWith401()
    {
        _h.HubSpot.AccessToken = "pat-na1-rotated";

        var failed = Assert.IsType<HubSpotResult<IReadOnlyList<HubSpotProperty>>.Failed>(await _h.Api.ListDealPropertiesAsync());

        Assert.Equal((401, "INVALID_AUTHENTICATION"), (failed.HttpStatus, failed.Error.Category));
    }

    [Fact]
    public async Task SendAsync_EveryRequest_CarriesTheBearerTokenAndJson()
    {
        await _h.Api.ListDealPropertyGroupsAsync();
        Ok(await _h.Api.CreateDealPropertyGroupAsync(new HubSpotPropertyGroup("handoff_information", "Handoff Information")));

        Assert.All(_h.HubSpot.Requests, r => Assert.Equal($"Bearer {Doubles.HubSpot.HubSpotDouble.DefaultAccessToken}", r.Headers["Authorization"]));
        Assert.StartsWith("application/json", _h.HubSpot.RequestsTo("/groups").Last().Headers["Content-Type"]);
    }
}
