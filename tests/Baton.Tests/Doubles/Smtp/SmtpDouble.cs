using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Baton.Tests.Doubles.Smtp;

/// <summary>A message the double accepted: the envelope as the client gave it and the parsed content.</summary>
internal sealed record ReceivedMessage(string MailFrom, IReadOnlyList<string> Recipients, MimeMessage Message, string Raw, string? AuthenticatedAs);

/// <summary>
/// An SMTP server on 127.0.0.1 that speaks enough of RFC 5321 for MailKit: EHLO/HELO, AUTH PLAIN/LOGIN,
/// MAIL, RCPT, DATA (with dot-unstuffing), RSET, NOOP, QUIT.
/// </summary>
/// <remarks>
/// It answers out-of-order commands the way a real server does (503 bad sequence, 501 syntax, 530 when AUTH is
/// required, 550 for a scripted unknown recipient) and can fail on purpose: 421 at connect or 451 at DATA for
/// the next N sessions. It advertises no PIPELINING, STARTTLS or CHUNKING, so clients use the plain command flow.
/// </remarks>
internal sealed class SmtpDouble : IAsyncDisposable
{
    private const string Name = "smtp.double.test";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMessage> _messages = new();
    private readonly ConcurrentQueue<string> _transcript = new();
    private readonly ConcurrentDictionary<string, byte> _unknownRecipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _acceptLoop;
    private int _failConnects;
    private int _failData;
    private int _sessionCount;

