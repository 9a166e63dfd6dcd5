namespace Baton.Core.Data;

// Storage shapes. The domain's records stay free of EF; these rows are mapped in Configurations/.
// Instants are UTC DateTime: SQLite cannot order DateTimeOffset.

/// <summary>A sales deal as Baton knows it.</summary>
public sealed class DealRow
{
    public required string Id { get; set; }
    /// <summary>The deal's id in the CRM it lives in (<see cref="CrmSource"/>); unique.</summary>
    public string? CrmId { get; set; }
    /// <summary><c>hubspot</c> or <c>salesforce</c> when the deal lives in a CRM, which then hears what Baton does with it.</summary>
    public string? CrmSource { get; set; }
    /// <summary>The CRM record of the customer in the CS pipeline, once Baton created it.</summary>
    public string? CrmCsRecordId { get; set; }
    public required string Name { get; set; }
    public required string Company { get; set; }
    public required string Stage { get; set; }
    /// <summary>Team id of the AE who owns the deal.</summary>
    public required string OwnerId { get; set; }
    public decimal Amount { get; set; }
    public string? Territory { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Application-managed concurrency token, bumped on every write.</summary>
    public long Version { get; set; }
    public List<FieldValueRow> Fields { get; set; } = [];
}

/// <summary>The current value of one handoff field, with its provenance; history lives in the event log.</summary>
public sealed class FieldValueRow
{
    public required string DealId { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
    public required string SetBy { get; set; }
    /// <summary>ui, api, crm, import or transcript.</summary>
    public required string Source { get; set; }
    public DateTime SetAtUtc { get; set; }
}

/// <summary>A handoff's current state; the domain's <c>Handoff</c> record flattened.</summary>
public sealed class HandoffRow
{
    public required string DealId { get; set; }
    public required string State { get; set; }
    public required string AccountName { get; set; }
    public required string AeId { get; set; }
    public required string Segment { get; set; }
    public required string Type { get; set; }
    public DateTime ClosedWonAtUtc { get; set; }
    public string? CsmId { get; set; }
    public string? Pool { get; set; }
    public string? RoutingExplanation { get; set; }
    public string? Channel { get; set; }
    public string? PostId { get; set; }
    /// <summary>The customer's own Slack channel, for the segments that get one; archived after the playbook's days.</summary>
    public string? CustomerChannel { get; set; }
    public DateTime? AcknowledgedAtUtc { get; set; }
    public DateTime? WarmCallHeldAtUtc { get; set; }
    public DateTime? AcceptedAtUtc { get; set; }
    public DateTime? KickoffAtUtc { get; set; }
    public DateTime? KickoffHeldAtUtc { get; set; }
    public int Round { get; set; } = 1;
    public string RejectionReasons { get; set; } = "[]";
    public string JunkFields { get; set; } = "[]";
    public int? Stars { get; set; }
    public string RediscoveredFields { get; set; } = "[]";
    public string RunningClocks { get; set; } = "[]";
    public string MissedClocks { get; set; } = "[]";
    public required string CsStage { get; set; }
    public long Version { get; set; }
}

/// <summary>One entry of a deal's append-only history: field changes, stage moves, handoff events.</summary>
public sealed class EventRow
{
    public long Id { get; set; }
    public required string DealId { get; set; }
    public required string Type { get; set; }
    /// <summary>The event as JSON.</summary>
    public required string Data { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    public required string Actor { get; set; }
}

public static class ClockStatus
{
    public const string Running = "running";
    public const string Stopped = "stopped";
    /// <summary>Ran out and escalated: a miss, and someone was told.</summary>
    public const string Fired = "fired";
    /// <summary>
    /// Came due when it no longer applied (its run had ended, or was escalated already): nobody was told, and it is no
    /// miss. Kept apart from <see cref="Fired"/> so "who was told" and the missed counts agree.
    /// </summary>
    public const string Settled = "settled";
}

/// <summary>A durable deadline, written in the transaction that started it and swept when due.</summary>
public sealed class ClockRow
{
    public long Id { get; set; }
    public required string DealId { get; set; }
    public required string Name { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime DueAtUtc { get; set; }
    public required string Status { get; set; }
    public DateTime? StoppedAtUtc { get; set; }
    public DateTime? FiredAtUtc { get; set; }
    /// <summary>A sweeper holds the row until then; a crashed sweeper's claim simply runs out.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }
    public int Attempts { get; set; }
}

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    /// <summary>Gave up after the attempt cap; visible in the API and the log until someone retries it.</summary>
    public const string Parked = "parked";
}

/// <summary>A message Baton must send, written with the state change that caused it.</summary>
public sealed class OutboxRow
{
    public long Id { get; set; }
    /// <summary>Unique: the same effect enqueued twice is one message.</summary>
    public required string IdempotencyKey { get; set; }
    public required string DealId { get; set; }
    /// <summary>slack, email, invite or task.</summary>
    public required string Channel { get; set; }
    public required string Kind { get; set; }
    /// <summary>What the dispatcher needs, as JSON.</summary>
    public required string Payload { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public string? LastError { get; set; }
    /// <summary>Where it went: "slack", or "feed" when Slack is not configured.</summary>
    public string? DeliveredTo { get; set; }
    /// <summary>The receiver's id for it, e.g. the Slack message ts.</summary>
    public string? ExternalId { get; set; }
    /// <summary>What was (or would have been) sent, rendered, for the in-app feed and the log.</summary>
    public string? Rendered { get; set; }
}

public static class InboxStatus
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>An event received from outside, stored raw before it is processed.</summary>
public sealed class InboxRow
{
    public long Id { get; set; }
    public required string Source { get; set; }
    /// <summary>The sender's id for the event; unique per source so a redelivery is a no-op.</summary>
    public required string ExternalId { get; set; }
    public required string Kind { get; set; }
    public required string Body { get; set; }
    public required string Status { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    public DateTime? ProcessedAtUtc { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
}

/// <summary>A pool's round-robin cursor.</summary>
public sealed class RoutingCursorRow
{
    public required string Pool { get; set; }
    public int Cursor { get; set; }
}

/// <summary>A dated step of the post-close cadence.</summary>
public sealed class TaskRow
{
    public long Id { get; set; }
    public required string DealId { get; set; }
    public required string Title { get; set; }
    public required string OwnerId { get; set; }
    public DateTime DueAtUtc { get; set; }
    public DateTime? DoneAtUtc { get; set; }
}

/// <summary>The signed agreement's progress.</summary>
public sealed class ContractRow
{
    public required string DealId { get; set; }
    public required string State { get; set; }
    public required string ContractsTeam { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public DateTime? SignedAtUtc { get; set; }
    /// <summary>The running contract_drafted run's start; null once sent or missed.</summary>
    public DateTime? DraftedClockStartedAtUtc { get; set; }
    public string? DraftedClockEscalateTo { get; set; }
    public bool DraftedClockMissed { get; set; }
    public long Version { get; set; }
}

/// <summary>Someone who signs in to Baton; linked to a playbook team member by e-mail.</summary>
public sealed class UserRow
{
    public required string Id { get; set; }
    /// <summary>Lower-case; unique. The key that maps OpenID Connect sign-ins, Slack users and CRM owners to this user.</summary>
    public required string Email { get; set; }
    public required string Name { get; set; }
    /// <summary>admin, ae, csm, cs_lead or viewer.</summary>
    public required string Role { get; set; }
    /// <summary>ASP.NET Core Identity's PBKDF2 hash; null for users who sign in only through OpenID Connect.</summary>
    public string? PasswordHash { get; set; }
    public bool Disabled { get; set; }
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntilUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LastSignInAtUtc { get; set; }
    /// <summary>Bumped when the role changes or the user is disabled, so existing sessions are re-checked.</summary>
    public long Version { get; set; }
}

/// <summary>An API token for scripts: only its SHA-256 hash is stored; the secret is shown once.</summary>
public sealed class ApiTokenRow
{
    /// <summary>The public part of the token (<c>bt_{Id}_{secret}</c>), used to find the row.</summary>
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string SecretHash { get; set; }
    /// <summary>Space-separated: <c>read</c>, <c>write</c>.</summary>
    public required string Scopes { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ExpiresAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }
}

/// <summary>A person on the customer's side of a deal, offered when the AE fills a contact field.</summary>
public sealed class DealContactRow
{
    public required string DealId { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    /// <summary>ui, api, crm or import.</summary>
    public required string Source { get; set; }
}

/// <summary>One entry of a customer's account plan: a goal, a milestone, a date, a note, a review or an action.</summary>
public sealed class PlanItemRow
{
    public long Id { get; set; }
    public required string DealId { get; set; }
    /// <summary>pre_sale, onboarding or post_onboarding.</summary>
    public required string Section { get; set; }
    /// <summary>goal, milestone, date, setup, health_note, review, action or renewal.</summary>
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public string? Detail { get; set; }
    /// <summary>Who owns it, in words the customer understands ("Northwind IT", "Dana (CSM)").</summary>
    public string? Owner { get; set; }
    public DateTime? DueOnUtc { get; set; }
    public DateTime? DoneAtUtc { get; set; }
    /// <summary>Shown on the customer's plan page. Notes and risks are never shareable.</summary>
    public bool Shareable { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A link the CSM shares with the customer: only the hash of its token is stored.</summary>
public sealed class PlanShareRow
{
    public required string TokenHash { get; set; }
    public required string DealId { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
}
