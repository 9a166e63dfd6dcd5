using System.Security.Claims;
using Baton.Core.Data;
using Baton.Web.Access;
using Baton.Core.Deals;
using Baton.Core.Handoffs;
using Baton.Core.Playbook;
using Baton.Core.Queries;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;

namespace Baton.Web.Api;

/// <summary>/api/handoffs: read a handoff with its clocks and history, and act on it; /api/metrics/handoffs.</summary>
/// <remarks>Every action is one domain trigger through <see cref="ApplyHandoffTrigger"/>; the domain decides, the endpoint only checks input.</remarks>
internal static class HandoffsApi
{
    public sealed record AcknowledgeBody(string? CsmId, bool? ConfirmedPromised);
    public sealed record ByBody(string? By);
    public sealed record CsmBody(string? CsmId);
    public sealed record RejectBody(string? CsmId, string[]? Reasons, string[]? JunkFields);
    public sealed record KickoffBody(string? By, DateTimeOffset? AtUtc);
    public sealed record RateBody(string? CsmId, int? Stars, string[]? RediscoveredFields);
    public sealed record ReassignBody(string? CsmId, string? By);
    public sealed record CsStageBody(string? Stage, string? By);

    public static void MapHandoffsApi(this IEndpointRouteBuilder app)
    {
        var handoffs = app.MapGroup("/api/handoffs").WithTags("Handoffs");

        handoffs.MapGet("", async (string? state, string? csm, BatonDb db, CancellationToken ct) =>
            state is not null && !Enum.TryParse<HandoffState>(state, ignoreCase: false, out _)
                ? Problems.Invalid([new FieldProblem("state", "unknown", $"'{state}' is not a handoff state; states: {string.Join(", ", Enum.GetNames<HandoffState>())}")])
                : Results.Ok(await new HandoffQueries(db).ListAsync(state, csm, 500, ct)))
            .RequireAuthorization(Policies.Read)
            .WithSummary("List handoffs, most recently closed first (at most 500); filter by state and by CSM id.");

        handoffs.MapGet("/{dealId}", async (string dealId, BatonDb db, CancellationToken ct) =>
            await new HandoffQueries(db).GetAsync(dealId, ct) is { } view ? Results.Ok(view) : Problems.NotFound($"deal '{dealId}' has no handoff", "dealId"))
            .RequireAuthorization(Policies.Read)
            .WithSummary("A handoff: state, CSM, pool and why routing chose them, type, CS stage, round, rating, every clock run, tasks, the contract and the full event history in order.");

        var act = Policies.ActOnHandoffs;

        handoffs.MapPost("/{dealId}/acknowledge", async (string dealId, JsonBody<AcknowledgeBody> json, ClaimsPrincipal user, ApplyHandoffTrigger engine, BatonDb db, CancellationToken ct) => await json.Then(async body =>
            Acting.NamedInBody(("csmId", body.CsmId)) ?? await Acting.CheckAssignedCsmAsync(user, db, dealId, ct) ?? (body.ConfirmedPromised is not true
                ? Problems.Invalid([new FieldProblem("confirmedPromised", "required", "acknowledging means confirming you read what was promised in the deal: send true")])
                : await ApplyAsync(engine, db, dealId, new Acknowledged(user.PersonId(), true), ct))))
            .RequireAuthorization(act)
            .Accepts<AcknowledgeBody>("application/json")
            .WithSummary("The assigned CSM acknowledges the handoff, confirming they read what was promised (confirmedPromised: true).");

        handoffs.MapPost("/{dealId}/warm-call", async (string dealId, JsonBody<ByBody> json, ClaimsPrincipal user, ApplyHandoffTrigger engine, BatonDb db, CancellationToken ct) => await json.Then(async body =>
            Acting.NamedInBody(("by", body.By)) ?? await Acting.CheckAssignedCsmAsync(user, db, dealId, ct, aeToo: true) ?? await ApplyAsync(engine, db, dealId, new WarmCallHeld(user.PersonId()), ct)))
            .RequireAuthorization(act)
            .Accepts<ByBody>("application/json")
            .WithSummary("Record that the AE and the CSM held the warm call (the assigned CSM or the deal's AE).");

        handoffs.MapPost("/{dealId}/accept", async (string dealId, JsonBody<CsmBody> json, ClaimsPrincipal user, ApplyHandoffTrigger engine, BatonDb db, CancellationToken ct) => await json.Then(async body =>
            Acting.NamedInBody(("csmId", body.CsmId)) ?? await Acting.CheckAssignedCsmAsync(user, db, dealId, ct) ?? await ApplyAsync(engine, db, dealId, new Accepted(user.PersonId()), ct)))
            .RequireAuthorization(act)
            .Accepts<CsmBody>("application/json")
            .WithSummary("The assigned CSM accepts the handoff.");

        handoffs.MapPost("/{dealId}/reject", async (string dealId, JsonBody<RejectBody> json, ClaimsPrincipal user, ApplyHandoffTrigger engine, BatonDb db, PlaybookContext context, CancellationToken ct) => await json.Then(async body =>
        {
            if ((Acting.NamedInBody(("csmId", body.CsmId)) ?? await Acting.CheckAssignedCsmAsync(user, db, dealId, ct)) is { } refused) return refused;
            var problems = new List<FieldProblem>();
            var reasons = (body.Reasons ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).ToArray();
            if (reasons.Length == 0) problems.Add(new("reasons", "required", "give at least one reason so the AE knows what to fix"));
            problems.AddRange(UnknownFields(context, "junkFields", body.JunkFields));
            return problems.Count > 0 ? Problems.Invalid(problems) : await ApplyAsync(engine, db, dealId, new Rejected(user.PersonId(), reasons, body.JunkFields ?? []), ct);
        }))
            .RequireAuthorization(act)
            .Accepts<RejectBody>("application/json")
            .WithSummary("The assigned CSM sends the handoff back to the AE with reasons and the keys of the fields they judged junk (manifest keys).");

        handoffs.MapPost("/{dealId}/resubmit", async (string dealId, JsonBody<ByBody> json, ClaimsPrincipal user, ApplyHandoffTrigger engine, BatonDb db, DealGate deals, PlaybookContext context, CancellationToken ct) => await json.Then(async body =>
        {
            if (Acting.NamedInBody(("by", body.By)) is { } named) return named;
            var deal = await deals.LoadAsync(dealId, ct);
            if (deal is null) return Problems.NotFound($"no deal '{dealId}'", "dealId");
            if (!user.CanEditDeal(deal.OwnerId)) return Acting.Forbidden($"deal '{dealId}' belongs to {deal.OwnerId}; its AE resubmits it");
            // Sending back the same document helps no one: the fixed fields must clear the won-stage gate again.
            var gate = deals.Evaluate(deal, context.Playbook.WonStage);
            if (!gate.Passed) return Problems.GateRefused(gate);
            return await ApplyAsync(engine, db, dealId, new Resubmitted(user.PersonId()), ct);
        }))
            .RequireAuthorization(Policies.EditDeals)
            .Accepts<ByBody>("application/json")
            .WithSummary("The AE sends the fixed handoff back; the won-stage gate runs first and a failure is a 422 listing each field.");

        handoffs.MapPost("/{dealId}/kickoff", async (string dealId, JsonBody<KickoffBody> json, ClaimsPrincipal user, ApplyHandoffTrigger engine, BatonDb db, CancellationToken ct) => await json.Then(async body =>
            Acting.NamedInBody(("by", body.By)) ?? await Acting.CheckAssignedCsmAsync(user, db, dealId, ct) ?? (body.AtUtc is not { } at
                ? Problems.Invalid([new FieldProblem("atUtc", "required", "give the kickoff's date and time (ISO 8601, UTC)")])
                : await ApplyAsync(engine, db, dealId, new KickoffScheduled(user.PersonId(), at.ToUniversalTime()), ct))))
            .RequireAuthorization(act)
            .Accepts<KickoffBody>("application/json")
            .WithSummary("Schedule (or move) the kickoff with the customer; the time must be in the future.");

        handoffs.MapPost("/{dealId}/kickoff-held", async (string dealId, JsonBody<ByBody> json, ClaimsPrincipal user, ApplyHandoffTrigger engine, BatonDb db, CancellationToken ct) => await json.Then(async body =>
            Acting.NamedInBody(("by", body.By)) ?? await Acting.CheckAssignedCsmAsync(user, db, dealId, ct) ?? await ApplyAsync(engine, db, dealId, new KickoffHeld(user.PersonId()), ct)))
            .RequireAuthorization(act)
            .Accepts<ByBody>("application/json")
            .WithSummary("Record that the kickoff took place; this ends the handoff.");

        handoffs.MapPost("/{dealId}/rate", async (string dealId, JsonBody<RateBody> json, ClaimsPrincipal user, ApplyHandoffTrigger engine, BatonDb db, PlaybookContext context, CancellationToken ct) => await json.Then(async body =>
        {
            if ((Acting.NamedInBody(("csmId", body.CsmId)) ?? await Acting.CheckAssignedCsmAsync(user, db, dealId, ct)) is { } refused) return refused;
            var problems = new List<FieldProblem>();
            if (body.Stars is not (>= 1 and <= 5)) problems.Add(new("stars", "invalid", "stars go from 1 to 5"));
            problems.AddRange(UnknownFields(context, "rediscoveredFields", body.RediscoveredFields));
            return problems.Count > 0 ? Problems.Invalid(problems) : await ApplyAsync(engine, db, dealId, new Rated(user.PersonId(), body.Stars!.Value, body.RediscoveredFields ?? []), ct);
        }))
            .RequireAuthorization(act)
            .Accepts<RateBody>("application/json")
            .WithSummary("The assigned CSM rates the handoff 1-5, once, and names the fields they still had to ask the customer about.");

        handoffs.MapPost("/{dealId}/reassign", async (string dealId, JsonBody<ReassignBody> json, ClaimsPrincipal user, ApplyHandoffTrigger engine, BatonDb db, PlaybookContext context, CancellationToken ct) => await json.Then(async body =>
        {
            if (Acting.NamedInBody(("by", body.By)) is { } named) return named;
            if (Required(("csmId", body.CsmId)) is { } missing) return missing;
            var playbook = context.Playbook;
            if (playbook.FindPerson(body.CsmId!) is not { Role: Roles.Csm } csm)
                return Problems.Invalid([new FieldProblem("csmId", "unknown", $"'{body.CsmId}' is not a CSM of the team; CSMs: {string.Join(", ", playbook.Team.Where(p => p.Role == Roles.Csm).Select(p => p.Id))}")]);
            var pool = playbook.Routing?.Pools.FirstOrDefault(p => p.Members.Any(m => m.CsmId == csm.Id))?.Name ?? "manual";
            var by = user.PersonId();
            return await ApplyAsync(engine, db, dealId, new CsmAssigned(csm.Id, pool, $"reassigned to {csm.Id} by {by}", by), ct);
        }))
            .RequireAuthorization(Policies.Lead)
            .Accepts<ReassignBody>("application/json")
            .WithSummary("A CS lead moves the handoff to another CSM (csmId) before it is accepted; the new CSM acknowledges it themselves.");

        app.MapGet("/api/metrics/handoffs", async (BatonDb db, PlaybookContext context, CancellationToken ct) =>
            Results.Ok(await new HandoffMetrics(db, context).ComputeAsync(ct)))
            .RequireAuthorization(Policies.Read)
            .WithTags("Metrics")
            .WithSummary("Completeness at close (accepted without rejection), on-time rate per clock, median business hours to acknowledge, average rating, re-discovery rate per field, rejections per AE.");
    }

