namespace Baton.Core.Dashboard;

/// <summary>Who and what the dashboard is looking at: a range of close months and optional narrowing.</summary>
/// <param name="FromMonth">First close month, <c>yyyy-MM</c>, inclusive.</param>
/// <param name="ToMonth">Last close month, <c>yyyy-MM</c>, inclusive.</param>
/// <param name="Team">The AEs' manager (the sales team).</param>
public sealed record DashboardFilter(string FromMonth, string ToMonth, string? Segment = null, string? Team = null, string? Ae = null, string? Csm = null);

/// <summary>The table behind a figure: what the chart draws, what the table view shows and what the CSV holds.</summary>
public sealed record FigureTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>How the page draws a table: the chart type, which column labels it and which columns it plots.</summary>
/// <param name="Kind"><c>bar</c>, <c>stacked</c>, <c>line</c> or <c>hbar</c>.</param>
/// <param name="Target">A target line, in the plotted columns' unit.</param>
public sealed record ChartSpec(string Kind, int LabelColumn, IReadOnlyList<int> ValueColumns, string Unit = "", double? Target = null);

/// <summary>One month of a headline's trend.</summary>
public sealed record TrendPoint(string Month, double? Value);

/// <summary>A figure's headline number, its target when the playbook sets one, and its trend by close month.</summary>
/// <param name="OnTarget">Null when there is no target or no value.</param>
/// <param name="HigherIsBetter">How to read the trend's direction.</param>
public sealed record Headline(string Value, string? Target, bool? OnTarget, IReadOnlyList<TrendPoint> Trend, string Unit, bool HigherIsBetter);

/// <param name="Key">The figure's name in <c>/dashboard/{key}.csv</c>.</param>
public sealed record Figure(string Key, string Title, string Summary, Headline? Headline, FigureTable Table, ChartSpec? Chart);

/// <summary>The options the filter offers, from the read model and the playbook.</summary>
public sealed record FilterChoices(IReadOnlyList<string> Months, IReadOnlyList<string> Segments, IReadOnlyList<(string Id, string Name)> Teams,
    IReadOnlyList<(string Id, string Name)> Aes, IReadOnlyList<(string Id, string Name)> Csms);

/// <summary>Everything the dashboard page shows for one filter.</summary>
public sealed record DashboardView(DashboardFilter Filter, IReadOnlyList<string> Months, int ClosedWon, IReadOnlyList<Figure> Figures, DateTime? RefreshedAtUtc)
{
    public Figure? Find(string key) => Figures.FirstOrDefault(f => f.Key == key);
}
