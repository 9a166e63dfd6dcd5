namespace Baton.Core.Integrations.HubSpot;

/// <summary>
/// The outcome of one CRM API call, after the HTTP pipeline's own retries. Nothing here is thrown: callers
/// (the outbox, the admin commands) read the case and <see cref="IsRetryable"/>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="Ok"/></term><description>done; the value is what HubSpot returned.</description></item>
/// <item><term><see cref="NotFound"/></term><description>404: the record, property or pipeline does not exist (or was archived).</description></item>
/// <item><term><see cref="RateLimited"/></term><description>429 that retries could not outlast; <see cref="RateLimited.Daily"/> means the account's daily quota is spent and only tomorrow helps.</description></item>
/// <item><term><see cref="Transient"/></term><description>5xx, timeout, connection failure or unreadable reply after the retries; a create may have taken effect.</description></item>
/// <item><term><see cref="Failed"/></term><description>another 4xx: HubSpot's <c>category</c> and <c>message</c> say what was wrong with the request.</description></item>
/// </list>
/// </remarks>
public abstract record HubSpotResult<T>
{
    private HubSpotResult() { }

    public abstract bool IsRetryable { get; }

    public sealed record Ok(T Value) : HubSpotResult<T>
    {
        public override bool IsRetryable => false;
    }

    public sealed record NotFound(string? Message) : HubSpotResult<T>
    {
        public override bool IsRetryable => false;
    }

    /// <param name="Policy">HubSpot's <c>policyName</c>: <c>TEN_SECONDLY_ROLLING</c>, <c>DAILY</c>, or null when it sent none.</param>
    /// <param name="Wait">How long to wait before trying again.</param>
    public sealed record RateLimited(string? Policy, TimeSpan Wait) : HubSpotResult<T>
    {
        public bool Daily => Policy == HubSpotRateLimits.DailyPolicy;
        public override bool IsRetryable => true;
    }

    /// <param name="HttpStatus">The status when HubSpot answered (5xx), null when it did not (timeout, connection).</param>
    public sealed record Transient(string Reason, int? HttpStatus) : HubSpotResult<T>
    {
        public override bool IsRetryable => true;
    }

    public sealed record Failed(int HttpStatus, HubSpotError Error) : HubSpotResult<T>
    {
        public override bool IsRetryable => false;
    }

    /// <summary>The same outcome carrying another success type, for results that are not <see cref="Ok"/>.</summary>
    internal HubSpotResult<TOther> Cast<TOther>() => this switch
    {
        NotFound n => new HubSpotResult<TOther>.NotFound(n.Message),
        RateLimited r => new HubSpotResult<TOther>.RateLimited(r.Policy, r.Wait),
        Transient t => new HubSpotResult<TOther>.Transient(t.Reason, t.HttpStatus),
        Failed f => new HubSpotResult<TOther>.Failed(f.HttpStatus, f.Error),
        _ => throw new InvalidOperationException("An Ok result has a value of its own type; map it instead."),
    };

    /// <summary>One line for a person: what went wrong, in HubSpot's words where it gave any.</summary>
    public string Describe() => this switch
    {
        Ok => "ok",
        NotFound n => $"not found{(n.Message is null ? "" : $": {n.Message}")}",
        RateLimited { Daily: true } => "HubSpot's daily API quota for this account is spent; it renews at midnight in the account's time zone",
        RateLimited r => $"rate limited by HubSpot ({r.Policy ?? "no policy given"}); try again in {r.Wait.TotalSeconds:0} s",
        Transient t => $"HubSpot did not answer usefully: {t.Reason}",
        Failed f => $"HubSpot refused the request (HTTP {f.HttpStatus}): {f.Error}",
        _ => GetType().Name,
    };
}

/// <summary>HubSpot's error body: <c>{status, message, correlationId, category, errors[]}</c>; every field may be absent.</summary>
/// <param name="Category">e.g. <c>VALIDATION_ERROR</c>, <c>OBJECT_NOT_FOUND</c>, <c>INVALID_AUTHENTICATION</c>, <c>MISSING_SCOPES</c>.</param>
public sealed record HubSpotError(string? Category, string? Message, string? CorrelationId = null, IReadOnlyList<string>? Details = null)
{
    public override string ToString()
    {
        var text = string.Join(": ", new[] { Category, Message }.Where(s => !string.IsNullOrEmpty(s)));
        if (Details is { Count: > 0 }) text += $" ({string.Join("; ", Details)})";
        return text.Length == 0 ? "no details" : text;
    }
}

/// <summary>Thrown only where a result cannot be returned: from an enumerator, and from the drift check's host-facing call.</summary>
public sealed class HubSpotRequestException(string what, string outcome, bool isRetryable, int? httpStatus)
    : Exception($"{what}: {outcome}")
{
    public bool IsRetryable { get; } = isRetryable;

    /// <summary>HubSpot's status for a refusal (401: the token; 403: its scopes), null when it did not refuse.</summary>
    public int? HttpStatus { get; } = httpStatus;

    internal static HubSpotRequestException From<T>(string what, HubSpotResult<T> result) =>
        new(what, result.Describe(), result.IsRetryable, result is HubSpotResult<T>.Failed f ? f.HttpStatus : null);
}
