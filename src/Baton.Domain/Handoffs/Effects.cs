using Baton.Domain.Calendar;

namespace Baton.Domain.Handoffs;

/// <summary>What a message is about; adapters pick the template and the wording.</summary>
public enum MessageKind
{
    HandoffCard,
    NewHandoff,
    Reassigned,
    Acknowledged,
    WarmCallHeld,
    Accepted,
    Rejected,
    Resubmitted,
    KickoffScheduled,
    KickoffHeld,
    ClockMissed,
}

/// <summary>The kinds of e-mail the domain asks for.</summary>
public enum EmailKind { CustomerIntroduction, KickoffConfirmation }

/// <summary>The kinds of calendar invite the domain asks for.</summary>
public enum InviteKind { WarmCall, Kickoff }

/// <summary>
/// An imperative the use case writes to the outbox (messages, invites, tasks) or the clock table
/// (<see cref="StartClock"/>, <see cref="StopClock"/>) in the same transaction as the state change.
/// </summary>
public abstract record Effect;

/// <summary>Post the handoff card to the team channel.</summary>
public sealed record PostToChannel(MessageKind Kind) : Effect;

/// <summary>Edit the posted card so the channel sees the current state without scrolling the thread.</summary>
public sealed record UpdatePost(MessageKind Kind) : Effect;

/// <summary>Reply in the card's thread.</summary>
public sealed record ReplyInThread(MessageKind Kind) : Effect;

/// <summary>Message one person directly (by their Baton person id).</summary>
public sealed record DirectMessage(string To, MessageKind Kind) : Effect;

/// <summary>
/// Start a durable clock. The clock sweeper computes the deadline from the duration and the team
/// calendar; the domain does not know the calendar.
/// </summary>
/// <remarks>(Name, StartedAtUtc) identifies one run of the clock: <see cref="ClockElapsed"/> must echo both.</remarks>
public sealed record StartClock(string Name, BusinessDuration Duration, DateTimeOffset StartedAtUtc) : Effect;

/// <summary>Stop a running clock; its stop event happened in time.</summary>
public sealed record StopClock(string Name) : Effect;

/// <summary>Tell a role (as named in the playbook, e.g. <c>cs_lead</c>) that a clock ran out.</summary>
public sealed record Escalate(string Role, string Clock) : Effect;

/// <summary>Send an e-mail to the customer.</summary>
public sealed record SendEmail(EmailKind Kind) : Effect;

/// <summary>Send a calendar invite; <paramref name="AtUtc"/> is null when the attendees pick the slot.</summary>
public sealed record ScheduleInvite(InviteKind Kind, DateTimeOffset? AtUtc) : Effect;

/// <summary>Create a task in the CRM for a role or a person.</summary>
public sealed record CreateTask(string Title, string Owner, DateTimeOffset? DueAtUtc) : Effect;
