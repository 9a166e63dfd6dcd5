using Baton.Core.Deals;

namespace Baton.Web.Api;

/// <summary>/api/deals: create deals, set handoff fields, move stages through the gate.</summary>
internal static class DealsApi
{
    public sealed record MoveStage(string Stage, string? Actor);

    public static void MapDealsApi(this IEndpointRouteBuilder app)
    {
        var deals = app.MapGroup("/api/deals").WithTags("Deals");

        deals.MapPost("/{id}/stage", async (string id, MoveStage body, DealCommands commands, CancellationToken ct) =>
            await commands.MoveStageAsync(id, body.Stage, body.Actor ?? "api", ct) switch
            {
                DealResult.Ok ok => Results.Ok(new { id = ok.Deal.Id, stage = ok.Deal.Stage, warnings = ok.Gate?.Warnings.Select(Problems.Check).ToArray() ?? [] }),
                DealResult.GateRefused refused => Problems.GateRefused(refused.Gate),
                DealResult.NotFound nf => Problems.NotFound($"no deal '{nf.DealId}'"),
                DealResult.Invalid invalid => Problems.Invalid(invalid.Problems),
                DealResult.Conflict c => Problems.Conflict(c.Reason),
                _ => Results.StatusCode(500),
            })
            .WithSummary("Move a deal to a stage; the gate runs first and a refusal changes nothing (422 lists each field and its reason).");
    }
}
