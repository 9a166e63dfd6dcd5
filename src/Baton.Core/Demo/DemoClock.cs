namespace Baton.Core.Demo;

/// <summary>
/// The demo's time: simulated while the data set is generated (so clocks come due and fire for real), then the
/// system clock once <see cref="Release"/> is called and the server starts.
/// </summary>
public sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    private long _simulatedTicks = start.UtcTicks;
    private volatile bool _real;

    public override DateTimeOffset GetUtcNow() =>
        _real ? System.GetUtcNow() : new DateTimeOffset(Interlocked.Read(ref _simulatedTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset utc)
    {
        if (_real) throw new InvalidOperationException("the demo clock already follows real time");
        Interlocked.Exchange(ref _simulatedTicks, utc.UtcTicks);
    }

    /// <summary>From now on the demo clock is the system clock.</summary>
    public void Release() => _real = true;
}
