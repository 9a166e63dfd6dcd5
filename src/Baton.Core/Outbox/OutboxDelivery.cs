using Baton.Core.Data;
using Baton.Domain.Handoffs;

namespace Baton.Core.Outbox;

/// <summary>The answer of one delivery attempt.</summary>
public abstract record DeliveryResult
{
    /// <param name="DeliveredTo">"slack", "feed", "smtp"…</param>
    /// <param name="FollowUp">A fact to apply to the handoff in the same transaction, e.g. the post's id once it is in the channel.</param>
    /// <param name="CustomerChannel">The customer's own channel, opened by this message: stored on the handoff in the same transaction.</param>
    public sealed record Delivered(string DeliveredTo, string? ExternalId, string? Rendered, HandoffTrigger? FollowUp = null, string? CustomerChannel = null) : DeliveryResult;
    /// <summary>Try again later; <paramref name="After"/> when the receiver said when. Counts as an attempt.</summary>
    public sealed record Retry(string Reason, TimeSpan? After = null) : DeliveryResult;
    /// <summary>
    /// Not an attempt: the receiver took nothing (a 429 with <c>Retry-After</c>, or a call held back to stay within its
    /// limits) and nothing else was done on this try. Try again after <paramref name="After"/>; never parks.
    /// </summary>
    public sealed record Deferred(string Reason, TimeSpan After) : DeliveryResult;
    /// <summary>Retrying cannot help (bad channel, rejected recipient): park now.</summary>
    public sealed record Failed(string Reason) : DeliveryResult;
}

/// <summary>Delivers outbox rows of one channel (slack, email, invite).</summary>
/// <remarks><see cref="OutboxRow.Attempts"/> counts this attempt: above 1, an earlier one may have reached the receiver.</remarks>
public interface IOutboxDelivery
{
    string Channel { get; }
    Task<DeliveryResult> DeliverAsync(OutboxRow row, CancellationToken ct);
}
