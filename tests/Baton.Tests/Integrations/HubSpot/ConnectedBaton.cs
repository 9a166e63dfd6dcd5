using Baton.Core.Integrations.HubSpot;
using Baton.Core.Playbook;
using Baton.Tests.Audit;
using Baton.Tests.Delivery;
using Baton.Tests.Doubles.HubSpot;
using Baton.Tests.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Integrations.HubSpot;

/// <summary>
/// Baton connected to the HubSpot double and the Slack double, as an admin sets it up: the portal provisioned by Baton
/// itself, the AE as a HubSpot owner, HubSpot's webhooks pointed at Baton's real address. Both clocks move together.
/// </summary>
internal sealed class ConnectedBaton : IAsyncDisposable
{
    private ConnectedBaton(SlackHarness slack, HubSpotDouble hubSpot, FakeTimeProvider hubSpotTime)
    {
        Slack = slack;
        HubSpot = hubSpot;
        _hubSpotTime = hubSpotTime;
    }

    private readonly FakeTimeProvider _hubSpotTime;

    public SlackHarness Slack { get; }
    public BatonApp App => Slack.App;
    public HubSpotDouble HubSpot { get; }
    public PlaybookContext Playbook => App.App.Services.GetRequiredService<PlaybookContext>();
    public string AeOwnerId { get; private set; } = "";
    /// <summary>Team member id → their HubSpot owner id.</summary>
    public Dictionary<string, string> OwnerIds { get; } = [];
    public string CompanyId { get; private set; } = "";

    public static async Task<ConnectedBaton> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(BatonApp.DefaultStart);
        var hubSpot = await HubSpotDouble.StartAsync(time);
        // The clocks are frozen between steps, so HubSpot's 10-second window would never roll: limits are tested elsewhere.
        hubSpot.RateLimitMax = 100_000;
        var config = new Dictionary<string, string?>
        {
            ["HubSpot:ApiBaseUrl"] = hubSpot.BaseUrl.ToString(),
            ["HubSpot:AccessToken"] = HubSpotDouble.DefaultAccessToken,
            ["HubSpot:ClientSecret"] = HubSpotDouble.DefaultClientSecret,
            ["HubSpot:PortalId"] = HubSpotDouble.PortalId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        var slack = await SlackHarness.StartAsync(settings: config);
        var h = new ConnectedBaton(slack, hubSpot, time);
        hubSpot.WebhookTarget = new Uri(slack.App.Http.BaseAddress!, "webhooks/hubspot");

        using (var scope = slack.App.App.Services.CreateScope())
        {
            var provisioner = scope.ServiceProvider.GetRequiredService<HubSpotProvisioner>();
            var plan = await provisioner.PlanAsync(h.Playbook.Playbook);
            var steps = await provisioner.ApplyAsync(((HubSpotResult<ProvisioningPlan>.Ok)plan).Value);
            Assert.All(steps, s => Assert.Equal(ProvisioningStatus.Done, s.Status));
        }
        foreach (var person in h.Playbook.Playbook.Team)
            h.OwnerIds[person.Id] = hubSpot.AddOwner(person.Email, person.Name.Split(' ')[0], person.Name.Split(' ')[^1]);
        h.AeOwnerId = h.OwnerIds["rachel.goldberg"];
        h.CompanyId = hubSpot.CreateCompany("Northwind Analytics", "northwind.io");
        return h;
    }

    /// <summary>The HubSpot property each manifest key is kept in.</summary>
    public string Property(string key) => Playbook.Playbook.Fields.Find(key)!.HubSpotProperty!;

    /// <summary>Good values of these manifest keys as HubSpot properties, in HubSpot's spelling (true/false for booleans).</summary>
    public Dictionary<string, string?> Good(params string[] keys) => keys.ToDictionary(Property, k => (string?)HubSpotFieldValues.ToHubSpot(Playbook.Playbook.Fields.Find(k)!, ExportBuilder.GoodDeal()[k]));

    public string StageId(string stage) => Playbook.Playbook.FindStage(stage)!.HubSpotId!;

    /// <summary>HubSpot delivers what is pending, then Baton works through its inbox and outbox.</summary>
    public async Task<IReadOnlyList<HubSpotDelivery>> DeliverAndSettleAsync(HubSpotDeliveryOptions? options = null)
    {
        var deliveries = await HubSpot.DeliverWebhooksAsync(options);
        await App.SettleAsync();
        return deliveries;
    }

    public void Advance(TimeSpan by)
    {
        App.Time.Advance(by);
        _hubSpotTime.Advance(by);
    }

    public async ValueTask DisposeAsync()
    {
        await Slack.DisposeAsync();
        await HubSpot.DisposeAsync();
    }
}
