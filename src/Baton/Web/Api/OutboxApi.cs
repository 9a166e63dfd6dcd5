namespace Baton.Web.Api;

internal static class OutboxApi
{
    public static void MapOutboxApi(this IEndpointRouteBuilder app)
    {
    }
}
