using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Domain.Fields;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Deals;

/// <summary>Loading a deal with its fields, and the gate's answer for it and a stage, without moving anything.</summary>
public sealed class DealGate(BatonDb db, PlaybookContext context)
{
    public Task<DealRow?> LoadAsync(string dealId, CancellationToken ct) =>
        db.Deals.Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == dealId, ct);

    public GateResult Evaluate(DealRow deal, Stage target) =>
        GatePlan.For(context.Playbook, target, context.Playbook.SegmentFor(deal.Amount)?.Name).Evaluate(Values(deal));

    public FieldValues Values(DealRow deal) =>
        FieldValues.From(context.Playbook.Fields, deal.Fields.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.OrdinalIgnoreCase));

    /// <summary>Keys that are not fields of the manifest, each with the list of those that are.</summary>
    public IEnumerable<FieldProblem> UnknownFields(IReadOnlyDictionary<string, string?>? fields) =>
        (fields ?? new Dictionary<string, string?>()).Keys
            .Where(k => context.Playbook.Fields.Find(k) is null)
            .Select(k => new FieldProblem(k, "unknown", $"'{k}' is not a handoff field; fields: {string.Join(", ", context.Playbook.Fields.Fields.Select(f => f.Key))}"));

    public FieldProblem UnknownStage(string field, string? value) =>
        new(field, "unknown", $"'{value}' is not a stage; stages: {string.Join(", ", context.Playbook.Stages.Select(s => s.Name))}");
}
