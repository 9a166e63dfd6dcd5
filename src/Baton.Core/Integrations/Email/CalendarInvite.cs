using System.Text;
using Baton.Core.Templates;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;

namespace Baton.Core.Integrations.Email;

/// <summary>The two meetings Baton books: the AE-to-CSM warm call and the kickoff with the customer.</summary>
public enum MeetingKind { WarmCall, Kickoff }

/// <summary>Someone on an invite, by name and e-mail address.</summary>
public sealed record Invitee(string Name, string Email);

/// <summary>Who meets: the kickoff adds the customer's champion and sponsor when they are known.</summary>
public sealed record MeetingPeople(Invitee Ae, Invitee Csm, Invitee? ImplementationLead = null, Invitee? Champion = null, Invitee? Sponsor = null);

/// <summary>When: an instant and a length, shown in the team's IANA time zone (e.g. America/New_York).</summary>
public sealed record MeetingSlot(DateTimeOffset StartsAtUtc, TimeSpan Length, string TimeZone);

/// <summary>
/// A calendar invite (iCalendar, RFC 5545/5546) for a handoff meeting: one VEVENT with its VTIMEZONE,
/// organised by the CSM, with the agenda as its description.
/// </summary>
/// <remarks>
/// The UID depends only on the handoff and the kind of meeting, so a reschedule (<see cref="Rescheduled"/>,
/// SEQUENCE + 1) updates the event in every attendee's calendar instead of adding a second one, and
/// <see cref="Cancelled"/> removes it. The caller stores <see cref="Sequence"/> to continue from it.
/// </remarks>
public sealed record CalendarInvite
{
    public required string HandoffId { get; init; }
    public required MeetingKind Kind { get; init; }
    public required MeetingSlot Slot { get; init; }
    public required Invitee Organizer { get; init; }
    public required IReadOnlyList<Invitee> Attendees { get; init; }
    public required string Summary { get; init; }
    public required string Agenda { get; init; }
    /// <summary>When this version of the invite was issued (DTSTAMP).</summary>
    public required DateTimeOffset StampedAtUtc { get; init; }
    public int Sequence { get; init; }
    public bool IsCancelled { get; init; }
    /// <summary>A video-call link or room, if any.</summary>
    public string? Location { get; init; }

    public string Uid => UidFor(HandoffId, Kind);

    /// <summary>iTIP method: REQUEST to invite or update, CANCEL to withdraw.</summary>
    public string Method => IsCancelled ? "CANCEL" : "REQUEST";

    public static string UidFor(string handoffId, MeetingKind kind) =>
        $"{(kind == MeetingKind.WarmCall ? "warm-call" : "kickoff")}.{Uri.EscapeDataString(handoffId)}@baton.handoff";

    /// <summary>The internal warm call: AE, CSM and implementation lead walk the promises, the risks and the champion.</summary>
    public static CalendarInvite WarmCall(string handoffId, HandoffTemplateModel model, MeetingPeople people, MeetingSlot slot, DateTimeOffset stampedAtUtc) => new()
    {
        HandoffId = handoffId,
        Kind = MeetingKind.WarmCall,
        Slot = slot,
        Organizer = people.Csm,
        Attendees = Distinct(people.Ae, people.Csm, people.ImplementationLead),
        Summary = $"Warm handoff: {model.Deal.Company} ({model.Ae.Name} to {model.Csm.Name})",
        Agenda = WarmCallAgenda(model),
        StampedAtUtc = stampedAtUtc,
    };

    /// <summary>The kickoff with the customer: goals and metric, scope, timeline, owners. Never carries the internal risks.</summary>
    public static CalendarInvite Kickoff(string handoffId, HandoffTemplateModel model, MeetingPeople people, MeetingSlot slot, DateTimeOffset stampedAtUtc) => new()
    {
        HandoffId = handoffId,
        Kind = MeetingKind.Kickoff,
        Slot = slot,
        Organizer = people.Csm,
        Attendees = Distinct(people.Ae, people.Csm, people.ImplementationLead, people.Champion, people.Sponsor),
        Summary = $"{model.Deal.Company} kickoff",
        Agenda = KickoffAgenda(model, people),
        StampedAtUtc = stampedAtUtc,
    };

    /// <summary>The same meeting at another time: same UID, next SEQUENCE.</summary>
    public CalendarInvite Rescheduled(MeetingSlot slot, DateTimeOffset stampedAtUtc) =>
        this with { Slot = slot, Sequence = Sequence + 1, StampedAtUtc = stampedAtUtc, IsCancelled = false };

    /// <summary>The withdrawal of this meeting: METHOD:CANCEL, STATUS:CANCELLED, next SEQUENCE.</summary>
    public CalendarInvite Cancelled(DateTimeOffset stampedAtUtc) =>
        this with { Sequence = Sequence + 1, StampedAtUtc = stampedAtUtc, IsCancelled = true };

