using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Core.Inbox;

/// <summary>Bound from <c>Inbox:*</c>.</summary>
public sealed class InboxOptions
{
    /// <summary>How often the pump looks for received events. Default 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    /// <summary>Attempts before an event is parked as failed. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>First retry delay; doubles per attempt, with ±25 % jitter. Default 2 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Longest delay between attempts. Default 5 min.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How long a claim lasts unless renewed (every third of it while the row is processed); a crashed process's row is taken up again within this. Default 15 s.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Rows taken per round. Default 50.</summary>
    public int BatchSize { get; set; } = 50;
}

/// <summary>What processing one inbox row came to.</summary>
public abstract record InboxResult
{
    public sealed record Done(string? Note = null) : InboxResult;
    public sealed record Retry(string Reason, TimeSpan? After = null) : InboxResult;
    /// <summary>Retrying cannot help: park the row now.</summary>
    public sealed record Failed(string Reason) : InboxResult;
}

/// <summary>Turns the stored events of one source (<c>slack</c>, <c>hubspot</c>…) into use cases, without saving.</summary>
/// <remarks>
/// The handler changes state on the scope's <see cref="BatonDb"/>; the pump saves it together with the row's new status,
/// so an event and everything it caused commit at once or not at all.
/// </remarks>
public interface IInboxHandler
{
    string Source { get; }
    Task<InboxResult> HandleAsync(InboxRow row, CancellationToken ct);
}

/// <summary>
/// Processes received events: claim, hand to the source's <see cref="IInboxHandler"/>, then mark done, or schedule
/// the next attempt, or park as failed after <see cref="InboxOptions.MaxAttempts"/>.
/// </summary>
public sealed partial class InboxPump(IServiceScopeFactory scopes, TimeProvider time, IOptions<InboxOptions> options, ILogger<InboxPump> log)
    : QueuePump(scopes, time, options.Value.PollInterval, options.Value.ClaimTimeout, log)
{
    private readonly InboxOptions _options = options.Value;

    protected override async Task<IReadOnlyList<DueRow>> DueAsync(BatonDb db, DateTime now, CancellationToken ct) =>
        await db.Inbox.AsNoTracking()
            .Where(i => i.Status == InboxStatus.Pending && i.NextAttemptAtUtc <= now && (i.ClaimedUntilUtc == null || i.ClaimedUntilUtc < now))
            .OrderBy(i => i.Id)
            .Take(_options.BatchSize)
            .Select(i => new DueRow(i.Id, i.ClaimedUntilUtc))
            .ToListAsync(ct);

    protected override async Task<bool> ClaimAsync(BatonDb db, DueRow row, DateTime now, DateTime until, CancellationToken ct)
    {
        return await db.Inbox
            .Where(i => i.Id == row.Id && i.Status == InboxStatus.Pending && i.ClaimedUntilUtc == row.ClaimedUntilUtc)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedUntilUtc, until), ct) == 1;
    }

    protected override async Task<bool> RenewAsync(BatonDb db, long id, DateTime held, DateTime until, CancellationToken ct) =>
        await db.Inbox
            .Where(i => i.Id == id && i.Status == InboxStatus.Pending && i.ClaimedUntilUtc == held)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedUntilUtc, until), ct) == 1;

    protected override async Task ProcessAsync(IServiceProvider services, long id, CancellationToken ct)
    {
        var db = services.GetRequiredService<BatonDb>();
        var row = await db.Inbox.FirstAsync(i => i.Id == id, ct);
        InboxResult result;
        try
        {
            // Resolved inside the try: a handler that cannot be built fails its rows visibly (retried, then parked).
            var handler = services.GetServices<IInboxHandler>().FirstOrDefault(h => h.Source == row.Source);
            result = handler is null
                ? new InboxResult.Failed($"no handler for source '{row.Source}' in this build")
                : await handler.HandleAsync(row, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            row = await ReloadAsync(db, id, ct);
            result = new InboxResult.Retry($"{e.GetType().Name}: {e.Message}");
        }

        if (await MarkAsync(db, row, result, ct)) return;
        // What the event touches changed under us (another instance, a concurrent click): nothing was saved, try again.
        row = await ReloadAsync(db, id, ct);
        await MarkAsync(db, row, new InboxResult.Retry("what the event changes was changed meanwhile"), ct);
    }

    private static async Task<InboxRow> ReloadAsync(BatonDb db, long id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Inbox.FirstAsync(i => i.Id == id, ct);
    }

    /// <returns>False when the save hit a concurrency conflict or a unique-key race.</returns>
    private async Task<bool> MarkAsync(BatonDb db, InboxRow row, InboxResult result, CancellationToken ct)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        row.Attempts++;
        row.ClaimedUntilUtc = null;
        switch (result)
        {
            case InboxResult.Done done:
                row.Status = InboxStatus.Done;
                row.ProcessedAtUtc = now;
                row.Error = done.Note;
                break;
            case InboxResult.Retry r when row.Attempts < _options.MaxAttempts:
                row.Error = r.Reason;
                row.NextAttemptAtUtc = now + (r.After ?? Backoff.Next(row.Attempts, _options.BaseDelay, _options.MaxDelay));
                LogRetry(log, row.Id, row.Attempts, r.Reason);
                break;
            default:
                row.Status = InboxStatus.Failed;
                row.ProcessedAtUtc = now;
                row.Error = result is InboxResult.Failed f ? f.Reason : ((InboxResult.Retry)result).Reason;
                LogParked(log, row.Id, row.Source, row.Kind, row.Attempts, row.Error);
                break;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || Commit.IsUniqueViolation(e))
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox {Id}: attempt {Attempts} failed: {Reason}")]
    private static partial void LogRetry(ILogger logger, long id, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox {Id} ({Source} {Kind}) parked after {Attempts} attempts: {Reason}")]
    private static partial void LogParked(ILogger logger, long id, string source, string kind, int attempts, string? reason);
}
