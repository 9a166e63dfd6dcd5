namespace Baton.Core.Integrations.Email;

/// <summary>How to use STARTTLS: upgrade when the server offers it, never, or refuse to send without it.</summary>
public enum StartTlsMode { Auto, None, Required }

/// <summary>The <c>Smtp</c> configuration section: where e-mail goes out and as whom.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>Default <c>localhost</c>.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Default 587, the submission port.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Default none: no AUTH. Set both to authenticate.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Default <see cref="StartTlsMode.Auto"/>: TLS on connect on port 465, STARTTLS elsewhere when offered.</summary>
    public StartTlsMode UseStartTls { get; set; } = StartTlsMode.Auto;

    /// <summary>The sender, e.g. <c>Baton &lt;handoffs@example.com&gt;</c>. Required.</summary>
    public string From { get; set; } = "";

    /// <summary>Default 30 seconds for each SMTP command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Default none: the domain of <see cref="From"/> is the right-hand side of every Message-Id.</summary>
    public string? MessageIdDomain { get; set; }
}
