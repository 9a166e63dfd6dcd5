namespace Baton.Core.Integrations.Slack;

/// <summary>
/// The outcome of one Web API call. Nothing here is thrown: the outbox dispatcher reads
/// <see cref="IsRetryable"/> and <see cref="RetryAfter"/> to choose between retry and park.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="Ok"/></term><description>done; record what it returned (e.g. the message <c>ts</c>).</description></item>
/// <item><term><see cref="RateLimited"/></term><description>HTTP 429, or held back before sending (<see cref="RateLimited.HeldBack"/>): nothing was done; retry the same call after <see cref="RateLimited.Wait"/>, not sooner.</description></item>
/// <item><term><see cref="Transient"/></term><description>5xx, timeout, connection failure, unreadable reply: retry with backoff. The call may have taken effect (see <see cref="SlackApi.FindPostedAsync"/>).</description></item>
/// <item><term><see cref="Failed"/></term><description><c>ok:false</c>: Slack's <c>error</c> code; retryable only for Slack's own trouble codes (<see cref="SlackError.IsRetryable"/>), otherwise park.</description></item>
/// </list>
/// </remarks>
public abstract record SlackResult<T>
{
    private SlackResult() { }

    public abstract bool IsRetryable { get; }

    /// <summary>How long to wait before retrying, when Slack said so.</summary>
    public virtual TimeSpan? RetryAfter => null;

    public sealed record Ok(T Value) : SlackResult<T>
    {
        public override bool IsRetryable => false;
    }

    public sealed record Failed(SlackError Error) : SlackResult<T>
    {
        public override bool IsRetryable => Error.IsRetryable;
    }

    /// <param name="HeldBack">True when Baton did not send the call at all, to stay within Slack's limits (<see cref="SlackRateGate"/>).</param>
    public sealed record RateLimited(TimeSpan Wait, bool HeldBack = false) : SlackResult<T>
    {
        public override bool IsRetryable => true;
        public override TimeSpan? RetryAfter => Wait;
    }

    /// <param name="HttpStatus">The status when Slack answered (5xx), null when it did not (timeout, connection).</param>
    public sealed record Transient(string Reason, int? HttpStatus) : SlackResult<T>
    {
        public override bool IsRetryable => true;
    }

    /// <summary>The same outcome carrying another success type, for results that are not <see cref="Ok"/>.</summary>
    internal SlackResult<TOther> Cast<TOther>() => this switch
    {
        Failed f => new SlackResult<TOther>.Failed(f.Error),
        RateLimited r => new SlackResult<TOther>.RateLimited(r.Wait, r.HeldBack),
        Transient t => new SlackResult<TOther>.Transient(t.Reason, t.HttpStatus),
        _ => throw new InvalidOperationException("An Ok result has a value of its own type; map it instead."),
    };
}

/// <summary>An <c>ok:false</c> answer: Slack's <c>error</c> code and what came with it.</summary>
/// <param name="Code">e.g. <c>channel_not_found</c>, <c>not_in_channel</c>, <c>invalid_auth</c>, <c>invalid_blocks</c>.</param>
/// <param name="Messages"><c>response_metadata.messages</c>: Slack's explanation of invalid arguments or blocks.</param>
/// <param name="Needed">For <c>missing_scope</c>: the scope the token lacks.</param>
public sealed record SlackError(string Code, IReadOnlyList<string> Messages, string? Needed = null)
{
    public SlackError(string code) : this(code, []) { }

    /// <summary>Codes that mean Slack had trouble, not that the request was wrong: the same call may succeed later.</summary>
    private static readonly HashSet<string> RetryableCodes =
    [
        "internal_error", "fatal_error", "request_timeout", "service_unavailable", "ratelimited", "rate_limited",
    ];

    public bool IsRetryable => RetryableCodes.Contains(Code);

    public override string ToString() =>
        Messages.Count == 0 ? Code : $"{Code}: {string.Join("; ", Messages)}";
}
