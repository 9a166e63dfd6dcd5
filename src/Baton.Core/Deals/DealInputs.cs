using Baton.Core.Data;
using Baton.Domain.Gate;

namespace Baton.Core.Deals;

/// <summary>A problem with one input, named by the field or property it concerns.</summary>
public sealed record FieldProblem(string Field, string Kind, string Reason);

/// <summary>The answer of a deal use case: the deal, or why nothing changed.</summary>
public abstract record DealResult
{
    public sealed record Ok(DealRow Deal, GateResult? Gate = null) : DealResult;
    public sealed record NotFound(string DealId) : DealResult;
    /// <summary>The input itself is wrong (unknown field, unknown stage, duplicate id).</summary>
    public sealed record Invalid(IReadOnlyList<FieldProblem> Problems) : DealResult;
    /// <summary>
    /// The gate refused the stage move (only the AE's notice was recorded), or, with <paramref name="FieldEdit"/>, refused
    /// values for fields the deal's current stage requires (nothing was recorded).
    /// </summary>
    public sealed record GateRefused(GateResult Gate, DealRow Deal, bool FieldEdit = false) : DealResult;
    public sealed record Conflict(string Reason) : DealResult;
}

/// <summary>A new deal as the API, an import or a CRM gives it.</summary>
/// <param name="CrmSource">The CRM the deal lives in (<c>hubspot</c>, <c>salesforce</c>), whose id is <paramref name="CrmId"/>; null for Baton's own.</param>
public sealed record NewDeal(string Id, string Name, string Company, string Stage, string OwnerId, decimal Amount, string? Territory, string? CrmId,
    IReadOnlyDictionary<string, string?>? Fields, string? CrmSource = null);
