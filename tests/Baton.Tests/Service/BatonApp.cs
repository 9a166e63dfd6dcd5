using Baton.Core.Clocks;
using Baton.Core.Data;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Tests.Service;

/// <summary>
/// One Baton instance per test: the real web host on a loopback port, a real SQLite file (or PostgreSQL when
/// BATON_TEST_DATABASE=postgres and BATON_TEST_POSTGRES name a server), a fake clock, and the pumps driven by hand.
/// </summary>
public sealed class BatonApp : IAsyncDisposable
{
    private readonly ScratchDir _dir;

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.OrdinalIgnoreCase);

    private BatonApp(WebApplication app, FakeTimeProvider time, ScratchDir dir, HttpClient http)
    {
        App = app;
        Time = time;
        _dir = dir;
        Anonymous = http;
        Http = As(AdminEmail);
    }

    public const string AdminEmail = "admin@baton.test";

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>
    /// A client signed in with an API token of the team member <paramref name="person"/> (id or e-mail; their playbook
    /// role gives their access role), or of an admin for <see cref="AdminEmail"/>. Created through Baton's own users and
    /// tokens, as <c>baton users add</c> and <c>baton tokens create</c> do.
    /// </summary>
    public HttpClient As(string person, params string[] scopes)
    {
        var key = person + "|" + string.Join(",", scopes);
        if (_clients.TryGetValue(key, out var existing)) return existing;
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Core.People.Users>();
        var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
        var playbook = scope.ServiceProvider.GetRequiredService<PlaybookContext>().Playbook;
        var member = playbook.FindPerson(person);
        var email = member?.Email ?? person;
        var user = users.FindAsync(email, CancellationToken.None).GetAwaiter().GetResult();
        if (user is null)
        {
            var role = member is null ? (person == AdminEmail ? Core.People.AccessRoles.Admin : Core.People.AccessRoles.Viewer) : Core.People.AccessRoles.ForTeamRole(member.Role);
            (user, var problem) = users.AddAsync(email, member?.Name, role, null, CancellationToken.None).GetAwaiter().GetResult();
            if (user is null) throw new InvalidOperationException(problem);
        }
        var (_, secret) = users.IssueToken(user, "test", scopes.Length == 0 ? Core.People.Users.Scopes : scopes, null);
        db.SaveChanges();
        var client = new HttpClient { BaseAddress = Anonymous.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        _clients[key] = client;
        return client;
    }

    public WebApplication App { get; }
    public FakeTimeProvider Time { get; }
    /// <summary>A client with the app's real address, signed in as an admin; requests go over TCP.</summary>
    public HttpClient Http { get; }
    public string Directory => _dir.Path;

    /// <summary>Monday 2026-11-30 10:00 in New York: a working morning in the default playbook's calendar.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    /// <param name="settings">Configuration overrides, e.g. Slack:ApiBaseUrl pointing at a double.</param>
    /// <param name="time">A clock to share, e.g. with a vendor double; a new one at <paramref name="start"/> otherwise.</param>
    public static async Task<BatonApp> StartAsync(IDictionary<string, string?>? settings = null, string? playbookDir = null, DateTimeOffset? start = null,
        FakeTimeProvider? time = null)
    {
        var dir = new ScratchDir();
        time ??= new FakeTimeProvider(start ?? DefaultStart);
        var config = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(dir.Path, "baton.db")}",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (Environment.GetEnvironmentVariable("BATON_TEST_DATABASE") == "postgres"
            && Environment.GetEnvironmentVariable("BATON_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            config["Database:Provider"] = "postgres";
            config["Database:ConnectionString"] = await TestPostgres.CreateDatabaseAsync(postgres);
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;

        var playbook = PlaybookContext.Load(playbookDir ?? Repo.DefaultPlaybook);
        var app = BatonWeb.Build(["--urls=http://127.0.0.1:0"], playbook,
            builder => builder.Services.AddSingleton<TimeProvider>(time), runPumps: false, settings: config);
        await BatonWeb.MigrateAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BatonApp(app, time, dir, new HttpClient { BaseAddress = new Uri(address) });
    }

    public Task<int> RunOutboxAsync() => App.Services.GetRequiredService<OutboxPump>().RunOnceAsync(CancellationToken.None);

    /// <summary>
    /// Runs the outbox, a second of time passing between rounds, until nothing is pending (at most
    /// <paramref name="seconds"/>): several messages to one Slack channel go a second apart, as Slack's limit asks.
    /// </summary>
    public async Task DrainOutboxAsync(int seconds = 30)
    {
        for (var i = 0; i < seconds; i++)
        {
            await RunOutboxAsync();
            if (!await Db(db => db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending))) return;
            Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    public Task<int> RunInboxAsync() => App.Services.GetRequiredService<Core.Inbox.InboxPump>().RunOnceAsync(CancellationToken.None);

    /// <summary>
    /// Works the inbox and outbox until nothing is left. A message Baton held back to keep Slack's one post a second
    /// per channel is sent when its second has passed, as it would be in a running service: the clock moves on by that
    /// second, never more.
    /// </summary>
    public async Task SettleAsync(int rounds = 20)
    {
        for (var i = 0; i < rounds; i++)
        {
            if (await RunInboxAsync() + await RunOutboxAsync() > 0) continue;
            if (!await AwaitPacedAsync()) return;
        }
    }

    private async Task<bool> AwaitPacedAsync()
    {
        var now = Time.GetUtcNow().UtcDateTime;
        var horizon = now + Core.Integrations.Slack.SlackRateGate.PerChannelInterval;
        var next = await Db(db => db.Outbox.Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAtUtc > now && o.NextAttemptAtUtc <= horizon)
            .OrderBy(o => o.NextAttemptAtUtc).Select(o => (DateTime?)o.NextAttemptAtUtc).FirstOrDefaultAsync());
        if (next is null) return false;
        Time.Advance(next.Value - now);
        return true;
    }

    public Task<int> RunClocksAsync() => App.Services.GetRequiredService<ClockPump>().RunOnceAsync(CancellationToken.None);

    /// <summary>Reads the database in a fresh scope.</summary>
    public async Task<T> Db<T>(Func<BatonDb, Task<T>> query)
    {
        using var scope = App.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<BatonDb>());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        Anonymous.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

/// <summary>A throwaway database per test on the PostgreSQL server named by BATON_TEST_POSTGRES.</summary>
internal static class TestPostgres
{
    public static async Task<string> CreateDatabaseAsync(string serverConnectionString)
    {
        var name = "baton_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new Npgsql.NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }
}
