using Baton.Core.Integrations.HubSpot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HubSpotDouble = Baton.Tests.Doubles.HubSpot.HubSpotDouble;

namespace Baton.Tests.Integrations.HubSpot;

/// <summary>The HubSpot double on a real port and Baton's client wired to it as the service wires it (<see cref="HubSpotServiceCollectionExtensions.AddHubSpot"/>).</summary>
internal sealed class HubSpotHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private HubSpotHarness(HubSpotDouble hubSpot, ServiceProvider services)
    {
        HubSpot = hubSpot;
        _services = services;
    }

    public HubSpotDouble HubSpot { get; }

    public HubSpotApi Api => _services.GetRequiredService<HubSpotApi>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>What the CLI needs to reach the double.</summary>
    public string[] CliSettings => [$"--HubSpot:ApiBaseUrl={HubSpot.BaseUrl}", $"--HubSpot:AccessToken={HubSpotDouble.DefaultAccessToken}"];

    public static async Task<HubSpotHarness> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var hubSpot = await HubSpotDouble.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["HubSpot:ApiBaseUrl"] = hubSpot.BaseUrl.ToString(),
            ["HubSpot:AccessToken"] = HubSpotDouble.DefaultAccessToken,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddHubSpot(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return new HubSpotHarness(hubSpot, services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await HubSpot.DisposeAsync();
    }
}
