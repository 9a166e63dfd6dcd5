namespace Baton.Web.Pages;

/// <summary>The landing page: the handoff quality dashboard (the handoffs and the feed have pages of their own).</summary>
internal static class Pages
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpRequest request) => Results.Redirect("/dashboard" + request.QueryString)).RequireAuthorization(Access.Policies.Read).ExcludeFromDescription();
    }
}
