using Baton.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    /// <summary>First retry delay; doubles per attempt. Default 2 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Longest delay between attempts. Default 5 min.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How long a claimed row is held; a crashed process's claims run out after this. Default 2 min.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);
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

/// <summary>
/// Processes received events: claim (a conditional update only one instance wins), translate and apply, then mark
/// done, or schedule the next attempt, or park as failed after <see cref="InboxOptions.MaxAttempts"/>.
/// </summary>
/// <remarks>
/// The handler changes the handoff on the same <see cref="BatonDb"/> without saving; marking the row is the same
/// <c>SaveChangesAsync</c>, so an event is applied exactly once even across a crash.
/// </remarks>
public sealed partial class InboxPump(IServiceScopeFactory scopes, TimeProvider time, IOptions<InboxOptions> options, ILogger<InboxPump> log)
    : Pump(time, options.Value.PollInterval, log)
{
    private readonly InboxOptions _options = options.Value;

    /// <summary>One round: processes every due row it can claim. Returns how many it handled.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
        var now = Time.GetUtcNow().UtcDateTime;
        var due = await db.Inbox.AsNoTracking()
            .Where(i => i.Status == InboxStatus.Pending && i.NextAttemptAtUtc <= now && (i.ClaimedUntilUtc == null || i.ClaimedUntilUtc < now))
            .OrderBy(i => i.Id)
            .Take(_options.BatchSize)
            .Select(i => new { i.Id, i.ClaimedUntilUtc })
            .ToListAsync(ct);
        var handled = 0;
        foreach (var candidate in due)
        {
            var until = now.Add(_options.ClaimTimeout);
            var claimed = await db.Inbox
                .Where(i => i.Id == candidate.Id && i.Status == InboxStatus.Pending && i.ClaimedUntilUtc == candidate.ClaimedUntilUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedUntilUtc, until), ct);
            if (claimed != 1) continue; // another instance has it
            await ProcessOneAsync(scope.ServiceProvider, candidate.Id, ct);
            handled++;
        }
        return handled;
    }

    private async Task ProcessOneAsync(IServiceProvider services, long id, CancellationToken ct)
    {
        var db = services.GetRequiredService<BatonDb>();
        db.ChangeTracker.Clear();
        var row = await db.Inbox.FirstAsync(i => i.Id == id, ct);
        InboxResult result;
        try
        {
            result = row.Source == SlackInbox.Source
                ? await services.GetRequiredService<SlackInbox>().HandleAsync(row, ct)
                : new InboxResult.Failed($"no handler for source '{row.Source}'");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            row = await db.Inbox.FirstAsync(i => i.Id == id, ct);
            result = new InboxResult.Retry($"{e.GetType().Name}: {e.Message}");
        }

        if (await MarkAsync(db, row, result, ct)) return;
        // The handoff changed under us (another instance, a concurrent click): nothing was saved, try the event again.
        db.ChangeTracker.Clear();
        row = await db.Inbox.FirstAsync(i => i.Id == id, ct);
        await MarkAsync(db, row, new InboxResult.Retry("the handoff changed meanwhile"), ct);
    }

    /// <returns>False when the save hit a concurrency conflict.</returns>
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
                row.NextAttemptAtUtc = now + (r.After ?? Backoff(row.Attempts));
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
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromMilliseconds(Math.Min(exponential, _options.MaxDelay.TotalMilliseconds));
    }


    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox {Id}: attempt {Attempts} failed: {Reason}")]
    private static partial void LogRetry(ILogger logger, long id, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox {Id} ({Source} {Kind}) parked after {Attempts} attempts: {Reason}")]
    private static partial void LogParked(ILogger logger, long id, string source, string kind, int attempts, string? reason);
}
