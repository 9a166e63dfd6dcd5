using Baton.Core.Data;
using Baton.Domain.Gate;

namespace Baton.Core.Deals;

/// <summary>A problem with one input, named by the field or property it concerns.</summary>
public sealed record FieldProblem(string Field, string Kind, string Reason);

/// <summary>What a deal id may be: it appears in URLs (<c>/api/deals/{id}</c>, <c>/deals/{id}</c>) and in Slack messages.</summary>
public static class DealIds
{
    /// <summary>The longest id: 128 characters, more than any CRM's record ids.</summary>
    public const int MaxLength = 128;

    /// <summary>Why <paramref name="id"/> (already trimmed) cannot be a deal id, or null when it can.</summary>
    public static string? Problem(string id)
    {
        if (id.Length > MaxLength) return $"the id is {id.Length} characters; a deal id has at most {MaxLength}";
        // A slash, backslash, '?' or '#' would make the deal's own URL point somewhere else.
        var bad = id.FirstOrDefault(c => c is '/' or '\\' or '?' or '#' || char.IsControl(c));
        return bad == default ? null : $"a deal id cannot contain {(char.IsControl(bad) ? "control characters" : $"'{bad}'")}";
    }
}

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
