using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Baton.Core.Integrations.Email;

/// <summary>One e-mail to send. <see cref="IdempotencyKey"/> names the message: a retry with the same key is the same message.</summary>
public sealed record OutgoingEmail
{
    /// <summary>The outbox row's key, e.g. <c>handoff/h-1042/ae-transition</c>; becomes the Message-Id.</summary>
    public required string IdempotencyKey { get; init; }
    public required IReadOnlyList<string> To { get; init; }
    public IReadOnlyList<string> Cc { get; init; } = [];
    public required string Subject { get; init; }
    /// <summary>Plain text; line breaks as in the rendered template.</summary>
    public required string Body { get; init; }
    /// <summary>Replies go here instead of to the sender, e.g. the AE who "sends" the transition e-mail.</summary>
    public string? ReplyTo { get; init; }
    /// <summary>A calendar invite sent as a <c>text/calendar</c> alternative, so mail clients offer accept/decline.</summary>
    public CalendarInvite? Invite { get; init; }
}

/// <summary>What became of a send: the outbox marks it sent, retries it, or parks it.</summary>
public abstract record SendResult
{
    private SendResult() { }

    public sealed record Sent(string MessageId) : SendResult;

    /// <summary>Could not connect, or the server answered 4xx: the same message may succeed later.</summary>
    public sealed record TransientFailure(string Reason) : SendResult;

    /// <summary>5xx, a refused recipient or sender, or a configuration the server will not accept: retrying will not help.</summary>
    public sealed record PermanentFailure(string Reason, string? RejectedRecipient = null) : SendResult;
}

/// <summary>Sends plain-text e-mail with an optional calendar invite over SMTP (MailKit).</summary>
/// <remarks>
/// SMTP-level failures come back as a <see cref="SendResult"/>, never as exceptions: the outbox decides
/// what to do with them. One connection per send; handoff e-mail is a few messages a minute, not a stream.
/// </remarks>
public sealed class EmailSender(SmtpOptions options, TimeProvider time)
{
    private readonly MailboxAddress _from = MailboxAddress.Parse(
        string.IsNullOrWhiteSpace(options.From) ? throw new ArgumentException("Smtp:From is required", nameof(options)) : options.From);

    /// <summary>The Message-Id (without angle brackets) a message with <paramref name="idempotencyKey"/> is sent under.</summary>
    public string MessageIdFor(string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        var domain = options.MessageIdDomain ?? _from.Domain;
        return $"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}.baton@{domain}";
    }

    public MimeMessage Build(OutgoingEmail email)
    {
        var message = new MimeMessage
        {
            MessageId = MessageIdFor(email.IdempotencyKey),
            Subject = email.Subject,
            // MimeKit stamps the ambient clock by default; the instant is ours to give.
            Date = time.GetUtcNow(),
        };
        message.From.Add(_from);
        message.To.AddRange(email.To.Select(MailboxAddress.Parse));
        message.Cc.AddRange(email.Cc.Select(MailboxAddress.Parse));
        if (email.ReplyTo is not null) message.ReplyTo.Add(MailboxAddress.Parse(email.ReplyTo));

        var text = new TextPart("plain") { Text = email.Body };
        if (email.Invite is null)
        {
            message.Body = text;
            return message;
        }
        var calendar = new TextPart("calendar") { Text = email.Invite.ToIcs() };
        calendar.ContentType.Parameters.Add("method", email.Invite.Method);
        calendar.ContentType.Charset = "utf-8";
        message.Body = new MultipartAlternative { text, calendar };
        return message;
    }

    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        MimeMessage message;
        try { message = Build(email); }
        catch (ParseException e)
        {
            return new SendResult.PermanentFailure($"not an e-mail address: {e.Message}");
        }
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, TlsOption(options.UseStartTls), cancellationToken);
            if (!string.IsNullOrEmpty(options.Username))
                await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new SendResult.Sent(MessageIdFor(email.IdempotencyKey));
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            var reason = $"{code} {e.Message}";
            if (code is >= 400 and < 500) return new SendResult.TransientFailure(reason);
            return new SendResult.PermanentFailure(reason, e.ErrorCode == SmtpErrorCode.RecipientNotAccepted ? e.Mailbox?.Address : null);
        }
        catch (AuthenticationException e)
        {
            return new SendResult.PermanentFailure($"authentication failed: {e.Message}");
        }
        catch (SslHandshakeException e)
        {
            return new SendResult.PermanentFailure($"TLS handshake failed: {e.Message}");
        }
        catch (NotSupportedException e)
        {
            // E.g. STARTTLS required but not offered: a configuration problem, not a moment's trouble.
            return new SendResult.PermanentFailure(e.Message);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new SendResult.TransientFailure($"{e.GetType().Name}: {e.Message}");
        }
    }

    private static SecureSocketOptions TlsOption(StartTlsMode mode) => mode switch
    {
        StartTlsMode.None => SecureSocketOptions.None,
        StartTlsMode.Required => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.Auto,
    };
}
