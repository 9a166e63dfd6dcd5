using Baton.Core.Outbox;
using Baton.Core.Recording;
using Baton.Domain.Playbook;

namespace Baton.Core.Handoffs;

/// <summary>
/// At close, for the segments the playbook's <c>notifications.customer_channels</c> names: one message opens the customer's
/// channel now, another archives it <see cref="CustomerChannelRule.ArchiveAfterDays"/> later. Both are keyed by the deal,
/// so a replayed close enqueues nothing new.
/// </summary>
public static class CustomerChannels
{
    public static void Plan(Domain.Playbook.Playbook playbook, Recorder recorder, string dealId, string segment, DateTimeOffset now)
    {
        if (playbook.Notifications.CustomerChannels is not { } rule || !rule.AppliesTo(segment)) return;
        recorder.Enqueue(dealId, $"{dealId}:customer-channel", new SlackCustomerChannel(rule.Prefix), now);
        recorder.Enqueue(dealId, $"{dealId}:customer-channel:archive", new SlackCustomerChannelArchive(rule.Prefix, rule.ArchiveAfterDays), now,
            notBeforeUtc: now.AddDays(rule.ArchiveAfterDays));
    }
}
