using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Core.Queries;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Baton.Web.Pages.Feed;

/// <summary>
/// The in-app feed: the messages Baton would have posted to Slack, newest first, 25 a page, rendered as Slack shows
/// mrkdwn (<see cref="Mrkdwn"/>), with team members' Slack ids shown as their names.
/// </summary>
[Authorize(Policies.Read)]
public sealed class FeedModel(BatonDb db, PlaybookContext context, IConfiguration configuration) : PageModel
{
    public const int PageSize = 25;

    /// <summary>From <c>?page=</c>, read by hand: "page" is also the route value naming the Razor page.</summary>
    public int PageNumber { get; private set; } = 1;
    public IReadOnlyList<FeedItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool SlackConfigured { get; private set; }
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var queries = new OutboxQueries(db);
        Total = await queries.CountFeedAsync(ct);
        PageNumber = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, Pages) : 1;
        Items = await queries.FeedPageAsync((PageNumber - 1) * PageSize, PageSize, ct);
        SlackConfigured = !string.IsNullOrWhiteSpace(configuration["Slack:BotToken"]);
        Names = context.Playbook.Team.Where(p => !string.IsNullOrWhiteSpace(p.SlackUserId))
            .GroupBy(p => p.SlackUserId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
    }
}
