using Baton.Core.Deals;
using Baton.Domain.Gate;

namespace Baton.Web.Api;

/// <summary>problem+json answers with what was wrong and where.</summary>
internal static class Problems
{
    /// <param name="field">The request field that named the missing thing, so a client can point at it.</param>
    public static IResult NotFound(string what, string? field = null) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what, extensions: Field(field));

    public static IResult Invalid(IEnumerable<FieldProblem> problems) =>
        Results.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray()),
            title: "The request has invalid fields");

    public static IResult TooLarge(string reason) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: reason, extensions: Field("body"));

    public static IResult Conflict(string reason, string? field = null) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: reason, extensions: Field(field));

    private static Dictionary<string, object?>? Field(string? field) => field is null ? null : new() { ["field"] = field };

    /// <summary>422: the gate refused the stage move; each blocking field with its verdict and reason, warnings apart.</summary>
    public static IResult GateRefused(GateResult gate, bool fieldEdit = false) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: fieldEdit ? $"The deal is {gate.Stage.Name}, which requires these fields to stay good" : $"The deal cannot enter {gate.Stage.Name} yet",
        detail: $"{gate.Blocking.Count()} required field(s) are missing or not good enough. Nothing was changed.",
        extensions: new Dictionary<string, object?>
        {
            ["stage"] = gate.Stage.Name,
            ["fields"] = gate.Blocking.Select(Check).ToArray(),
            ["warnings"] = gate.Warnings.Select(Check).ToArray(),
        });

    public static object Check(FieldCheck c) => new
    {
        field = c.Field.Key,
        label = c.Field.Label,
        verdict = c.Verdict.Kind.ToString().ToLowerInvariant(),
        rule = c.Verdict.Rule,
        reason = c.Verdict.Reason,
        help = c.Field.Help,
        example = c.Field.Example,
    };
}
