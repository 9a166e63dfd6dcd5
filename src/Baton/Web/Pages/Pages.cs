namespace Baton.Web.Pages;

internal static class Pages
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
    }
}
