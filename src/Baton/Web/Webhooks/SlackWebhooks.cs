namespace Baton.Web.Webhooks;

internal static class SlackWebhooks
{
    public static void MapSlackWebhooks(this IEndpointRouteBuilder app)
    {
    }
}