    private static async Task<IResult> ApplyAsync(ApplyHandoffTrigger engine, BatonDb db, string dealId, HandoffTrigger trigger, CancellationToken ct) =>
        Answer(await db.SaveAsync(() => engine.RunAsync(dealId, trigger, ct), HandoffOutcome.Conflict, ct), dealId, trigger.Name);

    private static IResult Answer(HandoffOutcome outcome, string dealId, string trigger) => outcome.Kind switch
    {
        HandoffOutcomeKind.Applied => Results.Ok(new { dealId, trigger, outcome = "applied" }),
        // Nothing to do and nothing wrong (e.g. a repeat): 200 says so rather than pretending something changed.
        HandoffOutcomeKind.Ignored => Results.Ok(new { dealId, trigger, outcome = "ignored", reason = outcome.Reason }),
        HandoffOutcomeKind.NotFound => Problems.NotFound(outcome.Reason ?? $"deal '{dealId}' has no handoff", "dealId"),
        HandoffOutcomeKind.Refused => Problems.Conflict(outcome.Reason ?? $"{trigger} is not allowed now", "state"),
        _ => Problems.Conflict(outcome.Reason ?? "the handoff changed meanwhile; try again", "version"),
    };

    /// <summary>/api/handoffs/{dealId}/cs-stage: the CSM moves the customer along the CS pipeline, forward only.</summary>
    public static void MapCsPipelineApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/handoffs/{dealId}/cs-stage", async (string dealId, JsonBody<CsStageBody> json, ClaimsPrincipal user, MoveCsStage move, BatonDb db, CancellationToken ct) => await json.Then(async body =>
        {
            if ((Acting.NamedInBody(("by", body.By)) ?? await Acting.CheckAssignedCsmAsync(user, db, dealId, ct, leadToo: true)) is { } refused) return refused;
            if (Required(("stage", body.Stage)) is { } missing) return missing;
            if (!Enum.TryParse<Domain.Contracts.CsStage>(body.Stage, ignoreCase: true, out var target) || !Enum.IsDefined(target) || int.TryParse(body.Stage, out _))
                return Problems.Invalid([new FieldProblem("stage", "unknown", $"'{body.Stage}' is not a CS pipeline stage; stages: {string.Join(", ", Enum.GetNames<Domain.Contracts.CsStage>())}")]);
            var result = await db.SaveAsync(() => move.RunAsync(dealId, target, user.PersonId(), ct), reason => new MoveCsStage.Result(HandoffOutcome.Conflict(reason), null), ct);
            return result.Outcome.Kind switch
            {
                HandoffOutcomeKind.Applied => Results.Ok(new { dealId, csStage = result.CsStage, outcome = "applied" }),
                HandoffOutcomeKind.Ignored => Results.Ok(new { dealId, csStage = result.CsStage, outcome = "ignored", reason = result.Outcome.Reason }),
                HandoffOutcomeKind.NotFound => Problems.NotFound(result.Outcome.Reason ?? $"deal '{dealId}' has no handoff", "dealId"),
                HandoffOutcomeKind.Refused => Problems.Conflict(result.Outcome.Reason ?? "refused", "stage"),
                _ => Problems.Conflict(result.Outcome.Reason ?? "the handoff changed meanwhile; try again", "version"),
            };
        }))
        .RequireAuthorization(Policies.ActOnHandoffs)
        .Accepts<CsStageBody>("application/json")
        .WithTags("Handoffs")
        .WithSummary("Move the customer along the CS pipeline (HandoffReceived, KickoffScheduled, OnboardingActive, OnboardingComplete, OngoingSuccess); forward only, 409 going back.");

    /// <summary>/api/contracts/{dealId}/sent and /signed: the contracts team records where the agreement is.</summary>
    public static void MapContractsApi(this IEndpointRouteBuilder app)
    {
        var contracts = app.MapGroup("/api/contracts").WithTags("Contracts");
        contracts.MapPost("/{dealId}/sent", async (string dealId, JsonBody<ByBody> json, ClaimsPrincipal user, Core.Contracts.ApplyContractTrigger contracts, BatonDb db, CancellationToken ct) => await json.Then(async body =>
            Acting.NamedInBody(("by", body.By)) ?? Answer(await db.SaveAsync(() => contracts.RunAsync(dealId, new Domain.Contracts.SentToCustomer(user.PersonId()), ct), HandoffOutcome.Conflict, ct), dealId, "SentToCustomer")))
            .RequireAuthorization(Policies.Contracts)
            .Accepts<ByBody>("application/json")
            .WithSummary("The contract went to the customer: stops the contract_drafted clock.");
        contracts.MapPost("/{dealId}/signed", async (string dealId, JsonBody<ByBody> json, ClaimsPrincipal user, Core.Contracts.ApplyContractTrigger contracts, BatonDb db, CancellationToken ct) => await json.Then(async body =>
            Acting.NamedInBody(("by", body.By)) ?? Answer(await db.SaveAsync(() => contracts.RunAsync(dealId, new Domain.Contracts.SignedByCustomer(user.PersonId()), ct), HandoffOutcome.Conflict, ct), dealId, "SignedByCustomer")))
            .RequireAuthorization(Policies.Contracts)
            .Accepts<ByBody>("application/json")
            .WithSummary("The customer signed; refused (409) unless the contract was sent.");
    }

    /// <summary>A 400 naming every blank required input, or null when all are there.</summary>
    private static IResult? Required(params (string Name, string? Value)[] inputs)
    {
        var missing = inputs.Where(i => string.IsNullOrWhiteSpace(i.Value)).Select(i => new FieldProblem(i.Name, "required", $"{i.Name} is required")).ToList();
        return missing.Count > 0 ? Problems.Invalid(missing) : null;
    }

    private static IEnumerable<FieldProblem> UnknownFields(PlaybookContext context, string name, string[]? keys) =>
        (keys ?? []).Where(k => context.Playbook.Fields.Find(k) is null)
            .Select(k => new FieldProblem(name, "unknown", $"'{k}' is not a handoff field; fields: {string.Join(", ", context.Playbook.Fields.Fields.Select(f => f.Key))}"));
}
