using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Domain.Handoffs;

namespace Baton.Core.Outbox;

/// <summary>The outbox's delivery channels: each has exactly one <see cref="IOutboxDelivery"/>.</summary>
public static class OutboxChannels
{
    public const string Slack = "slack";
    public const string Email = "email";
    public const string Invite = "invite";
    /// <summary>The CRM the deal lives in (HubSpot, Salesforce), picked per deal by its <c>CrmSource</c>.</summary>
    public const string Crm = "crm";
    /// <summary>Receivers the playbook's <c>webhooks</c> declare, signed per Standard Webhooks.</summary>
    public const string Webhook = "webhook";
}

/// <summary>
/// A message Baton must send, as a typed record. Its <see cref="Channel"/> picks the delivery and its <see cref="Kind"/>
/// is stored beside the JSON payload, so <see cref="Read"/> can turn a row back into the same record.
/// </summary>
/// <remarks>Every kind is declared here once; adding one means a record below and a line in <see cref="Types"/>.</remarks>
public abstract record OutboxMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Kind to type. The kind strings are stored in rows, so they never change.</summary>
    private static readonly Dictionary<string, Type> Types = new(StringComparer.Ordinal)
    {
        ["post"] = typeof(SlackCard),
        ["update"] = typeof(SlackCardUpdate),
        ["reply"] = typeof(SlackThreadReply),
        ["dm"] = typeof(SlackDirect),
        ["escalation"] = typeof(SlackEscalation),
        ["gate"] = typeof(SlackGateRefusal),
        ["edit-refused"] = typeof(SlackEditRefusal),
        ["preclose"] = typeof(SlackPreClose),
        ["refusal"] = typeof(SlackActionRefused),
        ["customer-channel"] = typeof(SlackCustomerChannel),
        ["customer-channel-archive"] = typeof(SlackCustomerChannelArchive),
        ["notice"] = typeof(SlackNotice),
        [nameof(EmailKind.CustomerIntroduction)] = typeof(CustomerEmail),
        [nameof(EmailKind.KickoffConfirmation)] = typeof(CustomerEmail),
        [nameof(InviteKind.WarmCall)] = typeof(MeetingInvite),
        [nameof(InviteKind.Kickoff)] = typeof(MeetingInvite),
        ["crm:fields"] = typeof(CrmFieldsWrite),
        ["crm:stage-back"] = typeof(CrmStageSetBack),
        ["crm:gate-note"] = typeof(CrmGateNote),
        ["crm:summary"] = typeof(CrmHandoffSummary),
        ["crm:csm"] = typeof(CrmCsmAssigned),
        ["crm:task"] = typeof(CrmTask),
        ["crm:cs-record"] = typeof(CrmCsRecord),
        ["crm:cs-stage"] = typeof(CrmCsStage),
        ["crm:meeting"] = typeof(CrmMeeting),
        ["webhook"] = typeof(WebhookEvent),
    };

    [JsonIgnore] public abstract string Channel { get; }
    [JsonIgnore] public abstract string Kind { get; }

    public string Serialize() => JsonSerializer.Serialize(this, GetType(), Json);

    /// <summary>The record a row holds, or null when its kind is unknown to this build.</summary>
    public static OutboxMessage? Read(string kind, string payload) =>
        Types.TryGetValue(kind, out var type) ? (OutboxMessage?)JsonSerializer.Deserialize(payload, type, Json) : null;

    public static bool IsKnown(string kind) => Types.ContainsKey(kind);
}

/// <summary>The handoff card for the team channel.</summary>
public sealed record SlackCard(MessageKind Message) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "post";
}

/// <summary>The posted card redrawn in the handoff's current state.</summary>
public sealed record SlackCardUpdate(MessageKind Message) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "update";
}

/// <summary>A reply in the card's thread.</summary>
public sealed record SlackThreadReply(MessageKind Message) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "reply";
}

/// <summary>A direct message to a team member (by Baton person id) about the handoff.</summary>
public sealed record SlackDirect(string To, MessageKind Message) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "dm";
}

/// <summary>A clock ran out: the role it escalates to hears about it.</summary>
public sealed record SlackEscalation(string Role, string Clock) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "escalation";
}

/// <summary>The gate refused a stage move: the AE hears each field's problem.</summary>
public sealed record SlackGateRefusal(string To, string Stage, IReadOnlyList<string> Problems) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "gate";
}

