using System.Net;
using System.Net.Sockets;
using Baton.Core.Integrations.Email;
using Baton.Tests.Doubles.Smtp;
using Ical.Net;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Baton.Tests.Integrations.Email;

public sealed class EmailSenderTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 10, 26, 15, 30, 0, TimeSpan.Zero);
    private readonly SmtpDouble _smtp = new();
    private readonly FakeTimeProvider _time = new(Now);

    public ValueTask DisposeAsync() => _smtp.DisposeAsync();

    private EmailSender Sender(SmtpDouble smtp, Action<SmtpOptions>? configure = null)
    {
        var options = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = smtp.Port,
            UseStartTls = StartTlsMode.None,
            From = "Baton <handoffs@baton.example>",
            Timeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return new EmailSender(options, _time);
    }

    private static OutgoingEmail Transition(string key = "handoff/h-1042/ae-transition") => new()
    {
        IdempotencyKey = key,
        To = ["Marcus Lee <marcus.lee@northwind.io>"],
        Cc = ["dana.whitfield@baton.example"],
        ReplyTo = "Sam Ortega <sam.ortega@baton.example>",
        Subject = "Northwind: meet Dana Whitfield, your customer success manager",
        Body = "Hi Marcus,\n\nThank you again for choosing us.\n",
    };

    [Fact]
    public async Task SendAsync_PlainEmail_DeliversEnvelopeHeadersAndBody()
    {
        var result = await Sender(_smtp).SendAsync(Transition());

        var sent = Assert.IsType<SendResult.Sent>(result);
        var received = Assert.Single(_smtp.Messages);
        Assert.Equal("handoffs@baton.example", received.MailFrom);
        Assert.Equal(["marcus.lee@northwind.io", "dana.whitfield@baton.example"], received.Recipients);
        var m = received.Message;
        Assert.Equal(sent.MessageId, m.MessageId);
        Assert.Equal("Baton", m.From.Mailboxes.Single().Name);
        Assert.Equal("Marcus Lee", m.To.Mailboxes.Single().Name);
        Assert.Equal("sam.ortega@baton.example", m.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("Northwind: meet Dana Whitfield, your customer success manager", m.Subject);
        Assert.Equal(Now, m.Date);
        Assert.Equal("Hi Marcus,\n\nThank you again for choosing us.\n", m.TextBody!.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task SendAsync_SameKeyTwice_SendsTheSameMessageId()
    {
        var sender = Sender(_smtp);

        await sender.SendAsync(Transition());
        await sender.SendAsync(Transition());
        await sender.SendAsync(Transition("handoff/h-1042/csm-welcome"));

        var ids = _smtp.Messages.Select(m => m.Message.MessageId).ToArray();
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
        Assert.EndsWith("@baton.example", ids[0]);
        Assert.Equal(sender.MessageIdFor("handoff/h-1042/ae-transition"), ids[0]);
    }

    [Fact]
    public async Task SendAsync_WithInvite_AddsACalendarAlternativeThatParsesBack()
    {
        var invite = CalendarInviteTests.Kickoff(new DateTimeOffset(2026, 10, 30, 14, 0, 0, TimeSpan.Zero));

        await Sender(_smtp).SendAsync(Transition() with { Invite = invite });

        var body = Assert.IsType<MultipartAlternative>(Assert.Single(_smtp.Messages).Message.Body);
        Assert.Equal(["text/plain", "text/calendar"], body.Select(p => p.ContentType.MimeType));
        var part = (TextPart)body[1];
        Assert.Equal("REQUEST", part.ContentType.Parameters["method"]);
        var e = Assert.Single(Calendar.Load(part.Text)!.Events);
        Assert.Equal("kickoff.h-1042@baton.handoff", e.Uid);
        Assert.Equal(new DateTime(2026, 10, 30, 14, 0, 0, DateTimeKind.Utc), e.DtStart!.AsUtc);
    }

    [Fact]
    public async Task SendAsync_RescheduledInvite_ArrivesWithSameUidAndNextSequence()
    {
        var first = CalendarInviteTests.Kickoff(new DateTimeOffset(2026, 10, 30, 14, 0, 0, TimeSpan.Zero));
        var moved = first.Rescheduled(first.Slot with { StartsAtUtc = new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.Zero) }, Now);
        var sender = Sender(_smtp);

        await sender.SendAsync(Transition("kickoff/h-1042/0") with { Invite = first });
        await sender.SendAsync(Transition("kickoff/h-1042/1") with { Invite = moved });

        var events = _smtp.Messages
            .Select(m => Calendar.Load(((TextPart)((MultipartAlternative)m.Message.Body!)[1]).Text)!.Events.Single())
            .ToArray();
        Assert.Equal(events[0].Uid, events[1].Uid);
        Assert.Equal([0, 1], events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task SendAsync_DataGets451_ReturnsTransientThenSucceedsOnRetryWithSameMessageId()
    {
        _smtp.FailNextData(1);
        var sender = Sender(_smtp);

        var first = await sender.SendAsync(Transition());
        var retry = await sender.SendAsync(Transition());

        Assert.StartsWith("451", Assert.IsType<SendResult.TransientFailure>(first).Reason);
        Assert.Equal(sender.MessageIdFor(Transition().IdempotencyKey), Assert.IsType<SendResult.Sent>(retry).MessageId);
        Assert.Single(_smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_ConnectGets421_ReturnsTransient()
    {
        _smtp.FailNextConnects(1);

        var result = await Sender(_smtp).SendAsync(Transition());

        Assert.IsType<SendResult.TransientFailure>(result);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ReturnsTransient()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var result = await Sender(_smtp, o => o.Port = port).SendAsync(Transition());

        Assert.IsType<SendResult.TransientFailure>(result);
    }

    [Fact]
    public async Task SendAsync_UnknownRecipient_ReturnsPermanentNamingTheRecipient()
    {
        _smtp.RejectRecipient("marcus.lee@northwind.io");

        var result = await Sender(_smtp).SendAsync(Transition());

        var failure = Assert.IsType<SendResult.PermanentFailure>(result);
        Assert.StartsWith("550", failure.Reason);
        Assert.Equal("marcus.lee@northwind.io", failure.RejectedRecipient);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_WithCredentials_AuthenticatesBeforeMail()
    {
        await using var smtp = new SmtpDouble("baton", "s3cret");

        var result = await Sender(smtp, o => (o.Username, o.Password) = ("baton", "s3cret")).SendAsync(Transition());

        Assert.IsType<SendResult.Sent>(result);
        Assert.Equal("baton", Assert.Single(smtp.Messages).AuthenticatedAs);
        Assert.Contains(smtp.Transcript, l => l.StartsWith("AUTH ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_WrongPassword_ReturnsPermanent()
    {
        await using var smtp = new SmtpDouble("baton", "s3cret");

        var result = await Sender(smtp, o => (o.Username, o.Password) = ("baton", "guess")).SendAsync(Transition());

        Assert.IsType<SendResult.PermanentFailure>(result);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_StartTlsRequiredButNotOffered_ReturnsPermanent()
    {
        var result = await Sender(_smtp, o => o.UseStartTls = StartTlsMode.Required).SendAsync(Transition());

        Assert.IsType<SendResult.PermanentFailure>(result);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_LinesStartingWithDots_ArriveIntact()
    {
        var body = ".hidden?\n..two dots\n.\nend\n";

        await Sender(_smtp).SendAsync(Transition() with { Body = body });

        Assert.Equal(body, Assert.Single(_smtp.Messages).Message.TextBody!.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task SendAsync_NonAsciiSubjectAndBody_ArriveIntact()
    {
        var email = Transition() with { Subject = "Zoë’s kickoff — Münchener Rück", Body = "Grüße, Zoë.\nCafé ☕ at 10:00.\n" };

        await Sender(_smtp).SendAsync(email);

        var m = Assert.Single(_smtp.Messages).Message;
        Assert.Equal(email.Subject, m.Subject);
        Assert.Equal(email.Body, m.TextBody!.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task SendAsync_MalformedAddress_ReturnsPermanentWithoutConnecting()
    {
        var result = await Sender(_smtp).SendAsync(Transition() with { To = ["Marcus Lee <marcus.lee@"] });

        Assert.IsType<SendResult.PermanentFailure>(result);
        Assert.Equal(0, _smtp.Sessions);
    }

    [Fact]
    public void Build_EmptyFrom_IsRefusedAtConstruction() =>
        Assert.Throws<ArgumentException>(() => new EmailSender(new SmtpOptions(), _time));
}
