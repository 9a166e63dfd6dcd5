using Baton.Core.Data;
using Baton.Domain.Handoffs;

namespace Baton.Core.Handoffs;

/// <summary>What the domain would answer to a trigger on a stored handoff, without recording anything: pages ask it which actions to offer.</summary>
public static class HandoffPreview
{
    public static Transition Apply(HandoffRow row, HandoffClocks clocks, HandoffTrigger trigger, DateTimeOffset nowUtc) =>
        HandoffMapping.ToDomain(row, clocks).Apply(trigger, nowUtc);
}
