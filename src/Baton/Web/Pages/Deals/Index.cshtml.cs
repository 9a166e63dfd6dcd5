using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.People;
using Baton.Core.Playbook;
using Baton.Domain.Playbook;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages.Deals;

/// <summary>
/// The deals list: stage, AE, segment, ARR, how complete each deal is for its next stage, and the deals that would
/// fail their next gate picked out. Filters by stage, AE and segment, searches name and company, pages. An AE starts
/// on their own deals.
/// </summary>
[Authorize(Policies.Read)]
public sealed class IndexModel(BatonDb db, PlaybookContext context, DealGate gates) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(string Id, string Name, string Company, string Stage, string OwnerId, string OwnerName, string? Segment, decimal Amount,
        Completeness Completeness, string? NextStage, bool FailsNextGate, int Blocking);

    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Ae { get; set; }
    [BindProperty(SupportsGet = true)] public string? Segment { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The page number, from 1 (not <c>page</c>: Razor Pages owns that route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Domain.Playbook.Playbook Playbook => context.Playbook;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    /// <summary>The AE filter is the signed-in AE's own deals.</summary>
    public bool Mine => Ae is { Length: > 0 } && string.Equals(Ae, User.PersonId(), StringComparison.OrdinalIgnoreCase);
    public bool IsAe => User.IsInRole(AccessRoles.Ae);
    public IEnumerable<TeamMember> Aes => Playbook.Team.Where(m => m.Role == Roles.Ae);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // An AE lands on their own deals; choosing "All AEs" sends ae= and means everyone.
        if (!Request.Query.ContainsKey("ae") && IsAe) Ae = User.PersonId();
        if (PageNumber < 1) PageNumber = 1;

        var query = db.Deals.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Stage)) query = query.Where(d => d.Stage == Stage);
        if (!string.IsNullOrWhiteSpace(Ae)) query = query.Where(d => d.OwnerId == Ae);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim().ToLower();
            query = query.Where(d => d.Name.ToLower().Contains(term) || d.Company.ToLower().Contains(term));
        }

        // The segment comes from the amount through the playbook's bands; decimals do not compare in SQLite, so that
        // filter and the paging run here on ids and amounts only.
        var candidates = await query.Select(d => new { d.Id, d.Amount, d.UpdatedAtUtc }).ToListAsync(ct);
        var segment = string.IsNullOrWhiteSpace(Segment) ? null : Playbook.FindSegment(Segment);
        var matching = candidates
            .Where(d => segment is null || Playbook.SegmentFor(d.Amount)?.Name == segment.Name)
            .OrderByDescending(d => d.UpdatedAtUtc).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        Total = matching.Count;
        if (PageNumber > Pages) PageNumber = Pages;
        var ids = matching.Skip((PageNumber - 1) * PageSize).Take(PageSize).Select(d => d.Id).ToList();

        var deals = await db.Deals.AsNoTracking().Include(d => d.Fields).Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        var byId = deals.ToDictionary(d => d.Id, StringComparer.Ordinal);
        Rows = ids.Where(byId.ContainsKey).Select(id => ToRow(byId[id])).ToList();
    }

    private Row ToRow(DealRow deal)
    {
        var current = Playbook.FindStage(deal.Stage);
        var next = DealSheet.NextStage(Playbook, current);
        var asked = gates.Evaluate(deal, DealSheet.AskedUpTo(Playbook, current));
        var gate = next is null ? null : next == asked.Stage ? asked : gates.Evaluate(deal, next);
        return new Row(deal.Id, deal.Name, deal.Company, deal.Stage, deal.OwnerId, DealSheet.PersonName(Playbook, deal.OwnerId),
            Playbook.SegmentFor(deal.Amount)?.Name, deal.Amount, DealSheet.CompletenessOf(asked), next?.Name,
            gate is { Passed: false }, gate?.Blocking.Count() ?? 0);
    }

    /// <summary>A link to this list with the current filters and one value changed.</summary>
    public string Link(string? ae = null, int? page = null, bool keepAe = true)
    {
        var q = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) q.Add(new(key, value)); }
        Add("stage", Stage);
        q.Add(new("ae", keepAe ? (ae ?? Ae ?? "") : (ae ?? "")));
        Add("segment", Segment);
        Add("q", Q);
        if ((page ?? 1) > 1) q.Add(new("p", page!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/deals" + Microsoft.AspNetCore.Http.QueryString.Create(q);
    }
}
