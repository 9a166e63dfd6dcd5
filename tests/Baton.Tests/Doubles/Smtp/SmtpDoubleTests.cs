using System.Net.Sockets;
using System.Text;

namespace Baton.Tests.Doubles.Smtp;

/// <summary>The double answers a raw client as a real server would, so a passing sender test means real SMTP.</summary>
public sealed class SmtpDoubleTests : IAsyncDisposable
{
    private readonly SmtpDouble _smtp = new();

    public ValueTask DisposeAsync() => _smtp.DisposeAsync();

    /// <summary>Sends each line and returns the server's complete reply to it (all lines of a multi-line reply).</summary>
    private static async Task<List<string>> ConverseAsync(SmtpDouble smtp, params string[] lines)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", smtp.Port);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var replies = new List<string> { await ReadReplyAsync(reader) };
        foreach (var line in lines)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            replies.Add(await ReadReplyAsync(reader));
        }
        return replies;
    }

    private static async Task<string> ReadReplyAsync(StreamReader reader)
    {
        var sb = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            sb.Append(line).Append('\n');
            if (line.Length < 4 || line[3] != '-') break;
        }
        return sb.ToString().TrimEnd();
    }

    private static string Code(string reply) => reply[..3];

    [Fact]
    public async Task Converse_OutOfOrderCommands_Get503()
    {
        var r = await ConverseAsync(_smtp, "MAIL FROM:<a@x.io>", "EHLO client", "RCPT TO:<b@x.io>", "DATA", "MAIL FROM:<a@x.io>", "MAIL FROM:<a@x.io>", "DATA");

        Assert.Equal(["220", "503", "250", "503", "503", "250", "503", "503"], r.Select(Code));
    }

    [Fact]
    public async Task Converse_BadSyntax_Gets501()
    {
        var r = await ConverseAsync(_smtp, "EHLO", "EHLO client", "MAIL FROM:a@x.io", "MAIL FROM:<a@x.io>", "RCPT TO:<not an address>", "RCPT b@x.io");

        Assert.Equal(["220", "501", "250", "501", "250", "501", "501"], r.Select(Code));
    }

    [Fact]
    public async Task Converse_Ehlo_AdvertisesAuthOnlyWhenConfigured()
    {
        await using var withAuth = new SmtpDouble("u", "p");

        Assert.DoesNotContain("AUTH", (await ConverseAsync(_smtp, "EHLO client"))[1]);
        Assert.Contains("250-AUTH PLAIN LOGIN", (await ConverseAsync(withAuth, "EHLO client"))[1]);
    }

    [Fact]
    public async Task Converse_AuthRequired_RefusesMailUntilAuthenticated()
    {
        await using var smtp = new SmtpDouble("u", "p");
        var plain = Convert.ToBase64String("\0u\0p"u8.ToArray());

        var r = await ConverseAsync(smtp, "EHLO client", "MAIL FROM:<a@x.io>", "AUTH PLAIN " + Convert.ToBase64String("\0u\0wrong"u8.ToArray()), "AUTH PLAIN " + plain, "MAIL FROM:<a@x.io>");

        Assert.Equal(["220", "250", "530", "535", "235", "250"], r.Select(Code));
    }

    [Fact]
    public async Task Converse_AuthLogin_ChallengesForUserAndPassword()
    {
        await using var smtp = new SmtpDouble("u", "p");

        var r = await ConverseAsync(smtp, "EHLO client", "AUTH LOGIN", Convert.ToBase64String("u"u8.ToArray()), Convert.ToBase64String("p"u8.ToArray()));

        Assert.Equal(["220", "250", "334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6", "235 2.7.0 Authentication successful"], r.Select((x, i) => i < 2 ? Code(x) : x));
    }

    [Fact]
    public async Task Converse_Data_UnstuffsDotsAndRecordsTheMessage()
    {
        var r = await ConverseAsync(_smtp, "HELO client", "MAIL FROM:<a@x.io>", "RCPT TO:<b@x.io>", "DATA",
            "Subject: dots\r\nMessage-Id: <1@x.io>\r\n\r\n..leading\r\n.\r\n");

        Assert.Equal(["220", "250", "250", "250", "354", "250"], r.Select(Code));
        var m = Assert.Single(_smtp.Messages);
        Assert.Equal(["b@x.io"], m.Recipients);
        Assert.Equal("dots", m.Message.Subject);
        Assert.Equal(".leading\n", m.Message.TextBody!.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task Converse_RsetMidTransaction_ForgetsTheEnvelope()
    {
        var r = await ConverseAsync(_smtp, "EHLO client", "MAIL FROM:<a@x.io>", "RCPT TO:<b@x.io>", "RSET", "DATA", "NOOP", "VRFY b", "QUIT");

        Assert.Equal(["220", "250", "250", "250", "250", "503", "250", "500", "221"], r.Select(Code));
    }

    [Fact]
    public async Task Converse_ScriptedFailures_ApplyToTheNextSessionsOnly()
    {
        _smtp.RejectRecipient("gone@x.io");
        _smtp.FailNextConnects(1);
        _smtp.FailNextData(1);

        var refused = await ConverseAsync(_smtp);
        var dataFails = await ConverseAsync(_smtp, "EHLO c", "MAIL FROM:<a@x.io>", "RCPT TO:<gone@x.io>", "RCPT TO:<b@x.io>", "DATA");
        var dataWorks = await ConverseAsync(_smtp, "EHLO c", "MAIL FROM:<a@x.io>", "RCPT TO:<b@x.io>", "DATA");

        Assert.Equal(["421"], refused.Select(Code));
        Assert.Equal(["220", "250", "250", "550", "250", "451"], dataFails.Select(Code));
        Assert.Equal(["220", "250", "250", "250", "354"], dataWorks.Select(Code));
        Assert.Equal(3, _smtp.Sessions);
    }
}
