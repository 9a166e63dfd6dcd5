using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Baton.Bench.Measure;

/// <summary>What one measured child process did.</summary>
/// <param name="MaxRssKiB">The child's peak resident set, from <paramref name="RssSource"/>.</param>
/// <param name="RusageMaxRssKiB">ru_maxrss from getrusage(RUSAGE_CHILDREN); never below <paramref name="WrapperHwmKiB"/>.</param>
/// <param name="PolledHwmKiB">Largest VmHWM read from /proc/PID/status while the child ran (a lower bound).</param>
/// <param name="WrapperHwmKiB">The wrapper's own peak RSS just after starting the child (at least what it was at the exec).</param>
internal sealed record ChildResult(
    int ExitCode, double WallSeconds, double CpuSeconds, long MaxRssKiB, string RssSource,
    long RusageMaxRssKiB, long PolledHwmKiB, long WrapperHwmKiB, string Stdout, string Stderr);

/// <summary>
/// The <c>measure</c> subcommand: start one command, wait for it, and report its wall time, CPU
/// time and peak resident set size as one JSON line.
/// </summary>
/// <remarks>
/// Peak memory comes from <c>getrusage(RUSAGE_CHILDREN)</c>, which reports the largest
/// <c>ru_maxrss</c> of all children this process has waited for. That maximum only ever grows, so
/// measuring several runs from one process would report the biggest so far, not each run's own.
/// The benchmark therefore starts a fresh <c>measure</c> process per run: it has exactly one
/// child, so the figure belongs to that child alone. The wrapper's own startup is outside the
/// timed window; the child's startup is inside it, the same for every command measured.
/// <para>
/// A second trap: on exec, Linux folds the peak RSS of the address space being replaced into the
/// new program's ru_maxrss. .NET starts children with vfork, so that address space is the
/// wrapper's own, and every child reports at least the wrapper's peak (about 28 MB: /bin/true
/// "uses" 28 MB). So ru_maxrss is exact only when it is above the wrapper's peak; at or near it the
/// child really used less, and the figure comes instead from the child's VmHWM, polled every
/// 10 ms from /proc (a lower bound that can miss a spike in the child's last milliseconds).
/// Which source was used is recorded with each result.
/// </para>
/// </remarks>
internal static partial class ChildRun
{
    private const int RusageChildren = -1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UtimeSec, UtimeUsec, StimeSec, StimeUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVcsw, NIvcsw;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrusage(int who, out Rusage usage);

    /// <summary>Runs <paramref name="command"/> in this process and prints the result as JSON.</summary>
    public static int MeasureHere(IReadOnlyList<string> command)
    {
        if (command.Count == 0)
            throw new UsageException("measure: nothing to run; usage: measure -- COMMAND [ARGS...]");
        if (!OperatingSystem.IsLinux())
            throw new UsageException("measure: peak memory via getrusage is implemented for Linux only");

        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1))
            psi.ArgumentList.Add(a);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new UsageException($"measure: cannot start {command[0]}");
        // Process.Start returns after the child has exec'd, so /proc/PID/status is the new program's,
        // and the wrapper's peak read now (it only grows) bounds what the exec folded into ru_maxrss.
        var wrapperHwm = ReadHwmKiB("/proc/self/status");
        var statusPath = $"/proc/{p.Id}/status";
        long polled = 0;
        using var stop = new ManualResetEventSlim();
        var poller = new Thread(() =>
        {
            do
            {
                var hwm = ReadHwmKiB(statusPath);
                if (hwm > Interlocked.Read(ref polled))
                    Interlocked.Exchange(ref polled, hwm);
            }
            while (!stop.Wait(10));
        }) { IsBackground = true, Name = "VmHWM poller" };
        poller.Start();
        p.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        p.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.WaitForExit();
        sw.Stop();
        stop.Set();
        poller.Join();

        if (getrusage(RusageChildren, out var ru) != 0)
            throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
        var cpu = ru.UtimeSec + ru.UtimeUsec / 1e6 + ru.StimeSec + ru.StimeUsec / 1e6;
        // Within 1 MiB of the wrapper's peak at the exec, ru_maxrss may be the wrapper's figure.
        var exact = ru.MaxRss > wrapperHwm + 1024;
        var result = new ChildResult(p.ExitCode, sw.Elapsed.TotalSeconds, cpu,
            exact ? ru.MaxRss : Interlocked.Read(ref polled),
            exact ? "getrusage" : "polled VmHWM",
            ru.MaxRss, Interlocked.Read(ref polled), wrapperHwm, stdout.ToString(), stderr.ToString());
        Console.Out.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>Starts a fresh <c>measure</c> wrapper around <paramref name="command"/> and parses its report.</summary>
    public static ChildResult MeasureInWrapper(IReadOnlyList<string> self, IReadOnlyList<string> command)
    {
        var psi = new ProcessStartInfo(self[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in self.Skip(1))
            psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("measure");
        psi.ArgumentList.Add("--");
        foreach (var a in command)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the measure wrapper");
        var errTask = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var err = errTask.GetAwaiter().GetResult();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"measure wrapper failed ({p.ExitCode}): {err}");
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
            ?? throw new InvalidOperationException("measure wrapper printed nothing");
        return JsonSerializer.Deserialize<ChildResult>(line)
            ?? throw new InvalidOperationException("measure wrapper printed an empty result");
    }

    /// <summary>VmHWM in KiB from a /proc status file; 0 once the process is gone.</summary>
    private static long ReadHwmKiB(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    continue;
                var digits = line.AsSpan(6).Trim();
                digits = digits[..digits.IndexOf(' ')];
                return long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    private static void Append(StringBuilder sb, string? line)
    {
        // Keep what a person would read; a runaway child must not balloon the wrapper's memory.
        if (line is null || sb.Length > 64 * 1024)
            return;
        lock (sb)
            sb.Append(line).Append('\n');
    }
}
