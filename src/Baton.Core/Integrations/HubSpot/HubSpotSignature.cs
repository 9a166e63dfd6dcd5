using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>Why a request from HubSpot was accepted or refused.</summary>
public enum HubSpotSignatureCheck
{
    Valid,
    MissingHeaders,
    MalformedTimestamp,
    StaleTimestamp,
    Mismatch,
}

/// <summary>
/// HubSpot's v3 request signature: base64(HMAC-SHA256(client secret, method + URI + raw body + timestamp)),
/// with no separators, and a 5-minute window on the millisecond timestamp.
/// </summary>
/// <remarks>
/// The URI is the full URL HubSpot called (the configured public target URL, not one rebuilt behind a proxy),
/// with the percent-escapes HubSpot decodes before signing decoded here too. The body is the raw bytes as received.
/// </remarks>
public static class HubSpotSignature
{
    public const string SignatureHeader = "X-HubSpot-Signature-v3";
    public const string TimestampHeader = "X-HubSpot-Request-Timestamp";

    /// <summary>HubSpot's replay window: the official SDKs refuse anything older than 300,000 ms.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The escapes HubSpot's documentation lists; all others stay as sent.</summary>
    private static readonly (string Escape, string Character)[] DecodedEscapes =
    [
        ("%3A", ":"), ("%2F", "/"), ("%3F", "?"), ("%40", "@"), ("%21", "!"), ("%24", "$"),
        ("%27", "'"), ("%28", "("), ("%29", ")"), ("%2A", "*"), ("%2C", ","), ("%3B", ";"),
    ];

    public static HubSpotSignatureCheck Verify(
        string clientSecret, string method, string requestUri, ReadOnlySpan<byte> rawBody,
        string? timestampHeader, string? signatureHeader, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
            return HubSpotSignatureCheck.MissingHeaders;
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            return HubSpotSignatureCheck.MalformedTimestamp;
        // Checked before the HMAC so a replay costs nothing. Both directions: HubSpot only requires refusing old
        // timestamps, but one far in the future is as suspect, and clock skew can go either way.
        var age = now.ToUnixTimeMilliseconds() - milliseconds;
        if (Math.Abs(age) > (tolerance ?? DefaultTolerance).TotalMilliseconds)
            return HubSpotSignatureCheck.StaleTimestamp;

        var expected = Encoding.ASCII.GetBytes(Sign(clientSecret, method, requestUri, rawBody, timestampHeader));
        var actual = Encoding.ASCII.GetBytes(signatureHeader.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual)
            ? HubSpotSignatureCheck.Valid
            : HubSpotSignatureCheck.Mismatch;
    }

    public static HubSpotSignatureCheck Verify(
        string clientSecret, string method, string requestUri, string rawBody,
        string? timestampHeader, string? signatureHeader, DateTimeOffset now, TimeSpan? tolerance = null) =>
        Verify(clientSecret, method, requestUri, Encoding.UTF8.GetBytes(rawBody), timestampHeader, signatureHeader, now, tolerance);

    /// <summary>The <c>X-HubSpot-Signature-v3</c> value HubSpot would send; for tests and the test double.</summary>
    public static string Sign(string clientSecret, string method, string requestUri, ReadOnlySpan<byte> rawBody, string timestamp)
    {
        var head = Encoding.UTF8.GetBytes(method.ToUpperInvariant() + SignedUri(requestUri));
        var tail = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[head.Length + rawBody.Length + tail.Length];
        head.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(head.Length));
        tail.CopyTo(message, head.Length + rawBody.Length);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), message));
    }

    public static string Sign(string clientSecret, string method, string requestUri, string rawBody, string timestamp) =>
        Sign(clientSecret, method, requestUri, Encoding.UTF8.GetBytes(rawBody), timestamp);

    /// <summary>The URI as HubSpot signs it: the listed escapes decoded (either case), everything else untouched.</summary>
    public static string SignedUri(string requestUri)
    {
        if (!requestUri.Contains('%')) return requestUri;
        var uri = new StringBuilder(requestUri);
        foreach (var (escape, character) in DecodedEscapes)
        {
            uri.Replace(escape, character);
            uri.Replace(escape.ToLowerInvariant(), character);
        }
        return uri.ToString();
    }
}
