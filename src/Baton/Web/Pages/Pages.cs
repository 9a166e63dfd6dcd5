using System.Net;
using System.Text;
using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Core.Queries;

namespace Baton.Web.Pages;

/// <summary>Server-rendered overview for people (one handoff and the feed are Razor pages). No scripts; every value is HTML-encoded.</summary>
internal static class Pages
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (BatonDb db, PlaybookContext context, CancellationToken ct) =>
        {
            var counts = await new HandoffQueries(db).CountByStateAsync(ct);
            var metrics = await new HandoffMetrics(db, context).ComputeAsync(ct);
            var recent = await new HandoffQueries(db).ListAsync(null, null, 25, ct);
            var html = new StringBuilder();
            html.Append("<h1>Baton</h1><p>").Append(H(context.Playbook.Name)).Append("</p>");
            html.Append("<h2>Handoffs by state</h2><table><tr><th>state</th><th>handoffs</th></tr>");
            foreach (var (state, count) in counts.OrderBy(c => c.Key))
                html.Append("<tr><td><a href=\"/api/handoffs?state=").Append(Url(state)).Append("\">").Append(H(state)).Append("</a></td><td>").Append(count).Append("</td></tr>");
            html.Append("</table><h2>Clocks on time</h2><table><tr><th>clock</th><th>on time</th><th>missed</th><th>running</th><th>rate</th></tr>");
            foreach (var c in metrics.OnTime)
                html.Append("<tr><td>").Append(H(c.Clock)).Append("</td><td>").Append(c.OnTime).Append("</td><td>").Append(c.Missed).Append("</td><td>").Append(c.Running)
                    .Append("</td><td>").Append(c.OnTimeRate is { } r ? $"{r:P0}" : "–").Append("</td></tr>");
            html.Append("</table><p>Completeness at close: ").Append(metrics.CompletenessAtClose is { } cc ? $"{cc:P0}" : "–")
                .Append(" · median time to acknowledge: ").Append(metrics.MedianHoursToAcknowledge is { } m ? $"{m:0.#} business hours" : "–")
                .Append(" · average rating: ").Append(metrics.AverageRating is { } a ? $"{a:0.0} / 5" : "–").Append("</p>");
            html.Append("<h2>Latest handoffs</h2><table><tr><th>deal</th><th>account</th><th>state</th><th>CSM</th><th>missed clocks</th></tr>");
            foreach (var h in recent)
                html.Append("<tr><td><a href=\"/handoffs/").Append(Url(h.DealId)).Append("\">").Append(H(h.DealId)).Append("</a></td><td>").Append(H(h.AccountName))
                    .Append("</td><td>").Append(H(h.State)).Append("</td><td>").Append(H(h.CsmId)).Append("</td><td>").Append(h.MissedClocks).Append("</td></tr>");
            html.Append("</table><p><a href=\"/feed\">In-app feed</a> · <a href=\"/api/handoffs\">/api/handoffs</a> · <a href=\"/api/metrics/handoffs\">/api/metrics/handoffs</a> · <a href=\"/openapi/v1.json\">/openapi/v1.json</a></p>");
            return Page("Baton", html.ToString());
        }).RequireAuthorization(Access.Policies.Read).ExcludeFromDescription();

    }

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{H(title)}</title><style>{Style}</style></head><body>{body}</body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}" +
        ".banner{background:#fff3cd;border:1px solid #e0b400;padding:.75rem;font-weight:600}code{font-size:.8rem;white-space:pre-wrap}dt{font-weight:600}";

    private static string H(string? value) => WebUtility.HtmlEncode(value ?? "");

    private static string Url(string value) => WebUtility.HtmlEncode(Uri.EscapeDataString(value));

    private static string T(DateTime? value) => value is { } v ? v.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";
}
