using Baton.Core.Integrations.Slack;

namespace Baton.Tests.Integrations.Slack;

internal static class SampleHandoffs
{
    public const string CsmUserId = "U0CSMDANA1";

    public static HandoffPost Northwind() => new()
    {
        HandoffId = "h-0001",
        Company = "Northwind Traders",
        ArrText = "$48,000",
        Segment = "Mid-market",
        Sponsor = "Priya Shah, VP Operations",
        Champion = "Tom Becker, Ops lead",
        WhyNowMrkdwn = "Peak season starts in March; the current tool cannot route orders across two warehouses.",
        SuccessMetricMrkdwn = "Cut order-to-ship time from *3 days* to *1 day* by 2026-06-30.",
        PromisedMrkdwn = "SSO at go-live; a weekly check-in for the first 6 weeks.",
        RisksMrkdwn = "IT security review not started.",
        BatonUrl = new Uri("https://baton.example.com/handoffs/h-0001"),
        Csm = new SlackPerson(CsmUserId, "Dana Ortiz"),
        StateLabel = "Posted",
    };
}
