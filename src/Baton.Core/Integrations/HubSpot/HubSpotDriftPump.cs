using System.Security.Cryptography;
using System.Text;
using Baton.Core.Data;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>
/// <c>baton drift hubspot</c> on a schedule inside <c>serve</c> (every <see cref="HubSpotOptions.DriftCheckInterval"/>,
/// weekly by default): when the portal drifted, the RevOps channel hears it once per period and distinct findings.
/// </summary>
/// <remarks>
/// The message's key is the period and a digest of the findings, so several instances, or restarts within a period,
/// report the same drift once. Without a HubSpot token there is nothing to check; without a RevOps channel the log says it.
/// </remarks>
public sealed partial class HubSpotDriftPump(IServiceScopeFactory scopes, TimeProvider time, IOptions<HubSpotOptions> options, PlaybookContext playbook,
    ILogger<HubSpotDriftPump> log) : Pump(time, options.Value.DriftCheckInterval, log)
{
    private readonly HubSpotOptions _options = options.Value;

    /// <returns>Always 0: one check per tick.</returns>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_options.AccessToken)) return 0;
        using var scope = scopes.CreateScope();
        DriftReport report;
        try
        {
            report = await scope.ServiceProvider.GetRequiredService<HubSpotDriftCheck>().CheckAsync(playbook, ct);
        }
        catch (HubSpotRequestException e)
        {
            LogCheckFailed(log, e.Message);
            return 0;
        }
        if (report.IsClean)
        {
            LogClean(log);
            return 0;
        }
        var text = report.ToText();
        LogDrifted(log, report.Findings.Count, text);
        if (playbook.Playbook.Notifications.RevOpsChannel is not { Length: > 0 } channel)
        {
            LogNoChannel(log);
            return 0;
        }
        var now = Time.GetUtcNow();
        var period = now.UtcTicks / _options.DriftCheckInterval.Ticks;
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
        var body = $":warning: *HubSpot no longer matches the playbook.* Run `baton drift hubspot` for the details, or `baton provision hubspot` to add what is missing.\n```{text}```";
        var key = $"drift:hubspot:{period}:{digest}";
        await db.SaveAsync(async () =>
        {
            if (!await db.Outbox.AnyAsync(o => o.IdempotencyKey == key, ct))
                scope.ServiceProvider.GetRequiredService<Recorder>().Enqueue("", key, new SlackNotice(channel, body), now);
            return 0;
        }, _ => 0, ct);
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scheduled HubSpot drift check could not read the portal: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled HubSpot drift check: the portal matches the playbook")]
    private static partial void LogClean(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled HubSpot drift check: {Count} finding(s)\n{Report}")]
    private static partial void LogDrifted(ILogger logger, int count, string report);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The playbook names no notifications.revops_channel, so nobody in Slack hears about the drift")]
    private static partial void LogNoChannel(ILogger logger);
}
