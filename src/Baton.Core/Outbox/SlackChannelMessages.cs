namespace Baton.Core.Outbox;

/// <summary>
/// The customer's own channel, opened at close for the segments the playbook names: created (or found again on a retry),
/// the AE, the CSM and the implementation lead invited, the card posted there. Its id is stored on the handoff.
/// </summary>
/// <param name="Prefix">The playbook's prefix when the deal closed, so every attempt asks for the same name.</param>
public sealed record SlackCustomerChannel(string Prefix) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "customer-channel";
}

/// <summary>The customer's channel archived, enqueued at close to be due the playbook's days later.</summary>
/// <param name="Prefix">As in <see cref="SlackCustomerChannel"/>: names the channel when none was stored (the feed).</param>
public sealed record SlackCustomerChannelArchive(string Prefix, int AfterDays) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "customer-channel-archive";
}
