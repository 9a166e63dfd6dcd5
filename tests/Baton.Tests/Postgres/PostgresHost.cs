using Baton.Core;
using Baton.Core.Clocks;
using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Handoffs;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Postgres;

/// <summary>
/// Core's services (no web host) on a throwaway PostgreSQL database on the server named by BATON_TEST_POSTGRES,
/// with a fake clock and the pumps driven by hand. Skips the calling test when the variable is absent.
/// </summary>
internal sealed class PostgresHost : IAsyncDisposable
{
    public const string Variable = "BATON_TEST_POSTGRES";

    private readonly IHost _host;

    private PostgresHost(IHost host, FakeTimeProvider time, RecordingDelivery delivery)
    {
        _host = host;
        Time = time;
        Delivery = delivery;
    }

    public FakeTimeProvider Time { get; }
    public RecordingDelivery Delivery { get; }
    public IServiceProvider Services => _host.Services;

    public static string ServerOrSkip()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(server))
            Assert.Skip($"{Variable} is not set: no PostgreSQL server to test against (.ci/run starts one with scripts/postgres)");
        return server;
    }

    public static async Task<PostgresHost> StartAsync(bool migrate = true)
    {
        var connectionString = await Service.TestPostgres.CreateDatabaseAsync(ServerOrSkip());
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseOptions.Postgres,
            ["Database:ConnectionString"] = connectionString,
        });
        builder.AddBaton(PlaybookContext.Load(Repo.DefaultPlaybook), runPumps: false);
        var time = new FakeTimeProvider(Service.BatonApp.DefaultStart);
        var delivery = new RecordingDelivery();
        builder.Services.AddSingleton<TimeProvider>(time);
        // The recording delivery replaces the Slack one (the pump takes the first delivery registered for a channel).
        foreach (var registered in builder.Services.Where(d => d.ServiceType == typeof(IOutboxDelivery)).ToList()) builder.Services.Remove(registered);
        builder.Services.AddSingleton<IOutboxDelivery>(delivery);
        var host = builder.Build();
        if (migrate)
        {
            using var scope = host.Services.CreateScope();
            await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<BatonDb>());
        }
        return new PostgresHost(host, time, delivery);
    }

    public async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A second pump over the same database, as another instance would run it.</summary>
    public OutboxPump NewOutboxPump() => ActivatorUtilities.CreateInstance<OutboxPump>(Services);

    public ClockPump NewClockPump() => ActivatorUtilities.CreateInstance<ClockPump>(Services);

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await Task.CompletedTask;
    }
}

/// <summary>A slack-channel delivery that records what it was handed, standing in for the Slack or feed delivery.</summary>
internal sealed class RecordingDelivery : IOutboxDelivery
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _keys = new();

    public string Channel => OutboxChannels.Slack;

    public IReadOnlyList<string> Keys => [.. _keys];

    public async Task<DeliveryResult> DeliverAsync(OutboxRow row, CancellationToken ct)
    {
        _keys.Enqueue(row.IdempotencyKey);
        await Task.Yield(); // widen the window in which a second claimer could slip in
        return new DeliveryResult.Delivered("test", $"ext-{row.Id}", null);
    }
}
