using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Dashboard;

/// <summary>Brings the dashboard's read model up to date in the background, so a page request rarely has anything left to project.</summary>
public sealed class DashboardPump(IServiceScopeFactory scopes, TimeProvider time, ILogger<DashboardPump> log)
    : Pump(time, TimeSpan.FromSeconds(15), log)
{
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DashboardProjection>().CatchUpAsync(ct);
    }
}
