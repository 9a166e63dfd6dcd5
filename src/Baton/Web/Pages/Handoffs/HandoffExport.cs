using System.Text;
using Baton.Core.Documents;
using Baton.Core.Playbook;

namespace Baton.Web.Pages.Handoffs;

/// <summary>GET /handoffs/{id}.md: the handoff document as Markdown, from the same model as the page.</summary>
internal static class HandoffExport
{
    public static void MapHandoffExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/handoffs/{id}.md", async (string id, HandoffDocuments documents, PlaybookContext context, CancellationToken ct) =>
            await documents.BuildAsync(id, ct) is { } document
                ? Results.Text(HandoffMarkdown.Write(document, context.Calendar.WorkingDayLength), "text/markdown; charset=utf-8", Encoding.UTF8)
                : Results.Text($"No handoff for deal {id}.\n", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound))
        .RequireAuthorization(Access.Policies.Read)
        .ExcludeFromDescription();
}
