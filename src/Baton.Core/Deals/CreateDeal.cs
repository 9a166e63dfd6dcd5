using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Deals;

/// <summary>Creates a deal in an open stage, with its first field values. Records; the caller saves.</summary>
public sealed class CreateDeal(BatonDb db, PlaybookContext context, DealGate deals, SetDealFields fields, Recorder recorder, TimeProvider time)
{
    public async Task<DealResult> RunAsync(NewDeal input, string actor, string source, CancellationToken ct)
    {
        var playbook = context.Playbook;
        var problems = new List<FieldProblem>();
        var id = input.Id?.Trim() ?? "";
        if (id.Length == 0) problems.Add(new("id", "required", "a deal needs an id"));
        else if (DealIds.Problem(id) is { } badId) problems.Add(new("id", "invalid", badId));
        if (string.IsNullOrWhiteSpace(input.Company)) problems.Add(new("company", "required", "a deal needs the customer's company name"));
        if (string.IsNullOrWhiteSpace(input.OwnerId)) problems.Add(new("ownerId", "required", "a deal needs its AE (team id or e-mail)"));
        if (input.Amount < 0) problems.Add(new("amount", "invalid", "the amount cannot be negative"));
        var stage = playbook.FindStage(input.Stage);
        if (stage is null) problems.Add(deals.UnknownStage("stage", input.Stage));
        else if (stage.Outcome == StageOutcome.Won) problems.Add(new("stage", "invalid", "create the deal in an open stage, then move it to the won stage so the gate runs"));
        problems.AddRange(deals.UnknownFields(input.Fields));
        if (problems.Count == 0 && await db.Deals.AnyAsync(d => d.Id == id, ct))
            problems.Add(new("id", "duplicate", $"deal '{id}' already exists"));
        if (problems.Count > 0) return new DealResult.Invalid(problems);

        var now = time.GetUtcNow();
        var deal = new DealRow
        {
            Id = id,
            CrmId = input.CrmId,
            CrmSource = input.CrmSource,
            Name = string.IsNullOrWhiteSpace(input.Name) ? input.Company : input.Name,
            Company = input.Company.Trim(),
            Stage = stage!.Name,
            OwnerId = playbook.FindPerson(input.OwnerId)?.Id ?? input.OwnerId,
            Amount = input.Amount,
            Territory = input.Territory,
            CreatedAtUtc = now.UtcDateTime,
            UpdatedAtUtc = now.UtcDateTime,
        };
        db.Deals.Add(deal);
        recorder.Event(deal.Id, "DealCreated", new { deal.Stage, deal.OwnerId, deal.Amount }, actor, now);
        fields.Apply(deal, input.Fields, actor, source, now);
        return new DealResult.Ok(deal);
    }
}
