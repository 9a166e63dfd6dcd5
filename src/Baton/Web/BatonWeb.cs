using Baton.Core;
using Baton.Core.Data;
using Baton.Core.Playbook;
using Baton.Web.Access;
using Baton.Web.Api;
using Baton.Web.Pages;
using Baton.Web.Pages.Dashboard;
using Baton.Web.Pages.Handoffs;
using Baton.Web.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web;

/// <summary>The web host: API, webhooks, pages, health, and the pumps in the background.</summary>
public static class BatonWeb
{
    /// <param name="configure">Tests and the demo adjust services (time, URLs) before the host is built.</param>
    /// <param name="settings">Configuration that wins over files and environment (tests, the demo).</param>
    public static WebApplication Build(string[] args, PlaybookContext playbook, Action<WebApplicationBuilder>? configure = null, bool runPumps = true,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        // appsettings.json travels with the executable; the working directory is the user's (./data, ./playbooks).
        // The application name finds the compiled pages: under a test host the entry assembly is not Baton.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args, ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(BatonWeb).Assembly.GetName().Name,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBaton(playbook, runPumps);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Baton API";
            doc.Info.Description = "Deals and their handoff fields, the gate, handoffs with their clocks and history, and the outbox.";
            return Task.CompletedTask;
        }));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.AddBatonAccess();
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            // Every page declares its policy; this is only the floor under a page that forgets.
            o.Conventions.AuthorizeFolder("/", Access.Policies.Read);
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseBatonAccess();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Access.Policies.Read);
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready").AllowAnonymous();
        app.MapDealsApi();
        app.MapHandoffsApi();
        app.MapContractsApi();
        app.MapCsPipelineApi();
        app.MapOutboxApi();
        app.MapOutgoingWebhooksApi();
        app.MapSlackWebhooks();
        app.MapHubSpotWebhook();
        app.MapSalesforceWebhook();
        app.MapGet("/api/webhooks/refused", (Core.Inbox.WebhookRefusals refusals) => Results.Ok(refusals.Snapshot()))
            .RequireAuthorization(Access.Policies.Admin).WithTags("Webhooks").WithSummary("Webhook requests and events refused since start, by source and reason (signature, timestamp, portal, shape).");
        app.MapPages();
        app.MapDashboardCsv();
        app.MapHandoffExport();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Ready means the database answers.</summary>
    private sealed class DatabaseHealthCheck(BatonDb db) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
    {
        public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
                : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("the database does not answer");
    }

    /// <summary>Applies migrations before the host starts taking requests.</summary>
    /// <param name="quiet">One-shot commands skip the warnings about what is not configured.</param>
    public static async Task MigrateAsync(WebApplication app, CancellationToken ct = default, bool quiet = false)
    {
        using var scope = app.Services.CreateScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<BatonDb>(), ct);
        if (quiet) return;
        // Said once at start, loudly; each message that goes to the feed is then logged at Information.
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Baton");
        if (string.IsNullOrWhiteSpace(app.Configuration["Slack:BotToken"]))
            log.LogWarning("Slack:BotToken is not set: Slack messages go to the in-app feed (/feed) and are NOT sent to Slack");
        if (string.IsNullOrWhiteSpace(app.Configuration["Smtp:Host"]))
            log.LogWarning("Smtp:Host is not set: e-mails and calendar invites go to the in-app feed (/feed) and are NOT sent");
    }
}
