using System.Net.Http.Headers;
using System.Text.Json;
using Baton.Core.Integrations.Email;
using Baton.Core.Integrations.HubSpot;
using Baton.Core.Integrations.Slack;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Baton.Web.Pages.Settings;

/// <summary>One connection as the settings page shows it: configured or not, and its secret reduced to the last 4 characters.</summary>
public sealed record ConnectionStatus(string Key, string Name, bool Configured, string Detail, string? SecretHint);

/// <summary>The answer of one connection test.</summary>
public sealed record CheckResult(bool Ok, string Message);

/// <summary>
/// Slack, the CRM (HubSpot) and SMTP, read from configuration, and a cheap real check of each: Slack's
/// <c>auth.test</c>, a one-deal read from HubSpot, an SMTP connect and EHLO. Every check gives up after 5 seconds.
/// </summary>
public sealed class ConnectionChecks(IConfiguration configuration)
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    private SlackOptions Slack => configuration.GetSection(SlackOptions.SectionName).Get<SlackOptions>() ?? new SlackOptions();
    private HubSpotOptions HubSpot => configuration.GetSection(HubSpotOptions.SectionName).Get<HubSpotOptions>() ?? new HubSpotOptions();
    private SmtpOptions? Smtp => string.IsNullOrWhiteSpace(configuration["Smtp:Host"]) ? null : configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>();

    public IReadOnlyList<ConnectionStatus> Statuses()
    {
        var slack = Slack;
        var hubspot = HubSpot;
        var smtp = Smtp;
        return
        [
            new("slack", "Slack", slack.BotToken.Length > 0,
                slack.BotToken.Length > 0 ? $"API {slack.ApiBaseUrl}; signing secret {(slack.SigningSecret.Length > 0 ? "set" : "not set")}" : "No bot token: messages go to the in-app feed.",
                Hint(slack.BotToken)),
            new("hubspot", "CRM (HubSpot)", hubspot.AccessToken.Length > 0,
                hubspot.AccessToken.Length > 0 ? $"API {hubspot.ApiBaseUrl}{(hubspot.PortalId.Length > 0 ? $"; portal {hubspot.PortalId}" : "")}" : "No access token: deals are entered in Baton.",
                Hint(hubspot.AccessToken)),
            new("smtp", "E-mail (SMTP)", smtp is not null,
                smtp is not null ? $"{smtp.Host}:{smtp.Port}, STARTTLS {smtp.UseStartTls}, from {smtp.From}{(smtp.Username is { Length: > 0 } u ? $", user {u}" : "")}" : "No host: e-mails go to the in-app feed.",
                Hint(smtp?.Password)),
        ];
    }

    /// <summary>At most the last 4 characters of a secret, and only of one long enough that they give nothing away.</summary>
    public static string? Hint(string? secret) =>
        string.IsNullOrEmpty(secret) ? null : secret.Length >= 12 ? $"ends in …{secret[^4..]}" : "set";

    public async Task<CheckResult> CheckAsync(string? key, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Limit);
        try
        {
            return key switch
            {
                "slack" => await SlackAsync(timeout.Token),
                "hubspot" => await HubSpotAsync(timeout.Token),
                "smtp" => await SmtpAsync(timeout.Token),
                _ => new CheckResult(false, "No such connection."),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new CheckResult(false, $"No answer within {Limit.TotalSeconds:0} seconds.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or SslHandshakeException or AuthenticationException or JsonException)
        {
            return new CheckResult(false, e.Message);
        }
    }

    private async Task<CheckResult> SlackAsync(CancellationToken ct)
    {
        var slack = Slack;
        if (slack.BotToken.Length == 0) return new CheckResult(false, "Slack is not configured: set Slack:BotToken.");
        using var http = new HttpClient { Timeout = Limit };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(slack.ApiBaseUrl, "auth.test"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", slack.BotToken);
        using var response = await http.SendAsync(request, ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = body.RootElement;
        string Get(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : "";
        return root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True
            ? new CheckResult(true, $"Connected to the workspace {Get("team")} as {Get("user")}.")
            : new CheckResult(false, $"Slack said: {(Get("error") is { Length: > 0 } e ? e : $"HTTP {(int)response.StatusCode}")}.");
    }

    private async Task<CheckResult> HubSpotAsync(CancellationToken ct)
    {
        var hubspot = HubSpot;
        if (hubspot.AccessToken.Length == 0) return new CheckResult(false, "HubSpot is not configured: set HubSpot:AccessToken.");
        using var http = new HttpClient { Timeout = Limit };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(hubspot.ApiBaseUrl, "crm/v3/objects/deals?limit=1"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hubspot.AccessToken);
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return new CheckResult(true, "Read one deal from HubSpot.");
        var text = await response.Content.ReadAsStringAsync(ct);
        var message = "";
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString() ?? "";
        }
        catch (JsonException) { }
        return new CheckResult(false, $"HubSpot answered HTTP {(int)response.StatusCode}{(message.Length > 0 ? $": {message}" : "")}.");
    }

    private async Task<CheckResult> SmtpAsync(CancellationToken ct)
    {
        var smtp = Smtp;
        if (smtp is null) return new CheckResult(false, "SMTP is not configured: set Smtp:Host.");
        using var client = new SmtpClient { Timeout = (int)Limit.TotalMilliseconds };
        var tls = smtp.UseStartTls switch { StartTlsMode.None => SecureSocketOptions.None, StartTlsMode.Required => SecureSocketOptions.StartTls, _ => SecureSocketOptions.Auto };
        // Connecting greets the server with EHLO; nothing is sent.
        await client.ConnectAsync(smtp.Host, smtp.Port, tls, ct);
        var capabilities = client.Capabilities;
        await client.DisconnectAsync(true, ct);
        return new CheckResult(true, $"Connected to {smtp.Host}:{smtp.Port} and greeted it (EHLO); it offers {capabilities}.");
    }
}