/// <summary>
/// An edit made in the CRM to a field the deal's stage requires did not pass the gate: Baton kept its value (and
/// wrote it back), and the AE hears each field's problem.
/// </summary>
public sealed record SlackEditRefusal(string To, string Stage, IReadOnlyList<string> Problems) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "edit-refused";
}

/// <summary>The deal entered the pre-close stage: the CSM it will likely route to hears early.</summary>
public sealed record SlackPreClose(string To, string Stage) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "preclose";
}

/// <summary>A click in Slack was refused: the clicker hears why.</summary>
public sealed record SlackActionRefused(string? SlackUserId, string? To, string Action, string Reason) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "refusal";
}

/// <summary>A report for a channel that belongs to no deal (RevOps: the CRM drifted from the playbook).</summary>
public sealed record SlackNotice(string To, string Text) : OutboxMessage
{
    public override string Channel => OutboxChannels.Slack;
    public override string Kind => "notice";
}

/// <summary>An e-mail to the customer, drafted from the segment's template.</summary>
public sealed record CustomerEmail(EmailKind Email) : OutboxMessage
{
    public override string Channel => OutboxChannels.Email;
    public override string Kind => Email.ToString();
}

/// <summary>A calendar invitation; <paramref name="AtUtc"/> is null when the attendees pick the slot.</summary>
public sealed record MeetingInvite(InviteKind Invite, DateTimeOffset? AtUtc) : OutboxMessage
{
    public override string Channel => OutboxChannels.Invite;
    public override string Kind => Invite.ToString();
}

/// <summary>A message for the CRM the deal lives in; <see cref="ICrmClient"/> of that CRM delivers it.</summary>
public abstract record CrmMessage : OutboxMessage
{
    [JsonIgnore] public override string Channel => OutboxChannels.Crm;
}

/// <summary>Field values edited in Baton, written back to the CRM deal (manifest keys to values, with when Baton set them).</summary>
public sealed record CrmFieldsWrite(IReadOnlyDictionary<string, string?> Values, DateTimeOffset SetAtUtc) : CrmMessage
{
    public override string Kind => "crm:fields";
}

/// <summary>The gate refused a move made in the CRM: set the deal's stage back to the last one Baton accepted.</summary>
public sealed record CrmStageSetBack(string ToStage, string RefusedStage) : CrmMessage
{
    public override string Kind => "crm:stage-back";
}

/// <summary>A note on the CRM deal listing each field the gate refused and why; once per distinct set of problems.</summary>
public sealed record CrmGateNote(string Stage, IReadOnlyList<string> Problems) : CrmMessage
{
    public override string Kind => "crm:gate-note";
}

/// <summary>The handoff summary as a note on the CRM deal, composed from the deal as it is when delivered.</summary>
public sealed record CrmHandoffSummary : CrmMessage
{
    public override string Kind => "crm:summary";
}

/// <summary>The routed (or reassigned) CSM into the deal's CSM property.</summary>
public sealed record CrmCsmAssigned(string CsmId) : CrmMessage
{
    public override string Kind => "crm:csm";
}

/// <summary>A task on the CRM deal for a team member (Baton person id), due at the SLA.</summary>
public sealed record CrmTask(string Title, string Body, string OwnerId, DateTimeOffset DueAtUtc) : CrmMessage
{
    public override string Kind => "crm:task";
}

/// <summary>The customer's record in the CRM's CS pipeline, linked to the company and the sales deal.</summary>
public sealed record CrmCsRecord : CrmMessage
{
    public override string Kind => "crm:cs-record";
}

/// <summary>The customer moved along the CS pipeline: move its CS pipeline record too.</summary>
public sealed record CrmCsStage(string Stage) : CrmMessage
{
    public override string Kind => "crm:cs-stage";
}

/// <summary>A warm call or kickoff was booked or held: log it as a meeting on the deal.</summary>
public sealed record CrmMeeting(InviteKind Meeting, DateTimeOffset AtUtc, bool Held) : CrmMessage
{
    public override string Kind => "crm:meeting";
}

/// <summary>
/// One event for one webhook receiver. The body is fixed when the event happens, so every attempt and a replay send the
/// same bytes under the same <see cref="MessageId"/>, which the receiver uses to see each event once.
/// </summary>
public sealed record WebhookEvent(string Endpoint, string MessageId, string Type, string Body) : OutboxMessage
{
    public override string Channel => OutboxChannels.Webhook;
    public override string Kind => "webhook";
}
