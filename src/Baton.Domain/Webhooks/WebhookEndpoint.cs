namespace Baton.Domain.Webhooks;

/// <summary>A receiver of Baton's events (a CS platform, an automation tool), declared in the playbook.</summary>
/// <param name="Name">Lower-case id; the signing secret is configured under <c>Webhooks:{Name}:Secret</c>.</param>
/// <param name="Events">Public event names (<see cref="WebhookEvents"/>); <c>*</c> for all.</param>
public sealed record WebhookEndpoint(string Name, Uri Url, IReadOnlyList<string> Events)
{
    public bool Wants(string publicName) => Events.Contains(WebhookEvents.All) || Events.Contains(publicName, StringComparer.Ordinal);
}

/// <summary>The events a webhook receiver can subscribe to, and the history entries they come from.</summary>
public static class WebhookEvents
{
    public const string All = "*";

    /// <summary>History entry type (the event record's name) → public event name. The names are a contract: never renamed.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByHistoryType = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["HandoffStarted"] = "handoff.started",
        ["HandoffRouted"] = "handoff.routed",
        ["HandoffReassigned"] = "handoff.reassigned",
        ["HandoffPosted"] = "handoff.posted",
        ["HandoffAcknowledged"] = "handoff.acknowledged",
        ["HandoffWarmCallHeld"] = "handoff.warm_call_held",
        ["HandoffAccepted"] = "handoff.accepted",
        ["HandoffRejected"] = "handoff.rejected",
        ["HandoffResubmitted"] = "handoff.resubmitted",
        ["HandoffKickoffScheduled"] = "handoff.kickoff_scheduled",
        ["HandoffKickoffRescheduled"] = "handoff.kickoff_rescheduled",
        ["HandoffKickoffHeld"] = "handoff.kickoff_held",
        ["HandoffRated"] = "handoff.rated",
        ["ClockMissed"] = "clock.missed",
        ["CsStageChanged"] = "cs_stage.changed",
    };

    public static readonly IReadOnlyList<string> Names = ByHistoryType.Values.Order(StringComparer.Ordinal).ToArray();

    public static bool IsKnown(string name) => name == All || ByHistoryType.Values.Contains(name, StringComparer.Ordinal);
}
