namespace Baton.Web.Api;

internal static class HandoffsApi
{
    public static void MapHandoffsApi(this IEndpointRouteBuilder app)
    {
    }
}
