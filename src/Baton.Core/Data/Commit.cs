using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Baton.Core.Data;

/// <summary>
/// The one save of a unit of work, owned by its caller (an endpoint, an inbox handler's pump, a pump): the use cases
/// only load, decide and record, so everything a request or an event caused commits in one transaction.
/// </summary>
public static class Commit
{
    /// <summary>
    /// Runs <paramref name="work"/> and saves what it tracked. On a concurrency conflict or a lost race on a unique key
    /// (two requests enqueueing the same message), the tracker is cleared and the work runs once more on fresh state;
    /// a second conflict answers <paramref name="conflict"/> with nothing saved.
    /// </summary>
    public static async Task<T> SaveAsync<T>(this BatonDb db, Func<Task<T>> work, Func<string, T> conflict, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await work();
            try
            {
                await db.SaveChangesAsync(ct);
                return result;
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
                if (attempt >= 2) return conflict(e is DbUpdateConcurrencyException ? "changed meanwhile; try again" : "the same change was being recorded concurrently; try again");
            }
        }
    }

    /// <summary>A unique index refused the insert, on either provider.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

/// <summary>One use case in a scope of its own, committed: for callers outside a request (the demo, commands, tests).</summary>
public static class CommitInScope
{
    public static async Task<T> RunAsync<TUseCase, T>(this IServiceProvider services, Func<TUseCase, Task<T>> work, Func<string, T> conflict, CancellationToken ct = default)
        where TUseCase : notnull
    {
        using var scope = services.CreateScope();
        var useCase = scope.ServiceProvider.GetRequiredService<TUseCase>();
        return await scope.ServiceProvider.GetRequiredService<BatonDb>().SaveAsync(() => work(useCase), conflict, ct);
    }

    public static Task<Deals.DealResult> DealAsync<TUseCase>(this IServiceProvider services, Func<TUseCase, Task<Deals.DealResult>> work, CancellationToken ct = default)
        where TUseCase : notnull => services.RunAsync(work, reason => new Deals.DealResult.Conflict(reason), ct);

    public static Task<Handoffs.HandoffOutcome> HandoffAsync(this IServiceProvider services, string dealId, Domain.Handoffs.HandoffTrigger trigger, CancellationToken ct = default) =>
        services.RunAsync<Handoffs.ApplyHandoffTrigger, Handoffs.HandoffOutcome>(h => h.RunAsync(dealId, trigger, ct), Handoffs.HandoffOutcome.Conflict, ct);
}
