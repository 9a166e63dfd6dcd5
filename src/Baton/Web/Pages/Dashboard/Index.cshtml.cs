using Baton.Core.Dashboard;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Baton.Web.Pages.Dashboard;

/// <summary>The handoff quality dashboard: headline figures with targets and trends, a chart per figure with its table and CSV.</summary>
[Authorize(Policies.Read)]
public sealed class IndexModel(DashboardProjection projection, DashboardQueries queries) : PageModel
{
    public DashboardView View { get; private set; } = null!;
    public FilterChoices Choices { get; private set; } = null!;
    public string Query { get; private set; } = "";
    public bool SeesHoldback { get; private set; }

    /// <summary>The figures whose headline sits at the top, in reading order.</summary>
    public static readonly string[] HeadlineKeys = ["completeness", "first-contact", "kickoff", "clocks", "ratings", "arr-at-risk", "holdback"];

    public IEnumerable<Figure> Figures => View.Figures.Where(f => SeesHoldback || f.Key != "holdback");

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The read model catches up first: a figure never lags the events already written.
        await projection.CatchUpAsync(ct);
        var filter = DashboardRequest.Filter(Request.Query, queries);
        SeesHoldback = User.SeesHoldback();
        Choices = await queries.ChoicesAsync(ct);
        View = await queries.LoadAsync(filter, ct);
        Query = DashboardRequest.Query(filter);
    }

    public static string MonthName(string month) =>
        DateTime.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture) : month;

    /// <summary>The trend in words: first and last month with a value, and which way it went.</summary>
    public static string TrendWords(Headline h)
    {
        var points = h.Trend.Where(p => p.Value is not null).ToList();
        if (points.Count < 2) return "not enough months for a trend";
        var (first, last) = (points[0], points[^1]);
        var better = h.HigherIsBetter ? last.Value > first.Value : last.Value < first.Value;
        var word = last.Value == first.Value ? "flat" : better ? "better" : "worse";
        return $"{word}: {Value(first.Value, h.Unit)} in {MonthName(first.Month)}, {Value(last.Value, h.Unit)} in {MonthName(last.Month)}";
    }

    public static string Value(double? v, string unit) => v is not { } x ? "–" : unit switch
    {
        "%" => $"{x:0} %",
        "$" => x.ToString("$#,0", System.Globalization.CultureInfo.InvariantCulture),
        _ => $"{x:0.#} {unit}",
    };

    /// <summary>The heat map's band for a share of good values: shown as a shade and as a word, never by colour alone.</summary>
    public static (string Css, string Word) Band(double share) => share switch
    {
        >= 0.9 => ("heat-good", "good"),
        >= 0.7 => ("heat-fair", "fair"),
        >= 0.5 => ("heat-poor", "poor"),
        _ => ("heat-bad", "bad"),
    };
}
