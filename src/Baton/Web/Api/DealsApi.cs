using System.Security.Claims;
using System.Text.Json;
using Baton.Web.Access;
using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Playbook;
using Baton.Core.Queries;
using Baton.Domain.Gate;
using Baton.Domain.Playbook;

namespace Baton.Web.Api;

/// <summary>/api/deals: create deals, set handoff fields, move stages through the gate.</summary>
internal static class DealsApi
{
    public sealed record MoveStage(string? Stage, string? Actor);

    public sealed record CreateDealBody(string? Id, string? Name, string? Company, string? Stage, string? OwnerId, decimal? Amount, string? Territory, string? CrmId,
        Dictionary<string, JsonElement>? Fields, string? Actor);

    public static void MapDealsApi(this IEndpointRouteBuilder app)
    {
        var deals = app.MapGroup("/api/deals").WithTags("Deals");
        var read = Access.Policies.Read;
        var edit = Access.Policies.EditDeals;

        deals.MapPost("", async (JsonBody<CreateDealBody> json, ClaimsPrincipal user, Core.Deals.CreateDeal create, BatonDb db, PlaybookContext context, CancellationToken ct) => await json.Then(async body =>
        {
            if (Acting.NamedInBody(("actor", body.Actor)) is { } named) return named;
            // An AE creates deals they own; an admin creates them for anyone.
            var owner = body.OwnerId ?? (user.IsAdmin() ? "" : user.PersonId());
            if (!user.CanEditDeal(owner)) return Acting.Forbidden($"an AE creates their own deals; ownerId '{owner}' is not you ({user.PersonId()})");
            if (NotText(body.Fields, "fields.") is { } notText) return notText;
            var input = new NewDeal(body.Id ?? "", body.Name ?? "", body.Company ?? "", body.Stage ?? context.Playbook.Stages[0].Name, owner,
                body.Amount ?? 0, body.Territory, body.CrmId, body.Fields?.ToDictionary(f => f.Key, f => Text(f.Value)));
            return await db.SaveAsync(() => create.RunAsync(input, user.PersonId(), "api", ct), reason => new DealResult.Conflict(reason), ct) switch
            {
                DealResult.Ok ok => Results.Created($"/api/deals/{Uri.EscapeDataString(ok.Deal.Id)}", new { id = ok.Deal.Id, stage = ok.Deal.Stage, ownerId = ok.Deal.OwnerId }),
                // A duplicate id is a conflict with what exists, not a malformed request.
                DealResult.Invalid invalid when invalid.Problems.Any(p => p.Kind == "duplicate") => Problems.Conflict(invalid.Problems.First(p => p.Kind == "duplicate").Reason, "id"),
                var other => ToProblem(other),
            };
        }))
        .RequireAuthorization(edit)
        .Accepts<CreateDealBody>("application/json")
        .WithSummary("Create a deal in an open stage, optionally with handoff field values (201 with Location; 400 names each bad field; 409 if the id exists).");

        deals.MapGet("", async (string? stage, string? owner, string? page, BatonDb db, CancellationToken ct) =>
            !int.TryParse(page ?? "1", out var number) || number < 1
                ? Problems.Invalid([new FieldProblem("page", "invalid", "page is a whole number counting from 1")])
                : Results.Ok(await new DealQueries(db).ListAsync(stage, owner, number, ct)))
            .RequireAuthorization(read)
            .WithSummary("List deals, most recently changed first, 50 a page; filter by stage and owner (AE id).");

        deals.MapGet("/{id}", async (string id, BatonDb db, DealGate gates, PlaybookContext context, CancellationToken ct) =>
        {
            var view = await new DealQueries(db).GetAsync(id, ct);
            if (view is null) return Problems.NotFound($"no deal '{id}'", "id");
            var deal = (await gates.LoadAsync(id, ct))!;
            var playbook = context.Playbook;
            var current = playbook.FindStage(deal.Stage);
            var next = current is { Outcome: StageOutcome.Open }
                ? playbook.Stages.Where(s => s.Order > current.Order && s.Outcome != StageOutcome.Lost).OrderBy(s => s.Order).FirstOrDefault()
                : null;
            return Results.Ok(new
            {
                deal = view,
                segment = playbook.SegmentFor(deal.Amount)?.Name,
                nextStage = next is null ? null : Gate(gates.Evaluate(deal, next)),
                wonStage = current?.Outcome == StageOutcome.Open ? Gate(gates.Evaluate(deal, playbook.WonStage)) : null,
            });
        })
        .RequireAuthorization(read)
        .WithSummary("A deal with each field's value and provenance (setBy, source, setAtUtc) and the gate's preview for the next stage and for the won stage.");

        deals.MapPatch("/{id}/fields", async (string id, JsonBody<Dictionary<string, JsonElement>> json, string? actor, ClaimsPrincipal user, SetDealFields set, BatonDb db, CancellationToken ct) => await json.Then(async fields =>
            NotText(fields, "") ?? Acting.NamedInBody(("actor", actor)) ?? await Acting.CheckDealAsync(user, db, id, ct) ??
            await db.SaveAsync(() => set.RunAsync(id, fields.ToDictionary(f => f.Key, f => Text(f.Value)), user.PersonId(), "api", ct), reason => new DealResult.Conflict(reason), ct) switch
            {
                DealResult.Ok ok => Results.Ok(new { id = ok.Deal.Id, stage = ok.Deal.Stage, fields = ok.Deal.Fields.OrderBy(f => f.Key).Select(f => new { f.Key, f.Value, f.SetBy, f.Source, f.SetAtUtc }) }),
                var other => ToProblem(other),
            }))
            .RequireAuthorization(edit)
            .Accepts<Dictionary<string, string>>("application/json")
            .WithSummary("Set handoff field values by key ({\"why_now\": \"…\"}); a blank value clears the field; an unknown key is a 400 naming it.");

        deals.MapGet("/{id}/gate", async (string id, string? stage, DealGate gates, PlaybookContext context, CancellationToken ct) =>
        {
            var deal = await gates.LoadAsync(id, ct);
            if (deal is null) return Problems.NotFound($"no deal '{id}'", "id");
            var target = stage is null ? context.Playbook.WonStage : context.Playbook.FindStage(stage);
            if (target is null)
                return Problems.Invalid([new FieldProblem("stage", "unknown", $"'{stage}' is not a stage; stages: {string.Join(", ", context.Playbook.Stages.Select(s => s.Name))}")]);
            return Results.Ok(Gate(gates.Evaluate(deal, target)));
        })
        .RequireAuthorization(read)
        .WithSummary("Preview the gate for a stage (default: the won stage) without moving the deal.");

        deals.MapPost("/{id}/stage", async (string id, JsonBody<MoveStage> json, ClaimsPrincipal user, MoveDealStage move, BatonDb db, CancellationToken ct) => await json.Then(async body =>
            Acting.NamedInBody(("actor", body.Actor)) ?? await Acting.CheckDealAsync(user, db, id, ct) ?? (string.IsNullOrWhiteSpace(body.Stage)
                ? Problems.Invalid([new FieldProblem("stage", "required", "name the stage to move to")])
                // A refusal is saved too: it records the AE's notice and nothing else.
                : await db.SaveAsync(() => move.RunAsync(id, body.Stage, user.PersonId(), ct), reason => new DealResult.Conflict(reason), ct) switch
                {
                    DealResult.Ok ok => Results.Ok(new { id = ok.Deal.Id, stage = ok.Deal.Stage, warnings = ok.Gate?.Warnings.Select(Problems.Check).ToArray() ?? [] }),
                    var other => ToProblem(other),
                })))
            .RequireAuthorization(edit)
            .Accepts<MoveStage>("application/json")
            .WithSummary("Move a deal to a stage; the gate runs first and a refusal changes nothing (422 lists each field and its reason).");
    }

