using System.Globalization;
using System.Text;
using Baton.Core.Dashboard;
using Baton.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages.Dashboard;

/// <summary>
/// <c>/dashboard/{figure}.csv</c>: the table behind each figure, for the same filter as the page; and
/// <c>/dashboard/holdback-deals.csv</c>, the commission holdback deal by deal for finance. Written row by row as read.
/// </summary>
internal static class DashboardCsv
{
    public const string HoldbackDeals = "holdback-deals";

    public static void MapDashboardCsv(this IEndpointRouteBuilder app)
    {
        // Literal routes win over {figure}.csv, so the holdback can ask for its own policy.
        app.MapGet("/dashboard/holdback.csv", (HttpContext http, DashboardProjection projection, DashboardQueries queries, CancellationToken ct) =>
                FigureAsync(http, "holdback", projection, queries, ct))
            .RequireAuthorization(Policies.Finance).ExcludeFromDescription();
        app.MapGet("/dashboard/holdback-deals.csv", HoldbackDealsAsync).RequireAuthorization(Policies.Finance).ExcludeFromDescription();
        app.MapGet("/dashboard/{figure}.csv", (HttpContext http, string figure, DashboardProjection projection, DashboardQueries queries, CancellationToken ct) =>
                figure == "holdback" ? Task.FromResult(Results.Forbid()) : FigureAsync(http, figure, projection, queries, ct))
            .RequireAuthorization(Policies.Read).ExcludeFromDescription();
    }

    private static async Task<IResult> FigureAsync(HttpContext http, string figure, DashboardProjection projection, DashboardQueries queries, CancellationToken ct)
    {
        if (!DashboardQueries.Keys.Contains(figure)) return Results.NotFound();
        await projection.CatchUpAsync(ct);
        var filter = DashboardRequest.Filter(http.Request.Query, queries);
        var view = await queries.LoadAsync(filter, ct);
        var table = view.Find(figure)!.Table;
        return Stream(figure, filter, async writer =>
        {
            await writer.WriteLineAsync(Line(table.Columns));
            foreach (var row in table.Rows) await writer.WriteLineAsync(Line(row));
        });
    }

    private static async Task<IResult> HoldbackDealsAsync(HttpContext http, DashboardProjection projection, DashboardQueries queries, CancellationToken ct)
    {
        await projection.CatchUpAsync(ct);
        var filter = DashboardRequest.Filter(http.Request.Query, queries);
        return Stream(HoldbackDeals, filter, async writer =>
        {
            await writer.WriteLineAsync(Line(["deal", "account", "ae", "closed_at_utc", "arr", "holdback", "status", "released_at_utc", "waiting_for"]));
            var i = 0;
            // Straight from the database to the response: constant memory whatever the number of deals.
            await foreach (var h in queries.Handoffs(filter).OrderBy(h => h.ClosedAtUtc).ThenBy(h => h.DealId).AsAsyncEnumerable().WithCancellation(ct))
            {
                await writer.WriteLineAsync(Line([
                    h.DealId, h.AccountName, queries.Name(h.AeId), Utc(h.ClosedAtUtc), h.Arr.ToString("0.00", CultureInfo.InvariantCulture),
                    queries.HoldbackOf(h.Arr).ToString("0.00", CultureInfo.InvariantCulture), h.HoldbackReleasedAtUtc is null ? "held" : "released",
                    h.HoldbackReleasedAtUtc is { } at ? Utc(at) : "", h.HoldbackWaitingFor,
                ]));
                if (++i % 500 == 0) await writer.FlushAsync(ct);
            }
        });
    }

    private static IResult Stream(string name, DashboardFilter filter, Func<StreamWriter, Task> write) =>
        Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), 16 * 1024);
            await write(writer);
        }, "text/csv; charset=utf-8", $"baton-{name}-{filter.FromMonth}-to-{filter.ToMonth}.csv");

    private static string Utc(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>One CSV line (RFC 4180 quoting). A cell a spreadsheet would run as a formula is prefixed with an apostrophe.</summary>
    public static string Line(IEnumerable<string> cells) => string.Join(',', cells.Select(Cell));

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '@' or '\t' or '\r' || (value.Length > 1 && value[0] == '-' && !char.IsDigit(value[1])))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}

/// <summary>The dashboard's filter from a query string: <c>from</c>, <c>to</c> (months), <c>segment</c>, <c>team</c>, <c>ae</c>, <c>csm</c>.</summary>
internal static class DashboardRequest
{
    public static DashboardFilter Filter(IQueryCollection query, DashboardQueries queries)
    {
        var defaults = queries.DefaultFilter();
        string? Text(string key) => query[key].FirstOrDefault() is { Length: > 0 and <= 100 } v ? v : null;
        var from = DashboardQueries.IsMonth(Text("from")) ? Text("from")! : defaults.FromMonth;
        var to = DashboardQueries.IsMonth(Text("to")) ? Text("to")! : defaults.ToMonth;
        if (string.CompareOrdinal(from, to) > 0) (from, to) = (to, from);
        return new DashboardFilter(from, to, Text("segment"), Text("team"), Text("ae"), Text("csm"));
    }

    /// <summary>The same filter as a query string, for links to the CSVs.</summary>
    public static string Query(DashboardFilter f)
    {
        var parts = new List<string> { $"from={f.FromMonth}", $"to={f.ToMonth}" };
        foreach (var (k, v) in new[] { ("segment", f.Segment), ("team", f.Team), ("ae", f.Ae), ("csm", f.Csm) })
            if (v is not null) parts.Add($"{k}={Uri.EscapeDataString(v)}");
        return "?" + string.Join('&', parts);
    }
}
