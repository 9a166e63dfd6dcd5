using Baton.Domain.Calendar;
using Baton.Domain.Fields;
using Baton.Domain.Handoffs;
using Baton.Domain.Routing;

namespace Baton.Domain.Playbook;

/// <summary>What entering a stage means for the deal.</summary>
public enum StageOutcome { Open, Won, Lost }

/// <summary>A sales pipeline stage, with the ids each CRM uses for it.</summary>
public sealed record Stage(string Name, int Order, StageOutcome Outcome, string? HubSpotId, string? SalesforceName);

/// <summary>How the CSM receives the customer: the document alone, or a live call with the AE.</summary>
public enum HandoffType { Cold, Hot }

/// <summary>A customer segment, defined by an ARR band [ArrFrom, ArrBelow).</summary>
public sealed record Segment(string Name, decimal? ArrFrom, decimal? ArrBelow, HandoffType Handoff)
{
    public bool Contains(decimal arr) => (ArrFrom is null || arr >= ArrFrom) && (ArrBelow is null || arr < ArrBelow);
}

/// <summary>A service-level deadline in the team's business time, escalated to a role when it runs out.</summary>
public sealed record ClockSpec(string Name, BusinessDuration Duration, string EscalateTo);

/// <summary>The roles Baton knows: who sells, who inherits, and who is told when a clock runs out.</summary>
public static class Roles
{
    public const string Ae = "ae";
    public const string Csm = "csm";
    public const string CsLead = "cs_lead";
    public const string ContractsManager = "contracts_manager";
    public const string AeManager = "ae_manager";
    public const string ImplementationLead = "implementation_lead";

    public static readonly IReadOnlyList<string> All = [Ae, Csm, CsLead, ContractsManager, AeManager, ImplementationLead];
}

/// <summary>A person on the revenue team.</summary>
/// <param name="Manager">Team id of their manager; an AE's manager receives <c>ae_manager</c> escalations.</param>
public sealed record TeamMember(string Id, string Name, string Email, string Role, string? SlackUserId = null, string? Manager = null, int Capacity = 20, string? SalesforceUserId = null);

/// <summary>Where and when people are told: the channel for handoff posts and the stage that warns the CSM early.</summary>
/// <param name="CustomerChannels">A channel of its own per customer for some segments; null when the playbook asks for none.</param>
/// <param name="RevOpsChannel">Where reports for RevOps go (e.g. CRM drift), as a <c>#name</c> or an id; null when there is none.</param>
public sealed record Notifications(string Channel, string? PreCloseStage, CustomerChannelRule? CustomerChannels = null, string? RevOpsChannel = null);

/// <summary>Which closed deals get a chat channel of their own, how it is named, and when it is archived.</summary>
/// <param name="Segments">Segment names, compared case-insensitively.</param>
/// <param name="ArchiveAfterDays">Calendar days from the close to archiving the channel.</param>
/// <param name="Prefix">What the channel's name starts with, before the company's name.</param>
public sealed record CustomerChannelRule(IReadOnlyList<string> Segments, int ArchiveAfterDays, string Prefix)
{
    public const int DefaultArchiveAfterDays = 30;
    public const string DefaultPrefix = "cust-";

    public bool AppliesTo(string segment) => Segments.Contains(segment, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The team's configuration: pipeline, segments, calendar, clocks and the field manifest.</summary>
public sealed class Playbook
{
    public required string Name { get; init; }
    public required IReadOnlyList<Stage> Stages { get; init; }
    public required IReadOnlyList<Segment> Segments { get; init; }
    public required CalendarSpec Calendar { get; init; }
    public required IReadOnlyList<ClockSpec> Clocks { get; init; }
    public required FieldManifest Fields { get; init; }
    public IReadOnlyList<TeamMember> Team { get; init; } = [];
    /// <summary>How closed deals find their CSM; null when the playbook has no routing (the audit needs none).</summary>
    public RoutingTable? Routing { get; init; }
    public Notifications Notifications { get; init; } = new("#cs-handoffs", null);
    public IReadOnlyList<CadenceStep> Cadence { get; init; } = Handoffs.Cadence.Default;
    /// <summary>Receivers of Baton's events, signed per Standard Webhooks; none by default.</summary>
    public IReadOnlyList<Webhooks.WebhookEndpoint> Webhooks { get; init; } = [];
    /// <summary>Dashboard targets and the commission holdback; defaults when the playbook has no <c>dashboard:</c> block.</summary>
    public Metrics.DashboardSettings Dashboard { get; init; } = Metrics.DashboardSettings.Default;

    public TeamMember? FindPerson(string id) =>
        Team.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Email, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Who a role names for one deal: the AE's own manager for <c>ae_manager</c>, else the first member with the role.</summary>
    public TeamMember? Resolve(string role, string aeId) => role == Roles.AeManager
        ? FindPerson(FindPerson(aeId)?.Manager ?? "")
        : Team.FirstOrDefault(p => p.Role == role);

    public Stage WonStage => Stages.First(s => s.Outcome == StageOutcome.Won);

    public Stage? FindStage(string name) =>
        Stages.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public Segment? SegmentFor(decimal arr) => Segments.FirstOrDefault(s => s.Contains(arr));

    public Segment? FindSegment(string name) =>
        Segments.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
