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

    /// <summary>The longest value a handoff field takes: 10,000 characters, pages of notes, and no more.</summary>
    /// <remarks>Every value is stored, shown on pages, posted to Slack and written to the CRM; a bound keeps all of them sane.</remarks>
    public const int MaxValueLength = 10_000;

    /// <summary>Keys that are not fields of the manifest (each with the list of those that are), and values over <see cref="MaxValueLength"/>.</summary>
    public IEnumerable<FieldProblem> UnknownFields(IReadOnlyDictionary<string, string?>? fields)
    {
        foreach (var (key, value) in fields ?? new Dictionary<string, string?>())
        {
            if (context.Playbook.Fields.Find(key) is null)
                yield return new FieldProblem(key, "unknown", $"'{key}' is not a handoff field; fields: {string.Join(", ", context.Playbook.Fields.Fields.Select(f => f.Key))}");
            else if (value is { Length: > MaxValueLength })
                yield return new FieldProblem(key, "too_long", $"'{key}' is {value.Length:N0} characters; a field value holds at most {MaxValueLength:N0}");
        }
    }

    public FieldProblem UnknownStage(string field, string? value) =>
        new(field, "unknown", $"'{value}' is not a stage; stages: {string.Join(", ", context.Playbook.Stages.Select(s => s.Name))}");
}
