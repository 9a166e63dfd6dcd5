using Baton.Core.Clocks;
using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Handoffs;
using Baton.Core.Integrations.Email;
using Baton.Core.Inbox;
using Baton.Core.Integrations.HubSpot;
using Baton.Core.Integrations.Slack;
using Baton.Core.Messages;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Baton.Core;

/// <summary>Everything Baton's service needs, registered explicitly; used by the web host, the CLI and the tests.</summary>
public static class BatonServices
{
    /// <param name="runPumps">False for one-shot commands and for tests that drive the pumps by hand.</param>
    public static IHostApplicationBuilder AddBaton(this IHostApplicationBuilder builder, PlaybookContext playbook, bool runPumps = true)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton(playbook);
        services.AddSingleton(TimeProvider.System);

        var database = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(database);
        services.AddBatonDatabase(database);

        // The use cases: each loads, decides through the domain and records; its caller owns the one save.
        services.AddScoped<Recording.Recorder>();
        services.AddScoped<Routing.RoutingLoad>();
        services.AddScoped<DealGate>();
        services.AddScoped<CreateDeal>();
        services.AddScoped<SetDealFields>();
        services.AddScoped<MoveDealStage>();
        services.AddScoped<StartHandoff>();
        services.AddScoped<ApplyHandoffTrigger>();
        services.AddScoped<MoveCsStage>();
        services.AddScoped<Documents.HandoffDocuments>();
        services.AddScoped<Plans.AccountPlan>();
        services.AddScoped<Contracts.ApplyContractTrigger>();
        services.AddScoped<InboxStore>();
        services.AddScoped<People.Users>();

        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox"))
            .Validate(o => o.MaxAttempts >= 1, "Outbox:MaxAttempts must be at least 1").ValidateOnStart();
        services.AddOptions<ClockOptions>().Bind(configuration.GetSection("Clocks"));
        services.AddSingleton<OutboxPump>();
        services.AddSingleton<ClockPump>();
        services.AddScoped<Dashboard.DashboardProjection>();
        services.AddScoped<Dashboard.DashboardQueries>();
        services.AddSingleton<Dashboard.DashboardPump>();
        if (runPumps)
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxPump>());
            services.AddHostedService(sp => sp.GetRequiredService<ClockPump>());
            services.AddHostedService(sp => sp.GetRequiredService<Dashboard.DashboardPump>());
        }

        services.AddSlack(configuration);
        services.AddOptions<MessageOptions>().Bind(configuration.GetSection("Baton"));
        // One renderer: each template is parsed once for the life of the process.
        services.AddSingleton(Templates.TemplateRenderer.ForPlaybook(playbook.Directory));
        services.AddSingleton<IHandoffCardRenderer, Templates.PlaybookHandoffCard>();
        services.AddScoped<OutgoingMessages>();
        // Exactly one delivery for the slack channel: without a bot token, messages land in the in-app feed (and say so).
        if (string.IsNullOrWhiteSpace(configuration["Slack:BotToken"])) services.AddScoped<IOutboxDelivery, FeedDelivery>();
        else services.AddScoped<IOutboxDelivery, SlackDelivery>();

        // E-mail and invites: SMTP when Smtp:Host is configured, else the in-app feed (and the log says so).
        services.AddScoped<EmailComposer>();
        if (string.IsNullOrWhiteSpace(configuration["Smtp:Host"]))
        {
            services.AddScoped<IOutboxDelivery>(sp => ActivatorUtilities.CreateInstance<EmailFeedDelivery>(sp, OutboxChannels.Email));
            services.AddScoped<IOutboxDelivery>(sp => ActivatorUtilities.CreateInstance<EmailFeedDelivery>(sp, OutboxChannels.Invite));
        }
        else
        {
            var smtp = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions();
            if (string.IsNullOrWhiteSpace(smtp.From))
                throw new InvalidOperationException("Smtp:From is required when Smtp:Host is set, e.g. \"Baton <handoffs@example.com>\"");
            services.AddSingleton(smtp);
            services.AddSingleton<EmailSender>();
            services.AddScoped<IOutboxDelivery>(sp => ActivatorUtilities.CreateInstance<SmtpDelivery>(sp, OutboxChannels.Email));
            services.AddScoped<IOutboxDelivery>(sp => ActivatorUtilities.CreateInstance<SmtpDelivery>(sp, OutboxChannels.Invite));
        }

        services.AddOptions<InboxOptions>().Bind(configuration.GetSection("Inbox"))
            .Validate(o => o.MaxAttempts >= 1, "Inbox:MaxAttempts must be at least 1").ValidateOnStart();
        // One inbox handler per source, found by source the way deliveries are found by channel.
        services.AddScoped<IInboxHandler, SlackInbox>();
        services.AddSingleton<WebhookRefusals>();

        // HubSpot: the webhook's inbox handler and, for deals that live in HubSpot, the CRM side of the outbox.
        services.AddHubSpot(configuration);
        services.AddScoped<HubSpotDealMap>();
        services.AddScoped<ImportDeal>();
        services.AddScoped<CrmDealSync>();
        services.AddSingleton<HubSpotBackfill>();
        services.AddScoped<HubSpotExport>();
        services.AddSingleton<HubSpotDriftPump>();
        if (runPumps) services.AddHostedService(sp => sp.GetRequiredService<HubSpotDriftPump>());
        services.AddScoped<IInboxHandler, Integrations.HubSpot.HubSpotInbox>();
        services.Configure<Integrations.Salesforce.SalesforceOptions>(configuration.GetSection(Integrations.Salesforce.SalesforceOptions.Section));
        services.AddScoped<IInboxHandler, Integrations.Salesforce.SalesforceInbox>();
        services.AddScoped<ICrmClient, Integrations.HubSpot.HubSpotCrm>();
        services.AddScoped<IOutboxDelivery, CrmDelivery>();
        // Webhook receivers the playbook declares; each attempt is bounded, the outbox retries.
        services.AddHttpClient<Webhooks.WebhookDelivery>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<IOutboxDelivery>(sp => sp.GetRequiredService<Webhooks.WebhookDelivery>());
        services.AddSingleton<InboxPump>();
        if (runPumps) services.AddHostedService(sp => sp.GetRequiredService<InboxPump>());
        return builder;
    }
}
