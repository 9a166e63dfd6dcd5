using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Baton.Bench.Service;

/// <summary>A <c>baton serve</c> child on a loopback port; its log lines are read as they are written.</summary>
internal sealed partial class BatonChild : IDisposable
{
    private readonly Process _process;

    private BatonChild(Process process, Uri address)
    {
        _process = process;
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1_024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        Http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    /// <summary>The child process, for its CPU time and peak working set.</summary>
    public Process Process => _process;

    /// <summary>Warning and error lines of the child's log (the first 1,000), and how many there were in all.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();
    public int Warnings => Volatile.Read(ref _warnings);
    public int Errors => Volatile.Read(ref _errors);
    private int _warnings, _errors;

    /// <summary>
    /// When the outbox pump had each deal's post in hand and asked its delivery (seen through the pump's log line):
    /// with no Slack delivery in the build the row is parked there, which is the moment a request would leave.
    /// </summary>
    public ConcurrentDictionary<string, long> LeftAt { get; } = new();

    public static async Task<BatonChild> StartAsync(string dll, string playbookDir, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "serve", "--urls", $"http://127.0.0.1:{port}", "--playbook", playbookDir }) start.ArgumentList.Add(arg);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var child = new BatonChild(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => child.Read(e.Data);
        process.ErrorDataReceived += (_, e) => child.Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var until = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"baton serve exited with {process.ExitCode}");
            try
            {
                if ((await child.Http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) return child;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        child.Dispose();
        throw new TimeoutException("baton serve was not ready within 60 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        Http.Dispose();
        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null) return;
        var now = Stopwatch.GetTimestamp();
        var match = PostHandled().Match(line);
        if (match.Success) LeftAt.TryAdd(match.Groups[1].Value, now);
        var fail = line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal);
        var warn = line.Contains("warn:", StringComparison.Ordinal);
        if (fail) Interlocked.Increment(ref _errors);
        if (warn) Interlocked.Increment(ref _warnings);
        if ((fail || warn) && Problems.Count < 1_000) Problems.Enqueue(line);
        if (fail && !line.Contains("parked", StringComparison.Ordinal) && Errors <= 20) Console.Error.WriteLine($"baton: {line}");
    }

    [GeneratedRegex(@"Outbox \d+ \(slack post, deal (\S+)\) (parked|went to)")]
    private static partial Regex PostHandled();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
