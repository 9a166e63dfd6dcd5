using Baton.Core.Integrations.Email;
using Baton.Tests.Templates;
using Ical.Net;

namespace Baton.Tests.Integrations.Email;

public sealed class CalendarInviteTests
{
    private const string NewYork = "America/New_York";
    private static readonly DateTimeOffset Stamp = new(2026, 10, 26, 15, 4, 5, TimeSpan.Zero);

    internal static readonly MeetingPeople People = new(
        Ae: new Invitee("Sam Ortega", "sam.ortega@baton.example"),
        Csm: new Invitee("Dana Whitfield", "dana.whitfield@baton.example"),
        ImplementationLead: new Invitee("Lee Park", "lee.park@baton.example"),
        Champion: new Invitee("Marcus Lee", "marcus.lee@northwind.io"),
        Sponsor: new Invitee("Priya Raman", "priya.raman@northwind.io"));

    internal static CalendarInvite Kickoff(DateTimeOffset startsAtUtc) => CalendarInvite.Kickoff(
        "h-1042", HandoffModels.For("Enterprise"), People, new MeetingSlot(startsAtUtc, TimeSpan.FromHours(1), NewYork), Stamp);

    private static Ical.Net.CalendarComponents.CalendarEvent Parse(string ics, out Calendar calendar)
    {
        calendar = Calendar.Load(ics)!;
        return Assert.Single(calendar.Events);
    }

    [Fact]
    public void ToIcs_WarmCall_InvitesTheTeamWithTheInternalAgenda()
    {
        var invite = CalendarInvite.WarmCall("h-1042", HandoffModels.For("Mid-Market"), People,
            new MeetingSlot(new DateTimeOffset(2026, 10, 27, 14, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(15), NewYork), Stamp);

        var e = Parse(invite.ToIcs(), out var calendar);

        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal("warm-call.h-1042@baton.handoff", e.Uid);
        Assert.Equal(0, e.Sequence);
        Assert.Equal("mailto:dana.whitfield@baton.example", e.Organizer!.Value!.ToString());
        Assert.Equal(["mailto:sam.ortega@baton.example", "mailto:dana.whitfield@baton.example", "mailto:lee.park@baton.example"],
            e.Attendees.Select(a => a.Value!.ToString()));
        Assert.Equal("Warm handoff: Northwind (Sam Ortega to Dana Whitfield)", e.Summary);
        Assert.Contains(HandoffModels.Promised, e.Description);
        Assert.Contains(HandoffModels.Risks, e.Description);
        Assert.Contains("Marcus Lee <marcus.lee@northwind.io> has staked their standing on this purchase", e.Description);
        Assert.Equal(new DateTime(2026, 10, 27, 14, 15, 0, DateTimeKind.Utc), e.DtEnd!.AsUtc);
        Assert.Equal(Stamp.UtcDateTime, e.DtStamp!.AsUtc);
    }

    [Fact]
    public void ToIcs_Kickoff_AddsChampionAndSponsorAndLeavesOutTheRisks()
    {
        var e = Parse(Kickoff(new DateTimeOffset(2026, 10, 30, 14, 0, 0, TimeSpan.Zero)).ToIcs(), out _);

        Assert.Equal("kickoff.h-1042@baton.handoff", e.Uid);
        Assert.Contains("mailto:marcus.lee@northwind.io", e.Attendees.Select(a => a.Value!.ToString()));
        Assert.Contains("Priya Raman", e.Attendees.Select(a => a.CommonName));
        Assert.All(e.Attendees, a => Assert.True(a.Rsvp));
        Assert.Contains($"As recorded: {HandoffModels.SuccessMetric}", e.Description);
        Assert.Contains("2. Scope: Core, Analytics for 45 users, from December 1, 2026.", e.Description);
        Assert.Contains("3. Timeline:", e.Description);
        Assert.Contains("4. Owners: Priya Raman (executive sponsor), Marcus Lee (day-to-day lead)", e.Description);
        Assert.DoesNotContain(HandoffModels.Risks, e.Description);
    }

    [Fact]
    public void Kickoff_WithoutCustomerContacts_InvitesOnlyTheTeam()
    {
        var invite = CalendarInvite.Kickoff("h-7", HandoffModels.For("SMB"), People with { Champion = null, Sponsor = null, ImplementationLead = null },
            new MeetingSlot(new DateTimeOffset(2026, 10, 30, 14, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30), NewYork), Stamp);

        Assert.Equal(["Sam Ortega", "Dana Whitfield"], invite.Attendees.Select(a => a.Name));
    }

    [Fact]
    public void Rescheduled_AcrossTheNovemberDstChange_KeepsUidAndWallClockTime()
    {
        // Friday 30 October 2026 10:00 EDT (UTC-4); clocks go back on Sunday 1 November; Tuesday 3 November 10:00 EST (UTC-5).
        var first = Kickoff(new DateTimeOffset(2026, 10, 30, 14, 0, 0, TimeSpan.Zero));
        var moved = first.Rescheduled(new MeetingSlot(new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), NewYork), Stamp.AddDays(1));

        var before = Parse(first.ToIcs(), out _);
        var ics = moved.ToIcs();
        var after = Parse(ics, out var calendar);

        Assert.Equal(before.Uid, after.Uid);
        Assert.Equal(before.Sequence + 1, after.Sequence);
        Assert.Equal(NewYork, after.DtStart!.TzId);
        Assert.Equal((10, 0), (before.DtStart!.Hour, before.DtStart.Minute));
        Assert.Equal((10, 0), (after.DtStart.Hour, after.DtStart.Minute));
        Assert.Equal(new DateTime(2026, 10, 30, 14, 0, 0, DateTimeKind.Utc), before.DtStart.AsUtc);
        Assert.Equal(new DateTime(2026, 11, 3, 15, 0, 0, DateTimeKind.Utc), after.DtStart.AsUtc);
        Assert.Equal(new DateTime(2026, 11, 3, 16, 0, 0, DateTimeKind.Utc), after.DtEnd!.AsUtc);
        Assert.Contains("DTSTART;TZID=America/New_York:20261103T100000", ics);
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal(NewYork, zone.TzId);
        Assert.Contains("TZOFFSETTO:-0400", ics);
        Assert.Contains("TZOFFSETTO:-0500", ics);
    }

    [Fact]
    public void Cancelled_Invite_IsAMethodCancelForTheSameUidWithTheNextSequence()
    {
        var invite = Kickoff(new DateTimeOffset(2026, 10, 30, 14, 0, 0, TimeSpan.Zero));
        var moved = invite.Rescheduled(invite.Slot with { StartsAtUtc = invite.Slot.StartsAtUtc.AddDays(1) }, Stamp);

        var e = Parse(moved.Cancelled(Stamp.AddHours(1)).ToIcs(), out var calendar);

        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal("CANCELLED", e.Status);
        Assert.Equal(invite.Uid, e.Uid);
        Assert.Equal(2, e.Sequence);
    }

    [Fact]
    public void ToIcs_UnknownTimeZone_Throws()
    {
        var invite = Kickoff(new DateTimeOffset(2026, 10, 30, 14, 0, 0, TimeSpan.Zero));

        Assert.Throws<ArgumentException>(() => (invite with { Slot = invite.Slot with { TimeZone = "Eastern Standard" } }).ToIcs());
    }
}
