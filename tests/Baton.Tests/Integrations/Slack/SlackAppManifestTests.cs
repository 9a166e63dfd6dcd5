using System.Reflection;
using System.Text.Json.Nodes;
using Baton.Cli;
using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;
using Microsoft.Extensions.Options;
using YamlDotNet.Serialization;

namespace Baton.Tests.Integrations.Slack;

/// <summary><c>baton slack manifest</c>, and the manifest's scopes held against what <see cref="SlackApi"/> calls.</summary>
public sealed class SlackAppManifestTests
{
    private static (int Exit, string Out, string Err) Baton(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = BatonCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The YAML read back as plain data, then as JSON nodes, so both formats are checked the same way.</summary>
    private static JsonObject ParseYaml(string yaml)
    {
        var data = new DeserializerBuilder().Build().Deserialize<object>(yaml);
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(data!);
        return JsonNode.Parse(json)!.AsObject();
    }

    private static string? Text(JsonNode node, string path) =>
        path.Split('.').Aggregate((JsonNode?)node, (n, key) => n?[key])?.GetValue<string>();

    [Fact]
    public void Manifest_PublicHttpsUrl_YamlWithBothRequestUrlsAndNoWarning()
    {
        var (exit, stdout, stderr) = Baton("slack", "manifest", "--public-url", "https://baton.example.com/");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", stderr);
        var manifest = ParseYaml(stdout);
        Assert.Equal("https://baton.example.com/webhooks/slack/interactions", Text(manifest, "settings.interactivity.request_url"));
        Assert.Equal("https://baton.example.com/webhooks/slack/events", Text(manifest, "settings.event_subscriptions.request_url"));
        Assert.Equal("Baton", Text(manifest, "display_information.name"));
        Assert.Equal("Baton", Text(manifest, "features.bot_user.display_name"));
        Assert.Equal("true", manifest["features"]!["bot_user"]!["always_online"]!.ToString());
        Assert.Equal("true", manifest["settings"]!["interactivity"]!["is_enabled"]!.ToString());
        foreach (var flag in new[] { "org_deploy_enabled", "socket_mode_enabled", "token_rotation_enabled" })
            Assert.Equal("false", manifest["settings"]![flag]!.ToString());
        Assert.Equal(SlackAppManifest.BotScopes.Select(s => s.Name), manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(SlackAppManifest.BotEvents, manifest["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.True(Text(manifest, "display_information.description")!.Length <= 140);
    }

    [Fact]
    public void Manifest_Json_SameManifestAsYaml()
    {
        var (exit, stdout, _) = Baton("slack", "manifest", "--public-url", "https://baton.example.com/", "--format", "json");
        var yaml = ParseYaml(Baton("slack", "manifest", "--public-url", "https://baton.example.com/").Out);

        Assert.Equal(ExitCodes.Ok, exit);
        var json = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal("https://baton.example.com/webhooks/slack/events", Text(json, "settings.event_subscriptions.request_url"));
        // YAML scalars come back as strings; compare the shape and the text of every value.
        Assert.Equal(yaml.ToJsonString(), Scalars(json)!.ToJsonString());
    }

    private static JsonNode? Scalars(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Scalars(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Scalars)]),
        JsonValue v => JsonValue.Create(v.ToString()),
        _ => null,
    };

    [Theory]
    [InlineData("https://example.com/baton", "https://example.com/baton/webhooks/slack/events")]
    [InlineData("https://example.com/baton/", "https://example.com/baton/webhooks/slack/events")]
    [InlineData("https://baton.example.com", "https://baton.example.com/webhooks/slack/events")]
    public void Manifest_PublicUrlWithOrWithoutPath_RequestUrlsUnderIt(string publicUrl, string events)
    {
        var manifest = ParseYaml(Baton("slack", "manifest", "--public-url", publicUrl).Out);

        Assert.Equal(events, Text(manifest, "settings.event_subscriptions.request_url"));
    }

    [Theory]
    [InlineData("http://baton.example.com/", "not https")]
    [InlineData("https://127.0.0.1:5080/", "this machine")]
    [InlineData("https://localhost/", "this machine")]
    [InlineData("https://[::1]/", "this machine")]
    public void Manifest_UrlSlackCannotUse_WarnsOnStderrAndStillPrints(string publicUrl, string warning)
    {
        var (exit, stdout, stderr) = Baton("slack", "manifest", "--public-url", publicUrl);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains(warning, stderr);
        Assert.StartsWith("warning: ", stderr);
        Assert.NotNull(Text(ParseYaml(stdout), "settings.interactivity.request_url"));
    }

    [Fact]
    public void Manifest_NoPublicUrl_DefaultLocalAddressWithBothWarnings()
    {
        var (exit, stdout, stderr) = Baton("slack", "manifest");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("http://127.0.0.1:5080/webhooks/slack/interactions", Text(ParseYaml(stdout), "settings.interactivity.request_url"));
        Assert.Contains("not https", stderr);
        Assert.Contains("this machine", stderr);
    }

    [Theory]
    [InlineData("baton.example.com")]
    [InlineData("ftp://baton.example.com/")]
    public void Manifest_NotAWebUrl_ExitsTwo(string publicUrl)
    {
        var (exit, stdout, stderr) = Baton("slack", "manifest", "--public-url", publicUrl);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal("", stdout);
        Assert.Contains("is not an http or https URL", stderr);
    }

    [Fact]
    public void Manifest_UnknownFormat_ExitsTwo()
    {
        Assert.Equal(ExitCodes.BadInput, Baton("slack", "manifest", "--format", "toml").Exit);
    }

    /// <summary>
    /// Calls every public method of <see cref="SlackApi"/> against the double and collects the Web API methods it used;
    /// the scopes Slack documents for those methods (<see cref="SlackDouble.ScopesNeededBy"/>) must be exactly the manifest's.
    /// A method added to SlackApi without a line here fails the first assertion.
    /// </summary>
    [Fact]
    public async Task BotScopes_ExactlyWhatTheMethodsSlackApiCallsNeed()
    {
        await using var slack = await SlackDouble.StartAsync();
        slack.AddUser("U0CSMDANA1", "dana.ortiz@example.com", "Dana Ortiz");
        using var http = new HttpClient();
        var api = new SlackApi(http, Options.Create(new SlackOptions { ApiBaseUrl = slack.BaseUrl, BotToken = slack.BotToken }));
        const string channel = SlackDouble.DefaultChannel;
        var calls = new Dictionary<string, Func<Task>>
        {
            [nameof(SlackApi.PostMessageAsync)] = () => api.PostMessageAsync(channel, "hello"),
            [nameof(SlackApi.UpdateMessageAsync)] = () => api.UpdateMessageAsync(channel, "1763800000.000100", "hello"),
            [nameof(SlackApi.LookupUserByEmailAsync)] = () => api.LookupUserByEmailAsync("dana.ortiz@example.com"),
            [nameof(SlackApi.OpenDirectMessageAsync)] = () => api.OpenDirectMessageAsync("U0CSMDANA1"),
            [nameof(SlackApi.OpenViewAsync)] = () => api.OpenViewAsync(slack.IssueTrigger(), new JsonObject { ["type"] = "modal" }),
            [nameof(SlackApi.GetPermalinkAsync)] = () => api.GetPermalinkAsync(channel, "1763800000.000100"),
            [nameof(SlackApi.FindPostedAsync)] = async () =>
            {
                await api.FindPostedAsync(channel, "outbox-1", slack.Time.GetUtcNow());
                await api.FindPostedAsync(channel, "outbox-1", slack.Time.GetUtcNow(), threadTs: "1763800000.000100");
            },
            [nameof(SlackApi.ListChannelsAsync)] = () => api.ListChannelsAsync(),
            [nameof(SlackApi.CreateChannelAsync)] = () => api.CreateChannelAsync("cust-northwind", isPrivate: true),
            [nameof(SlackApi.InviteToChannelAsync)] = () => api.InviteToChannelAsync(channel, ["U0CSMDANA1"]),
            [nameof(SlackApi.ArchiveChannelAsync)] = () => api.ArchiveChannelAsync("C0NOWHERE01"),
            [nameof(SlackApi.JoinChannelAsync)] = () => api.JoinChannelAsync(channel),
        };
        var publicMethods = typeof(SlackApi).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name);
        Assert.Equal(publicMethods.Order(), calls.Keys.Order());

        foreach (var call in calls.Values) await call();

        var used = slack.Requests.Select(r => r.Method).ToHashSet();
        var needed = used.SelectMany(SlackDouble.ScopesNeededBy).ToHashSet();
        Assert.Equal(needed.Order(), SlackAppManifest.BotScopes.Select(s => s.Name).Order());
        // And each scope's reason names a method Baton calls or an event it subscribes to.
        foreach (var scope in SlackAppManifest.BotScopes)
            Assert.All(scope.NeededBy, m => Assert.True(used.Contains(m) || SlackAppManifest.BotEvents.Contains(m), $"{scope.Name}: {m} is neither called nor subscribed"));
    }

    [Fact]
    public void BotEvents_EachOneIsInSlacksEventsApiSpec()
    {
        var topics = SlackSpecs.Load("events-api/slack_events_api_async_v1.json")["topics"]!.AsObject();
        var documented = topics.Select(t => t.Value?["subscribe"]?["externalDocs"]?["url"]?.GetValue<string>())
            .OfType<string>()
            .Select(url => url[(url.LastIndexOf('/') + 1)..])
            .ToHashSet();

        Assert.All(SlackAppManifest.BotEvents, e => Assert.Contains(e, documented));
    }
}
