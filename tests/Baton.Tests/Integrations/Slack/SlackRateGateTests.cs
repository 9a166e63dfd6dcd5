using Baton.Core.Integrations.Slack;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Integrations.Slack;

public sealed class SlackRateGateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryTake_SecondPostToOneChannelWithinASecond_WaitsTheRestOfTheSecondWhileOtherChannelsGo()
    {
        var gate = new SlackRateGate(_time);

        Assert.Null(gate.TryTake("chat.postMessage", "C0HANDOFFS1"));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        var wait = gate.TryTake("chat.postMessage", "C0HANDOFFS1");
        var other = gate.TryTake("chat.postMessage", "D0CSM000001");
        _time.Advance(TimeSpan.FromMilliseconds(700));
        var later = gate.TryTake("chat.postMessage", "C0HANDOFFS1");

        Assert.Equal(TimeSpan.FromMilliseconds(700), wait);
        Assert.Null(other);
        Assert.Null(later);
    }

    [Fact]
    public void TryTake_Tier2MethodPast20AMinute_WaitsUntilTheOldestCallLeavesTheMinute()
    {
        var gate = new SlackRateGate(_time);
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(gate.TryTake("conversations.list", null));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromSeconds(40), gate.TryTake("conversations.list", null));
        Assert.Null(gate.TryTake("users.lookupByEmail", null));
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(gate.TryTake("conversations.list", null));
    }

    [Fact]
    public void Blocked_AfterA429_HoldsTheMethodBackForRetryAfter()
    {
        var gate = new SlackRateGate(_time);

        gate.Blocked("chat.postMessage", TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), gate.TryTake("chat.postMessage", "C0OTHER0001"));
        Assert.Null(gate.TryTake("chat.update", null));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(gate.TryTake("chat.postMessage", "C0OTHER0001"));
    }
}
