using Baton.Core.Data;
using Baton.Core.Handoffs;
using Baton.Core.Playbook;
using Baton.Domain.Fields;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Deals;

/// <summary>A problem with one input, named by the field or property it concerns.</summary>
public sealed record FieldProblem(string Field, string Kind, string Reason);

/// <summary>The answer of a deal command: the deal, or why nothing changed.</summary>
public abstract record DealResult
{
    public sealed record Ok(DealRow Deal, GateResult? Gate = null) : DealResult;
    public sealed record NotFound(string DealId) : DealResult;
    /// <summary>The input itself is wrong (unknown field, unknown stage, duplicate id).</summary>
    public sealed record Invalid(IReadOnlyList<FieldProblem> Problems) : DealResult;
    /// <summary>The gate refused the stage move; nothing changed.</summary>
    public sealed record GateRefused(GateResult Gate) : DealResult;
    public sealed record Conflict(string Reason) : DealResult;
}

/// <summary>A new deal as the API or an import gives it.</summary>
public sealed record NewDeal(string Id, string Name, string Company, string Stage, string OwnerId, decimal Amount, string? Territory, string? CrmId,
    IReadOnlyDictionary<string, string?>? Fields);

/// <summary>Creating deals, setting their handoff fields and moving them through the pipeline, gate included.</summary>
public sealed class DealCommands(BatonDb db, PlaybookContext context, HandoffEngine handoffs, TimeProvider time)
{
    private Domain.Playbook.Playbook Playbook => context.Playbook;

