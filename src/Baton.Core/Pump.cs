using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Core;

/// <summary>
/// The shape the inbox, outbox and clock pumps share: tick on the <see cref="TimeProvider"/>, run rounds until one
/// finds nothing, and survive a failed round (the next tick tries again). Tests call <see cref="RunOnceAsync"/>.
/// </summary>
public abstract partial class Pump(TimeProvider time, TimeSpan interval, ILogger log) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    /// <summary>One round: claims and handles what is due. Returns how many it handled.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        do
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(log, GetType().Name, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of {Pump} failed; it will try again on its next tick")]
    private static partial void LogRoundFailed(ILogger logger, string pump, Exception e);
}
