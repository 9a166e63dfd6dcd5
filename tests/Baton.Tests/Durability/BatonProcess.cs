using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Baton.Tests.Durability;

/// <summary>A real <c>baton serve</c> child process on a loopback port; <see cref="Kill"/> is SIGKILL, no shutdown.</summary>
internal sealed class BatonProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private BatonProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }

    /// <summary>The baton.dll built next to the tests, in the same configuration.</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(Repo.Root, "src", "Baton", "bin", configuration, "net10.0", "baton.dll");
        }
    }

    /// <summary>
    /// Creates an admin and an API token for it through the CLI (<c>baton users add</c>, <c>baton tokens create</c>)
    /// on the database the settings name; the process's client sends it.
    /// </summary>
    public static async Task<string> AdminTokenAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct, string? playbook = null)
    {
        await RunCliAsync(["users", "add", "ops@baton.test", "--role", "admin"], settings, playbook, ct);
        return (await RunCliAsync(["tokens", "create", "ops@baton.test", "--name", "tests", "--scopes", "read,write"], settings, playbook, ct)).Trim();
    }

    private static async Task<string> RunCliAsync(string[] args, IReadOnlyDictionary<string, string> settings, string? playbook, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.ArgumentList.Add("--playbook");
        start.ArgumentList.Add(playbook ?? Repo.DefaultPlaybook);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"baton {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    public static Task<BatonProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct, string? playbook = null, string? token = null)
    {
        var port = FreePort();
        return LaunchAsync(port, ["serve", "--urls", $"http://127.0.0.1:{port}", "--playbook", playbook ?? Repo.DefaultPlaybook], settings, token, TimeSpan.FromSeconds(60), ct);
    }

    /// <summary><c>baton demo</c> as a newcomer runs it: generates its data into <paramref name="dataDir"/>, then serves.</summary>
    public static Task<BatonProcess> StartDemoAsync(string dataDir, int deals, CancellationToken ct)
    {
        var port = FreePort();
        return LaunchAsync(port, ["demo", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDir, "--deals", deals.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(), null, TimeSpan.FromSeconds(180), ct);
    }

    private static async Task<BatonProcess> LaunchAsync(int port, string[] args, IReadOnlyDictionary<string, string> settings, string? token, TimeSpan ready, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var child = new BatonProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        if (token is not null) child.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await child.WaitReadyAsync(ready, ct);
            return child;
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>The last lines the child wrote, for a failure message.</summary>
    public string Tail => string.Join('\n', _output.TakeLast(30));

    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try { Kill(); } catch (InvalidOperationException) { }
        Http.Dispose();
        _process.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan ready, CancellationToken ct)
    {
        var until = DateTime.UtcNow + ready;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"baton exited with {_process.ExitCode}:\n{Tail}");
            try
            {
                if ((await Http.GetAsync("health/ready", ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"baton was not ready within {ready.TotalSeconds:0} s:\n{Tail}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