    /// <summary>400 naming each field given an object or an array: a field value is text, never a structure.</summary>
    private static IResult? NotText(Dictionary<string, JsonElement>? fields, string prefix)
    {
        var problems = (fields ?? []).Where(f => f.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            .Select(f => new FieldProblem(prefix + f.Key, "invalid", $"'{prefix + f.Key}' is a JSON {(f.Value.ValueKind == JsonValueKind.Object ? "object" : "array")}; a field value is text"))
            .ToList();
        return problems.Count == 0 ? null : Problems.Invalid(problems);
    }

    /// <summary>Field values are text; a number or a boolean is accepted as typed so scripts need not quote them.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "Yes",
        JsonValueKind.False => "No",
        _ => value.GetRawText(),
    };

    public static object Gate(GateResult gate) => new
    {
        stage = gate.Stage.Name,
        segment = gate.Segment,
        passed = gate.Passed,
        blocking = gate.Blocking.Select(Problems.Check).ToArray(),
        warnings = gate.Warnings.Select(Problems.Check).ToArray(),
    };

    private static IResult ToProblem(DealResult result) => result switch
    {
        DealResult.GateRefused refused => Problems.GateRefused(refused.Gate, refused.FieldEdit),
        DealResult.NotFound nf => Problems.NotFound($"no deal '{nf.DealId}'", "id"),
        DealResult.Invalid invalid => Problems.Invalid(invalid.Problems),
        DealResult.Conflict c => Problems.Conflict(c.Reason, "version"),
        _ => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Unexpected result"),
    };
}
