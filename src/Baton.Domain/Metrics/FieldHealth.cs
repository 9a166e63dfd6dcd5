namespace Baton.Domain.Metrics;

/// <summary>What the monthly field review should do about a field.</summary>
public enum FieldAdvice { Keep, Remove, Retrain, RewriteHelp }

/// <summary>One field over one month of closes: how often it was blank, weak (filler, vague or flagged as junk), and re-discovered.</summary>
/// <param name="Closes">Closed-won deals that required the field.</param>
/// <param name="Rated">Those of them whose CSM rated the handoff (the base of the re-discovery rate).</param>
public sealed record FieldMonth(string Key, string Month, int Closes, int Blank, int Weak, int Rated, int Rediscovered)
{
    public double BlankRate => Closes == 0 ? 0 : (double)Blank / Closes;
    public double WeakRate => Closes == 0 ? 0 : (double)Weak / Closes;
    public double RediscoveredRate => Rated == 0 ? 0 : (double)Rediscovered / Rated;
}

/// <summary>
/// The 30/60/90-day review's rule: a field almost always left blank is not known at that stage (remove it or ask
/// later); one filled with filler means the team needs retraining; one filled but asked again means its help asks the
/// wrong question.
/// </summary>
/// <remarks>Thresholds are deliberately coarse; fewer than <see cref="MinimumCloses"/> closes give no advice.</remarks>
public static class FieldHealth
{
    public const int MinimumCloses = 5;
    public const double BlankLimit = 0.5;
    public const double WeakLimit = 0.25;
    public const double RediscoveredLimit = 0.3;

    public static FieldAdvice Advise(FieldMonth month)
    {
        if (month.Closes < MinimumCloses) return FieldAdvice.Keep;
        if (month.BlankRate >= BlankLimit) return FieldAdvice.Remove;
        if (month.WeakRate >= WeakLimit) return FieldAdvice.Retrain;
        if (month.Rated >= MinimumCloses && month.RediscoveredRate >= RediscoveredLimit) return FieldAdvice.RewriteHelp;
        return FieldAdvice.Keep;
    }

    public static string Words(FieldAdvice advice) => advice switch
    {
        FieldAdvice.Remove => "remove it, or ask for it at a later stage: it is almost always blank",
        FieldAdvice.Retrain => "retrain the team: it is often filled with filler",
        FieldAdvice.RewriteHelp => "rewrite its help: it is filled, but CSMs still ask the customer",
        _ => "keep",
    };
}

/// <summary>Median, 90th percentile and a histogram of a set of durations.</summary>
public sealed record Distribution(int Count, double? Median, double? P90, double? Mean)
{
    /// <summary>Nearest-rank percentiles, so each figure is a value someone actually waited.</summary>
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return new Distribution(0, null, null, null);
        return new Distribution(sorted.Length, Rank(sorted, 0.5), Rank(sorted, 0.9), Math.Round(sorted.Average(), 2));
    }

    public static double Rank(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>The playbook's <c>dashboard:</c> block: targets the figures are read against, and the commission holdback.</summary>
/// <param name="CompletenessTarget">Share of closed-won deals complete at close the team aims for.</param>
/// <param name="HoldbackShare">Share of each deal's commission held until the handoff is done.</param>
/// <param name="CommissionRate">Commission as a share of the deal's ARR, for the holdback report's amounts.</param>
public sealed record DashboardSettings(double? CompletenessTarget = 0.9, double HoldbackShare = 0.2, double CommissionRate = 0.1)
{
    public static readonly DashboardSettings Default = new();
}