    /// <summary>The invite as an iCalendar document (CRLF line endings, folded lines).</summary>
    public string ToIcs()
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(Slot.TimeZone)
            ?? throw new ArgumentException($"'{Slot.TimeZone}' is not an IANA time zone", nameof(Slot));
        var start = Local(zone, Slot.StartsAtUtc);
        var calendar = new Ical.Net.Calendar { Method = Method, ProductId = "-//Baton//Handoff//EN" };
        // Rules from a year before the meeting: enough for any client to place it, without the zone's whole history.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(Slot.TimeZone, start.AddYears(-1), includeHistoricalData: false));
        var e = new CalendarEvent
        {
            Uid = Uid,
            Sequence = Sequence,
            DtStamp = new CalDateTime(StampedAtUtc.UtcDateTime, "UTC"),
            DtStart = new CalDateTime(start, Slot.TimeZone),
            DtEnd = new CalDateTime(Local(zone, Slot.StartsAtUtc + Slot.Length), Slot.TimeZone),
            Summary = Summary,
            Description = Agenda,
            Status = IsCancelled ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer($"mailto:{Organizer.Email}") { CommonName = Organizer.Name },
        };
        if (Location is not null) e.Location = Location;
        foreach (var a in Attendees)
            e.Attendees.Add(new Attendee($"mailto:{a.Email}")
            {
                CommonName = a.Name,
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = "NEEDS-ACTION",
                Rsvp = !IsCancelled,
            });
        calendar.Events.Add(e);
        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("the calendar did not serialize");
    }

    private static DateTime Local(DateTimeZone zone, DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime.ToDateTimeUnspecified();

    private static Invitee[] Distinct(params Invitee?[] people) =>
        people.OfType<Invitee>().Where(p => p.Email.Length > 0).DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase).ToArray();

    private static string Field(HandoffTemplateModel model, string key) =>
        model.Fields.TryGetValue(key, out var f) && f.Display.Length > 0 ? f.Display : "not recorded";

    private static string WarmCallAgenda(HandoffTemplateModel m)
    {
        var exposed = m.Fields.TryGetValue("champion_politically_exposed", out var x) && x.Display == "Yes";
        var sb = new StringBuilder();
        sb.Append($"{m.Deal.Company}, {m.Deal.Segment}{(m.Deal.Arr.Length > 0 ? $", {m.Deal.Arr} ARR" : "")}. {m.Ae.Name} hands over to {m.Csm.Name}.\n");
        if (m.HandoffUrl.Length > 0) sb.Append($"Handoff: {m.HandoffUrl}\n");
        sb.Append('\n');
        sb.Append($"1. What was promised beyond the contract, item by item, with who delivers it and by when: {Field(m, "promised")}\n");
        sb.Append($"2. Known risks, and what would make each one real: {Field(m, "risks")}\n");
        sb.Append($"3. The champion's situation: {Field(m, "champion")}");
        sb.Append(exposed ? " has staked their standing on this purchase; what do they need to be seen to win, and from whom is the pushback?\n" : "; who else needs to see progress, and who pushed back?\n");
        sb.Append($"4. What success means to them: {Field(m, "success_metric")}\n");
        sb.Append($"5. Why they bought now: {Field(m, "why_now")}\n");
        sb.Append("6. Anything the fields do not hold: tone, personalities, what not to push in week one.\n");
        return sb.ToString();
    }

    private static string KickoffAgenda(HandoffTemplateModel m, MeetingPeople p)
    {
        var owners = new List<string>();
        if (p.Sponsor is not null) owners.Add($"{p.Sponsor.Name} (executive sponsor)");
        if (p.Champion is not null) owners.Add($"{p.Champion.Name} (day-to-day lead)");
        owners.Add($"{p.Csm.Name} (customer success)");
        if (p.ImplementationLead is not null) owners.Add($"{p.ImplementationLead.Name} (implementation)");
        var start = m.Fields.TryGetValue("contract_start", out var cs) && cs.Display.Length > 0 ? $", from {cs.Display}" : "";
        var sb = new StringBuilder();
        sb.Append($"Kickoff for {m.Deal.Company}: agree the plan to the first measurable result.\n\n");
        sb.Append($"1. Goals and success metric: confirm it, how it is measured, and what is reported to leadership. As recorded: {Field(m, "success_metric")}\n");
        sb.Append($"2. Scope: {Field(m, "products")} for {Field(m, "seats")} users{start}. Beyond the order form: {Field(m, "promised")}\n");
        sb.Append($"3. Timeline: go-live date, date of the first measurable result, and their dependencies ({Field(m, "tech_environment")}).\n");
        sb.Append($"4. Owners: {string.Join(", ", owners)}; one named owner per workstream, review cadence, escalation path.\n");
        return sb.ToString();
    }
}
