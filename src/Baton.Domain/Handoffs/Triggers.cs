using Baton.Domain.Playbook;

namespace Baton.Domain.Handoffs;

/// <summary>A fact that happened to a handoff, fed to <see cref="Handoff.Apply"/>.</summary>
public abstract record HandoffTrigger
{
    /// <summary>Who caused it: a person id, or <c>crm</c>, <c>slack</c>, <c>clock</c> for systems.</summary>
    public abstract string Actor { get; }

    /// <summary>The trigger's name as it appears in refusals and the audit trail.</summary>
    public string Name => GetType().Name;
}

/// <summary>The CRM reports the deal closed-won; this starts the handoff (see <see cref="Handoff.Start"/>).</summary>
public sealed record DealClosedWon(string DealId, string AccountName, string AeId, Segment Segment, decimal Arr) : HandoffTrigger
{
    public override string Actor => "crm";
}

/// <summary>Routing chose a CSM, or a lead reassigned the handoff (then <paramref name="By"/> is the lead).</summary>
public sealed record CsmAssigned(string CsmId, string Pool, string Explanation, string By = "routing") : HandoffTrigger
{
    public override string Actor => By;
}

/// <summary>The chat service confirmed the card is in the channel.</summary>
public sealed record PostedToChannel(string Channel, string PostId) : HandoffTrigger
{
    public override string Actor => "slack";
}

/// <summary>
/// The CSM acknowledged the handoff and confirmed, by name, that they read what was promised in the deal.
/// </summary>
/// <remarks>A view or a reaction is not an acknowledgment: see <see cref="Viewed"/> and <see cref="Reacted"/>.</remarks>
public sealed record Acknowledged(string CsmId, bool ConfirmedPromised) : HandoffTrigger
{
    public override string Actor => CsmId;
}

/// <summary>Someone opened the card. Recorded, changes nothing.</summary>
public sealed record Viewed(string By) : HandoffTrigger
{
    public override string Actor => By;
}

/// <summary>Someone reacted to the card with an emoji. Recorded, changes nothing.</summary>
public sealed record Reacted(string By, string Reaction) : HandoffTrigger
{
    public override string Actor => By;
}

/// <summary>The AE and the CSM held the live warm call.</summary>
public sealed record WarmCallHeld(string By) : HandoffTrigger
{
    public override string Actor => By;
}

/// <summary>The CSM accepts the handoff as complete enough to own the customer.</summary>
public sealed record Accepted(string CsmId) : HandoffTrigger
{
    public override string Actor => CsmId;
}

/// <summary>The CSM sends the handoff back to the AE with reasons and the fields they judged junk.</summary>
public sealed record Rejected(string CsmId, IReadOnlyList<string> Reasons, IReadOnlyList<string> JunkFieldKeys) : HandoffTrigger
{
    public override string Actor => CsmId;
}

/// <summary>The AE fixed what the CSM flagged and sends it back.</summary>
public sealed record Resubmitted(string By) : HandoffTrigger
{
    public override string Actor => By;
}

/// <summary>The kickoff with the customer is on the calendar.</summary>
public sealed record KickoffScheduled(string By, DateTimeOffset AtUtc) : HandoffTrigger
{
    public override string Actor => By;
}

/// <summary>The kickoff with the customer took place.</summary>
public sealed record KickoffHeld(string By) : HandoffTrigger
{
    public override string Actor => By;
}

/// <summary>
/// The CSM rates the handoff 1 to 5 and names the fields they still had to ask the customer about.
/// </summary>
public sealed record Rated(string CsmId, int Stars, IReadOnlyList<string> RediscoveredFieldKeys) : HandoffTrigger
{
    public override string Actor => CsmId;
}

/// <summary>The sweeper reports that one run of a clock reached its deadline.</summary>
/// <remarks>Delivered at least once: a duplicate or a report for a stopped run is ignored.</remarks>
public sealed record ClockElapsed(string Clock, DateTimeOffset StartedAtUtc) : HandoffTrigger
{
    public override string Actor => "clock";
}
