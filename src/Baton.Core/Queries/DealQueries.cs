using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Queries;

/// <summary>A page of results; <c>Page</c> counts from 1.</summary>
public sealed record Page<T>(int PageNumber, int PageSize, int Total, IReadOnlyList<T> Items);

public sealed record DealSummary(string Id, string Name, string Company, string Stage, string OwnerId, decimal Amount, string? Territory, DateTime UpdatedAtUtc);

public sealed record FieldValueView(string Key, string Value, string SetBy, string Source, DateTime SetAtUtc);

public sealed record DealView(string Id, string? CrmId, string Name, string Company, string Stage, string OwnerId, decimal Amount, string? Territory,
    DateTime CreatedAtUtc, DateTime UpdatedAtUtc, long Version, IReadOnlyList<FieldValueView> Fields);

/// <summary>Read models of deals: projections, no tracking.</summary>
public sealed class DealQueries(BatonDb db)
{
    public const int PageSize = 50;

    public async Task<Page<DealSummary>> ListAsync(string? stage, string? owner, int page, CancellationToken ct)
    {
        var query = db.Deals.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(stage)) query = query.Where(d => d.Stage == stage);
        if (!string.IsNullOrWhiteSpace(owner)) query = query.Where(d => d.OwnerId == owner);
        var total = await query.CountAsync(ct);
        var items = await query
            .OrderByDescending(d => d.UpdatedAtUtc).ThenBy(d => d.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(d => new DealSummary(d.Id, d.Name, d.Company, d.Stage, d.OwnerId, d.Amount, d.Territory, d.UpdatedAtUtc))
            .ToListAsync(ct);
        return new Page<DealSummary>(page, PageSize, total, items);
    }

    public async Task<DealView?> GetAsync(string id, CancellationToken ct)
    {
        var deal = await db.Deals.AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => new { d.Id, d.CrmId, d.Name, d.Company, d.Stage, d.OwnerId, d.Amount, d.Territory, d.CreatedAtUtc, d.UpdatedAtUtc, d.Version })
            .FirstOrDefaultAsync(ct);
        if (deal is null) return null;
        var fields = await db.FieldValues.AsNoTracking()
            .Where(f => f.DealId == id)
            .OrderBy(f => f.Key)
            .Select(f => new FieldValueView(f.Key, f.Value, f.SetBy, f.Source, f.SetAtUtc))
            .ToListAsync(ct);
        return new DealView(deal.Id, deal.CrmId, deal.Name, deal.Company, deal.Stage, deal.OwnerId, deal.Amount, deal.Territory,
            deal.CreatedAtUtc, deal.UpdatedAtUtc, deal.Version, fields);
    }
}
