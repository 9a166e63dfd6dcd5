using System.Security.Claims;
using Baton.Core.Data;
using Baton.Core.Documents;
using Baton.Core.Playbook;
using Baton.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages.Handoffs;

/// <summary>A running clock's time left in business time (negative when overdue), in words.</summary>
public sealed record ClockLeft(string Name, DateTime DueAtUtc, TimeSpan Left, string Words);

/// <summary>One handoff in the inbox or on the board.</summary>
public sealed record HandoffCard(HandoffRow Row, string CsmName, decimal Arr, IReadOnlyList<ClockLeft> Clocks)
{
    /// <summary>The most urgent running clock's time left; null when none runs.</summary>
    public TimeSpan? Urgency => Clocks.Count == 0 ? null : Clocks.Min(c => c.Left);
}

/// <summary>
/// Whose handoffs a person sees: a CSM their own, an AE those of their deals, a CS lead, an admin and everyone else
/// the team's (filtered by CSM and by state); sorted by the running clock with the least business time left.
/// </summary>
public static class HandoffList
{
    /// <summary>True when the person sees the team's handoffs and may filter them.</summary>
    public static bool SeesTeam(ClaimsPrincipal user) => (!user.IsInRole(Core.People.AccessRoles.Csm) && !user.IsInRole(Core.People.AccessRoles.Ae)) || user.IsLead();

    public static async Task<IReadOnlyList<HandoffCard>> LoadAsync(BatonDb db, PlaybookContext context, ClaimsPrincipal user, DateTimeOffset now,
        string? csm, string? state, CancellationToken ct)
    {
        var query = db.Handoffs.AsNoTracking();
        var me = user.PersonId();
        if (!SeesTeam(user))
            query = user.IsInRole(Core.People.AccessRoles.Csm) ? query.Where(h => h.CsmId == me) : query.Where(h => h.AeId == me);
        else
        {
            if (!string.IsNullOrWhiteSpace(csm)) query = query.Where(h => h.CsmId == csm);
            if (!string.IsNullOrWhiteSpace(state)) query = query.Where(h => h.State == state);
        }
        var rows = await query.OrderBy(h => h.DealId).Take(1000).ToListAsync(ct);
        var ids = rows.Select(r => r.DealId).ToList();
        var amounts = await db.Deals.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Amount }).ToDictionaryAsync(d => d.Id, d => d.Amount, ct);
        var running = await db.Clocks.AsNoTracking().Where(c => ids.Contains(c.DealId) && c.Status == ClockStatus.Running).ToListAsync(ct);
        var calendar = context.Calendar;
        var cards = rows.Select(r => new HandoffCard(
            r,
            r.CsmId is null ? "not assigned" : context.Playbook.FindPerson(r.CsmId)?.Name ?? r.CsmId,
            amounts.GetValueOrDefault(r.DealId),
            running.Where(c => c.DealId == r.DealId).Select(c =>
            {
                var left = calendar.BusinessTimeBetween(now, new DateTimeOffset(c.DueAtUtc, TimeSpan.Zero));
                var words = HandoffDocument.Business(left, calendar.WorkingDayLength);
                return new ClockLeft(c.Name, c.DueAtUtc, left, left >= TimeSpan.Zero ? $"{words} left" : $"overdue by {words}");
            }).OrderBy(c => c.Left).ToList())).ToList();
        return cards.OrderBy(c => c.Urgency is null).ThenBy(c => c.Urgency).ThenByDescending(c => c.Row.ClosedWonAtUtc).ToList();
    }
}
