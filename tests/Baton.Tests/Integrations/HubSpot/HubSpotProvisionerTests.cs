using Baton.Core.Integrations.HubSpot;
using HubSpotFailure = Baton.Tests.Doubles.HubSpot.HubSpotFailure;

namespace Baton.Tests.Integrations.HubSpot;

public sealed class HubSpotProvisionerTests : IAsyncLifetime
{
    private HubSpotHarness _h = null!;

    public async ValueTask InitializeAsync() =>
        _h = await HubSpotHarness.StartAsync(new Dictionary<string, string?> { ["HubSpot:MaxRetries"] = "0" });

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_FirstActionRefused_StopsAndSkipsTheRest()
    {
        var provisioner = _h.Get<HubSpotProvisioner>();
        var plan = ((HubSpotResult<ProvisioningPlan>.Ok)await provisioner.PlanAsync(Portals.DefaultPlaybook)).Value;
        _h.HubSpot.FailNext(1, new HubSpotFailure.ServerError(502), "/properties/deals/groups");

        var steps = await provisioner.ApplyAsync(plan);

        Assert.Equal(ProvisioningStatus.Failed, steps[0].Status);
        Assert.Contains("HTTP 502", steps[0].Error);
        Assert.All(steps.Skip(1), s => Assert.Equal(ProvisioningStatus.Skipped, s.Status));
        Assert.Null(_h.HubSpot.Property("deals", "baton_why_now"));
    }

    [Fact]
    public async Task PlanAsync_ArchivedPropertyInThePortal_SeenAsArchived()
    {
        _h.HubSpot.DefineProperty("deals", new Doubles.HubSpot.HubSpotPropertyDef("baton_why_now", "Why they bought now", "string", "textarea") { Archived = true });

        var plan = ((HubSpotResult<ProvisioningPlan>.Ok)await _h.Get<HubSpotProvisioner>().PlanAsync(Portals.DefaultPlaybook)).Value;

        Assert.Equal("baton_why_now", Assert.Single(plan.Conflicts).Subject);
        Assert.DoesNotContain(plan.Actions, a => a is ProvisioningAction.CreateProperty { Spec.Name: "baton_why_now" });
    }
}
