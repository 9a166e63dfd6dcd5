using System.CommandLine;
using Baton.Core.Integrations.Slack;
using Baton.Core.Messages;

namespace Baton.Cli;

/// <summary><c>baton slack manifest</c>: the Slack app manifest for this Baton, to paste into Slack's "Create an app".</summary>
internal static class SlackCommand
{
    /// <summary>The default of <c>Baton:PublicUrl</c>, the one the service's own messages use.</summary>
    private static readonly string DefaultPublicUrl = new MessageOptions().PublicUrl.AbsoluteUri;

    public static Command Create(CliOutput output)
    {
        var publicUrl = new Option<string?>("--public-url")
        {
            Description = $"Where Slack reaches Baton, e.g. https://baton.example.com/. Default: the Baton:PublicUrl setting, else {DefaultPublicUrl}.",
            HelpName = "URL",
        };
        var format = new Option<string>("--format") { Description = "Output: yaml or json (Slack takes either).", DefaultValueFactory = _ => "yaml" };
        format.AcceptOnlyFromAmong("yaml", "json");
        var manifest = new Command("manifest", "Print the Slack app manifest: the Baton bot, the scopes it uses, and the event and interaction URLs under the public URL. Warns when Slack could not reach that URL.")
        {
            publicUrl, format,
        };
        manifest.SetAction(parse => Manifest(parse.GetValue(publicUrl), parse.GetValue(format)!, output));
        return new Command("slack", "Connect Baton to a Slack workspace.") { manifest };
    }

    private static int Manifest(string? publicUrl, string format, CliOutput output)
    {
        var given = publicUrl ?? PublicUrlSetting() ?? DefaultPublicUrl;
        if (!Uri.TryCreate(given, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            output.Error.WriteLine($"baton slack manifest: '{given}' is not an http or https URL");
            return ExitCodes.BadInput;
        }
        // Still printed: a manifest for a local address is fine to read, and Slack's own check says the rest.
        foreach (var warning in SlackAppManifest.UrlWarnings(url)) output.Error.WriteLine($"warning: {warning}");
        var body = SlackAppManifest.Build(url);
        output.Out.WriteLine(format == "json" ? SlackAppManifest.ToJson(body) : SlackAppManifest.ToYaml(body).TrimEnd());
        return ExitCodes.Ok;
    }

    /// <summary><c>Baton:PublicUrl</c> as <c>serve</c> reads it: appsettings.json beside the executable, then the environment (<c>Baton__PublicUrl</c>).</summary>
    private static string? PublicUrlSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return configuration["Baton:PublicUrl"] is { Length: > 0 } value ? value : null;
    }
}
