using System.Net;
using System.Net.Sockets;
using Baton.Tests.Service;
using Baton.Web.Pages.Settings;

namespace Baton.Tests.Pages;

/// <summary>/settings: admins only, the playbook and its check, each connection's status and test, never a secret.</summary>
public sealed class SettingsPageTests
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [Fact]
    public async Task An_admin_sees_the_playbook_its_check_and_each_connection_and_nobody_else_gets_in()
    {
        await using var app = await BatonApp.StartAsync();
        using var admin = PageClient.As(app, BatonApp.AdminEmail);
        var html = await admin.GetHtmlAsync("/settings");
        Assert.Contains("Closed Won", html);
        Assert.Contains("<span class=\"badge good\">valid</span>", html);
        Assert.Matches("id=\"field-count\">[1-9][0-9]*<", html);
        Assert.Contains("data-connection=\"slack\"", html);
        Assert.Contains("data-connection=\"hubspot\"", html);
        Assert.Contains("data-connection=\"smtp\"", html);
        Assert.Contains("not configured", html);

        foreach (var other in new[] { "maria.lopez", "rachel.goldberg", "viewer@baton.test" })
        {
            using var client = PageClient.As(app, other);
            await client.GetHtmlAsync("/settings", HttpStatusCode.Forbidden);
        }

        var slack = await admin.PostFormAsync("/settings", "/settings?handler=Test", [F("which", "slack")]);
        var body = await slack.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, slack.StatusCode);
        Assert.Contains("Slack: failed.", body);
        Assert.Contains("Slack is not configured", body);
    }

    [Fact]
    public async Task A_secret_shows_at_most_its_last_4_characters_and_an_unreachable_SMTP_server_fails_in_time()
    {
        Assert.Equal("ends in …wxyz", ConnectionChecks.Hint("xoxb-1234-abcdefwxyz"));
        Assert.Equal("set", ConnectionChecks.Hint("short"));
        Assert.Null(ConnectionChecks.Hint(""));

        // A port nobody listens on: connect refused, the error shown.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var app = await BatonApp.StartAsync(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:From"] = "Baton <handoffs@baton.test>",
            ["Smtp:Password"] = "smtp-password-secret-9876", ["Slack:BotToken"] = "xoxb-very-secret-token-4321",
        });
        using var admin = PageClient.As(app, BatonApp.AdminEmail);
        var html = await admin.GetHtmlAsync("/settings");
        Assert.DoesNotContain("smtp-password-secret", html);
        Assert.DoesNotContain("xoxb-very-secret", html);
        Assert.Contains("4321</td>", html); // the last 4 only
        Assert.Contains("9876</td>", html);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var smtp = await admin.PostFormAsync("/settings", "/settings?handler=Test", [F("which", "smtp")]);
        var body = await smtp.Content.ReadAsStringAsync();
        Assert.Contains("E-mail (SMTP): failed.", body);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("smtp-password-secret", body);
    }
}