    public async Task<DealResult> CreateAsync(NewDeal input, string actor, string source, CancellationToken ct)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(input.Id)) problems.Add(new("id", "required", "a deal needs an id"));
        if (string.IsNullOrWhiteSpace(input.Company)) problems.Add(new("company", "required", "a deal needs the customer's company name"));
        if (string.IsNullOrWhiteSpace(input.OwnerId)) problems.Add(new("ownerId", "required", "a deal needs its AE (team id or e-mail)"));
        if (input.Amount < 0) problems.Add(new("amount", "invalid", "the amount cannot be negative"));
        var stage = Playbook.FindStage(input.Stage);
        if (stage is null) problems.Add(UnknownStage("stage", input.Stage));
        else if (stage.Outcome == StageOutcome.Won) problems.Add(new("stage", "invalid", "create the deal in an open stage, then move it to the won stage so the gate runs"));
        problems.AddRange(UnknownFields(input.Fields));
        if (problems.Count == 0 && await db.Deals.AnyAsync(d => d.Id == input.Id, ct))
            problems.Add(new("id", "duplicate", $"deal '{input.Id}' already exists"));
        if (problems.Count > 0) return new DealResult.Invalid(problems);

        var now = time.GetUtcNow().UtcDateTime;
        var deal = new DealRow
        {
            Id = input.Id.Trim(),
            CrmId = input.CrmId,
            Name = string.IsNullOrWhiteSpace(input.Name) ? input.Company : input.Name,
            Company = input.Company.Trim(),
            Stage = stage!.Name,
            OwnerId = Playbook.FindPerson(input.OwnerId)?.Id ?? input.OwnerId,
            Amount = input.Amount,
            Territory = input.Territory,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Deals.Add(deal);
        db.Events.Add(new EventRow { DealId = deal.Id, Type = "DealCreated", Data = Json(new { deal.Stage, deal.OwnerId, deal.Amount }), OccurredAtUtc = now, Actor = actor });
        ApplyFields(deal, input.Fields, actor, source, now);
        await db.SaveChangesAsync(ct);
        return new DealResult.Ok(deal);
    }

    /// <summary>Sets handoff field values; a blank value clears the field. Every change is recorded with who, when and from where.</summary>
    public async Task<DealResult> SetFieldsAsync(string dealId, IReadOnlyDictionary<string, string?> fields, string actor, string source, CancellationToken ct)
    {
        var deal = await Load(dealId, ct);
        if (deal is null) return new DealResult.NotFound(dealId);
        var problems = UnknownFields(fields).ToList();
        if (problems.Count > 0) return new DealResult.Invalid(problems);
        ApplyFields(deal, fields, actor, source, time.GetUtcNow().UtcDateTime);
        return await SaveAsync(deal, null, ct);
    }

    /// <summary>Runs the gate for the target stage; a pass moves the deal (and a move into the won stage starts the handoff).</summary>
    public async Task<DealResult> MoveStageAsync(string dealId, string stageName, string actor, CancellationToken ct)
    {
        var deal = await Load(dealId, ct);
        if (deal is null) return new DealResult.NotFound(dealId);
        var target = Playbook.FindStage(stageName);
        if (target is null) return new DealResult.Invalid([UnknownStage("stage", stageName)]);
        var current = Playbook.FindStage(deal.Stage);
        if (current?.Outcome == StageOutcome.Won && target.Outcome != StageOutcome.Won)
            return new DealResult.Invalid([new("stage", "invalid", $"the deal is {deal.Stage}; its handoff has started and it cannot move back")]);
        if (string.Equals(deal.Stage, target.Name, StringComparison.OrdinalIgnoreCase))
            return new DealResult.Ok(deal, null);

        var gate = Gate(deal, target);
        if (!gate.Passed)
        {
            await TellOwnerAsync(deal, gate, ct);
            return new DealResult.GateRefused(gate);
        }

        var now = time.GetUtcNow();
        db.Events.Add(new EventRow { DealId = deal.Id, Type = "StageChanged", Data = Json(new { from = deal.Stage, to = target.Name }), OccurredAtUtc = now.UtcDateTime, Actor = actor });
        deal.Stage = target.Name;
        deal.UpdatedAtUtc = now.UtcDateTime;
        if (target.Outcome == StageOutcome.Won) await handoffs.StartAsync(deal, actor, ct);
        else if (string.Equals(Playbook.Notifications.PreCloseStage, target.Name, StringComparison.OrdinalIgnoreCase))
            await WarnCsmEarlyAsync(deal, now, ct);
        return await SaveAsync(deal, gate, ct);
    }

    /// <summary>The gate's answer for a deal and a stage, without moving anything.</summary>
    public GateResult Gate(DealRow deal, Stage target) =>
        GatePlan.For(Playbook, target, Playbook.SegmentFor(deal.Amount)?.Name).Evaluate(Values(deal));

    public FieldValues Values(DealRow deal) =>
        FieldValues.From(Playbook.Fields, deal.Fields.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.OrdinalIgnoreCase));

    public Task<DealRow?> Load(string dealId, CancellationToken ct) =>
        db.Deals.Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == dealId, ct);

    /// <summary>
    /// The AE hears about a refused move by DM, once per distinct set of problems: the key is derived from them,
    /// so retrying the same move sends nothing new. Nothing else is written.
    /// </summary>
    private async Task TellOwnerAsync(DealRow deal, GateResult gate, CancellationToken ct)
    {
        var problems = gate.Blocking.Select(c => $"{c.Field.Label}: {c.Verdict.Reason}").ToArray();
        var digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join("\n", problems))))[..16];
        var key = $"{deal.Id}:gate:{gate.Stage.Name}:{digest}";
        if (await db.Outbox.AnyAsync(o => o.IdempotencyKey == key, ct)) return;
        handoffs.Enqueue(deal.Id, key, OutboxChannels.Slack, "gate", new { to = deal.OwnerId, stage = gate.Stage.Name, problems }, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // the same refusal, told concurrently: one DM is enough
        }
    }

    private async Task WarnCsmEarlyAsync(DealRow deal, DateTimeOffset now, CancellationToken ct)
    {
        if (Playbook.Routing is not { } routing) return;
        var segment = Playbook.SegmentFor(deal.Amount)?.Name ?? "";
        // A preview: the cursor is not advanced, so the CSM at close may differ in a round-robin pool; the close tells the real one.
        var preview = routing.Route(new Domain.Routing.DealFacts(deal.Id, segment, deal.Amount, deal.Territory, deal.OwnerId, null), await handoffs.RoutingStateAsync(routing, ct));
        handoffs.Enqueue(deal.Id, $"{deal.Id}:preclose", OutboxChannels.Slack, "preclose", new { to = preview.Csm.CsmId, stage = deal.Stage }, now);
    }

    private void ApplyFields(DealRow deal, IReadOnlyDictionary<string, string?>? fields, string actor, string source, DateTime now)
    {
        if (fields is null) return;
        foreach (var (key, raw) in fields)
        {
            var field = Playbook.Fields.Find(key)!;
            var value = raw?.Trim() ?? "";
            var existing = deal.Fields.FirstOrDefault(f => f.Key == field.Key);
            if (existing?.Value == value) continue;
            if (value.Length == 0)
            {
                if (existing is not null) deal.Fields.Remove(existing);
            }
            else if (existing is null)
                deal.Fields.Add(new FieldValueRow { DealId = deal.Id, Key = field.Key, Value = value, SetBy = actor, Source = source, SetAtUtc = now });
            else
            {
                existing.Value = value;
                existing.SetBy = actor;
                existing.Source = source;
                existing.SetAtUtc = now;
            }
            db.Events.Add(new EventRow { DealId = deal.Id, Type = "FieldSet", Data = Json(new { field = field.Key, value, source }), OccurredAtUtc = now, Actor = actor });
        }
        deal.UpdatedAtUtc = now;
    }

    private async Task<DealResult> SaveAsync(DealRow deal, GateResult? gate, CancellationToken ct)
    {
        deal.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            return new DealResult.Ok(deal, gate);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new DealResult.Conflict($"deal {deal.Id} changed meanwhile; reload and try again");
        }
    }

    private IEnumerable<FieldProblem> UnknownFields(IReadOnlyDictionary<string, string?>? fields) =>
        (fields ?? new Dictionary<string, string?>()).Keys
            .Where(k => Playbook.Fields.Find(k) is null)
            .Select(k => new FieldProblem(k, "unknown", $"'{k}' is not a handoff field; fields: {string.Join(", ", Playbook.Fields.Fields.Select(f => f.Key))}"));

    private FieldProblem UnknownStage(string field, string? value) =>
        new(field, "unknown", $"'{value}' is not a stage; stages: {string.Join(", ", Playbook.Stages.Select(s => s.Name))}");

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
}
