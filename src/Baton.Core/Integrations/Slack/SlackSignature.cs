using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Baton.Core.Integrations.Slack;

/// <summary>Why a request from Slack was accepted or refused.</summary>
public enum SlackSignatureCheck
{
    Valid,
    MissingHeaders,
    MalformedTimestamp,
    StaleTimestamp,
    Mismatch,
}

/// <summary>
/// Slack's v0 request signing: <c>v0=</c> + hex(HMAC-SHA256(signing secret, <c>v0:{timestamp}:{raw body}</c>)).
/// </summary>
/// <remarks>The body must be the raw bytes as received (for interactions, the form-encoded string before any parsing).</remarks>
public static class SlackSignature
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    /// <summary>Slack's replay window.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string Version = "v0";

    public static SlackSignatureCheck Verify(
        string signingSecret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> rawBody,
        DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
            return SlackSignatureCheck.MissingHeaders;
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SlackSignatureCheck.MalformedTimestamp;
        // Checked before the HMAC so a replayed request costs nothing; both directions, as a clock skew can go either way.
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (tolerance ?? DefaultTolerance).TotalSeconds)
            return SlackSignatureCheck.StaleTimestamp;

        var expected = Encoding.ASCII.GetBytes(Sign(signingSecret, timestampHeader, rawBody));
        var actual = Encoding.ASCII.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, actual)
            ? SlackSignatureCheck.Valid
            : SlackSignatureCheck.Mismatch;
    }

    public static SlackSignatureCheck Verify(
        string signingSecret, string? timestampHeader, string? signatureHeader, string rawBody,
        DateTimeOffset now, TimeSpan? tolerance = null) =>
        Verify(signingSecret, timestampHeader, signatureHeader, Encoding.UTF8.GetBytes(rawBody), now, tolerance);

    /// <summary>The <c>X-Slack-Signature</c> value Slack would send; for tests and the test double.</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var message = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message);
        return $"{Version}={Convert.ToHexStringLower(mac)}";
    }

    public static string Sign(string signingSecret, string timestamp, string rawBody) =>
        Sign(signingSecret, timestamp, Encoding.UTF8.GetBytes(rawBody));

    public static string Sign(string signingSecret, DateTimeOffset at, string rawBody) =>
        Sign(signingSecret, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), rawBody);
}
