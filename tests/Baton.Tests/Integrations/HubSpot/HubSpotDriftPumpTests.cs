using Baton.Core.Data;
using Baton.Core.Integrations.HubSpot;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Tests.Integrations.HubSpot;

/// <summary>The weekly drift check inside <c>serve</c>: the RevOps channel hears about drift once, and nothing about a clean portal.</summary>
public sealed class HubSpotDriftPumpTests
{
    private const string RevOps = "C0REVOPS001";

    private static async Task<ConnectedBaton> StartAsync()
    {
        var h = await ConnectedBaton.StartAsync();
        h.Slack.Slack.AddChannel(RevOps, "revops"); // the shipped playbook names it "#revops"
        return h;
    }

    private static Task CheckAsync(ConnectedBaton h) => h.App.App.Services.GetRequiredService<HubSpotDriftPump>().RunOnceAsync(CancellationToken.None);

    [Fact]
    public async Task RunOnce_PortalDrifted_TellsTheRevOpsChannelOncePerPeriod()
    {
        await using var h = await StartAsync();
        h.HubSpot.ArchiveProperty("deals", h.Property("why_now"));

        await CheckAsync(h);
        await CheckAsync(h); // a restart, or a second instance, in the same week
        await h.App.RunOutboxAsync();

        var posted = Assert.Single(h.Slack.Slack.Messages(RevOps));
        Assert.Contains("HubSpot no longer matches the playbook", posted.Text);
        Assert.Contains(h.Property("why_now"), posted.Text);

        h.Advance(TimeSpan.FromDays(7)); // the next week it is said again, as long as it lasts
        await CheckAsync(h);
        await h.App.RunOutboxAsync();
        Assert.Equal(2, h.Slack.Slack.Messages(RevOps).Count);
    }

    [Fact]
    public async Task RunOnce_PortalMatches_SaysNothing()
    {
        await using var h = await StartAsync();
        await CheckAsync(h);
        await h.App.RunOutboxAsync();
        Assert.Empty(h.Slack.Slack.Messages(RevOps));
        Assert.Equal(0, await h.App.Db(db => db.Outbox.CountAsync(o => o.Kind == "notice")));
    }
}