    public SmtpDouble(string? username = null, string? password = null)
    {
        (Username, Password) = (username, password);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>When set, MAIL before a successful AUTH gets 530.</summary>
    public string? Username { get; }

    public string? Password { get; }

    public IReadOnlyList<ReceivedMessage> Messages => _messages.ToArray();

    /// <summary>Every command line received, in order, across sessions (AUTH payloads included: it is a test).</summary>
    public IReadOnlyList<string> Transcript => _transcript.ToArray();

    public int Sessions => Volatile.Read(ref _sessionCount);

    /// <summary>RCPT TO this address gets 550 5.1.1.</summary>
    public void RejectRecipient(string address) => _unknownRecipients[address] = 0;

    /// <summary>The next <paramref name="sessions"/> connections get 421 instead of a greeting.</summary>
    public void FailNextConnects(int sessions) => Interlocked.Exchange(ref _failConnects, sessions);

    /// <summary>The DATA command of the next <paramref name="sessions"/> sessions that reach it gets 451.</summary>
    public void FailNextData(int sessions) => Interlocked.Exchange(ref _failData, sessions);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _sessions.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current) return true;
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        Interlocked.Increment(ref _sessionCount);
        using var _ = client;
        var stream = client.GetStream();
        var reader = new LineReader(stream);
        async Task Reply(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), _stop.Token);

        try
        {
            if (TakeOne(ref _failConnects))
            {
                await Reply($"421 4.3.2 {Name} Service not available, closing transmission channel");
                return;
            }
            await Reply($"220 {Name} ESMTP ready");
            var session = new Session();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                _transcript.Enqueue(line);
                var (verb, arg) = Split(line);
                switch (verb)
                {
                    case "EHLO" or "HELO" when arg.Length == 0:
                        await Reply($"501 5.5.4 Syntax: {verb} hostname");
                        break;
                    case "EHLO":
                        session = session with { Greeted = true, MailFrom = null, Recipients = [] };
                        await Reply($"250-{Name} greets {arg}");
                        await Reply("250-8BITMIME");
                        if (Username is not null) await Reply("250-AUTH PLAIN LOGIN");
                        await Reply("250 ENHANCEDSTATUSCODES");
                        break;
                    case "HELO":
                        session = session with { Greeted = true, MailFrom = null, Recipients = [] };
                        await Reply($"250 {Name}");
                        break;
                    case "AUTH":
                        session = await AuthAsync(session, arg, reader, Reply);
                        break;
                    case "MAIL":
                        if (!session.Greeted) await Reply("503 5.5.1 Error: send HELO/EHLO first");
                        else if (session.MailFrom is not null) await Reply("503 5.5.1 Error: nested MAIL command");
                        else if (Username is not null && session.User is null) await Reply("530 5.7.0 Authentication required");
                        else if (Path(arg, "FROM:") is not { } from) await Reply("501 5.5.4 Syntax: MAIL FROM:<address>");
                        else
                        {
                            session = session with { MailFrom = from };
                            await Reply("250 2.1.0 Ok");
                        }
                        break;
                    case "RCPT":
                        if (session.MailFrom is null) await Reply("503 5.5.1 Error: need MAIL command");
                        else if (Path(arg, "TO:") is not { Length: > 0 } to) await Reply("501 5.5.4 Syntax: RCPT TO:<address>");
                        else if (_unknownRecipients.ContainsKey(to)) await Reply($"550 5.1.1 <{to}>: Recipient address rejected: User unknown");
                        else
                        {
                            session = session with { Recipients = [.. session.Recipients, to] };
                            await Reply("250 2.1.5 Ok");
                        }
                        break;
                    case "DATA":
                        if (arg.Length > 0) await Reply("501 5.5.4 Syntax: DATA");
                        else if (session.MailFrom is null) await Reply("503 5.5.1 Error: need MAIL command");
                        else if (session.Recipients.Count == 0) await Reply("503 5.5.1 Error: need RCPT command");
                        else if (TakeOne(ref _failData))
                        {
                            session = session with { MailFrom = null, Recipients = [] };
                            await Reply("451 4.3.0 Error: queue file write error, try again later");
                        }
                        else
                        {
                            await Reply("354 End data with <CR><LF>.<CR><LF>");
                            var raw = await ReadDataAsync(reader);
                            if (raw is null) return;
                            var message = await MimeMessage.LoadAsync(new MemoryStream(raw));
                            _messages.Enqueue(new ReceivedMessage(session.MailFrom, session.Recipients, message, Encoding.UTF8.GetString(raw), session.User));
                            session = session with { MailFrom = null, Recipients = [] };
                            await Reply($"250 2.0.0 Ok: queued as Q{_messages.Count}");
                        }
                        break;
                    case "RSET":
                        session = session with { MailFrom = null, Recipients = [] };
                        await Reply("250 2.0.0 Ok");
                        break;
                    case "NOOP":
                        await Reply("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        await Reply("221 2.0.0 Bye");
                        return;
                    default:
                        await Reply("500 5.5.2 Error: command not recognized");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the double is stopping: a real server just drops the session too.
        }
    }

    private async Task<Session> AuthAsync(Session session, string arg, LineReader reader, Func<string, Task> reply)
    {
        if (Username is null) { await reply("503 5.5.1 Error: authentication not enabled"); return session; }
        if (!session.Greeted) { await reply("503 5.5.1 Error: send EHLO first"); return session; }
        if (session.User is not null) { await reply("503 5.5.1 Error: already authenticated"); return session; }
        if (session.MailFrom is not null) { await reply("503 5.5.1 Error: MAIL transaction in progress"); return session; }
        var parts = arg.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var mechanism = parts.Length > 0 ? parts[0].ToUpperInvariant() : "";
        string? user, pass;
        switch (mechanism)
        {
            case "PLAIN":
                var initial = parts.Length > 1 ? parts[1] : await Challenge("");
                var plain = Decode(initial)?.Split('\0');
                (user, pass) = plain is { Length: 3 } ? (plain[1], plain[2]) : (null, null);
                break;
            case "LOGIN":
                user = Decode(parts.Length > 1 ? parts[1] : await Challenge("VXNlcm5hbWU6"));
                pass = Decode(await Challenge("UGFzc3dvcmQ6"));
                break;
            default:
                await reply("504 5.5.4 Unrecognized authentication type");
                return session;
        }
        if (user is null || pass is null) { await reply("501 5.5.2 Cannot decode response"); return session; }
        if (user != Username || pass != Password) { await reply("535 5.7.8 Error: authentication failed"); return session; }
        await reply("235 2.7.0 Authentication successful");
        return session with { User = user };

        async Task<string> Challenge(string prompt)
        {
            await reply($"334 {prompt}".TrimEnd());
            return await reader.ReadLineAsync(_stop.Token) ?? "";
        }
    }

    private static string? Decode(string base64)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim())); }
        catch (FormatException) { return null; }
    }

    /// <summary>Reads the message up to the lone dot, removing the dot a client doubles at the start of a line.</summary>
    private async Task<byte[]?> ReadDataAsync(LineReader reader)
    {
        using var body = new MemoryStream();
        while (await reader.ReadRawLineAsync(_stop.Token) is { } line)
        {
            if (line is [(byte)'.']) return body.ToArray();
            var content = line.Length > 0 && line[0] == '.' ? line.AsSpan(1) : line;
            body.Write(content);
            body.Write("\r\n"u8);
        }
        return null;
    }

    private static (string Verb, string Arg) Split(string line)
    {
        var space = line.IndexOf(' ');
        return space < 0 ? (line.ToUpperInvariant(), "") : (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
    }

    /// <summary>The address in <c>FROM:&lt;a@b&gt; PARAMS</c>; null when the syntax is wrong. The null sender &lt;&gt; is "".</summary>
    private static string? Path(string arg, string prefix)
    {
        if (!arg.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var rest = arg[prefix.Length..].TrimStart();
        if (!rest.StartsWith('<')) return null;
        var end = rest.IndexOf('>');
        if (end < 0) return null;
        var address = rest[1..end];
        return address.Length == 0 || (address.Contains('@') && !address.Contains(' ')) ? address : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_sessions);
        _stop.Dispose();
    }

    private sealed record Session
    {
        public bool Greeted { get; init; }
        public string? User { get; init; }
        public string? MailFrom { get; init; }
        public IReadOnlyList<string> Recipients { get; init; } = [];
    }

    /// <summary>CRLF-terminated lines off the socket, as bytes (DATA is 8-bit) or as text (commands).</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start, _end;

        public async Task<string?> ReadLineAsync(CancellationToken ct) =>
            await ReadRawLineAsync(ct) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

        public async Task<byte[]?> ReadRawLineAsync(CancellationToken ct)
        {
            using var line = new MemoryStream();
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await stream.ReadAsync(_buffer, ct);
                    if (_end == 0) return null;
                }
                var nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (nl < 0)
                {
                    line.Write(_buffer, _start, _end - _start);
                    _start = _end;
                    continue;
                }
                line.Write(_buffer, _start, nl - _start);
                _start = nl + 1;
                var bytes = line.ToArray();
                return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
            }
        }
    }
}
