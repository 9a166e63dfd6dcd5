using System.Text.Json.Nodes;
using Baton.Core.Integrations.HubSpot;

namespace Baton.Tests.Integrations.HubSpot;

public sealed class HubSpotSignatureTests
{
    private const string Secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private const string Uri = "https://www.example.com/webhook_uri";
    private const string Body = "{'example_field':'example_value'}";
    private const string Timestamp = "1693657560000";
    private const string Expected = "K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=";

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeMilliseconds(1693657560000);

    [Fact]
    public void Sign_PublishedVector_MatchesHubSpotsAnswer()
    {
        Assert.Equal(Expected, HubSpotSignature.Sign(Secret, "POST", Uri, Body, Timestamp));
    }

    [Fact]
    public void Verify_PublishedVectorWithinTheWindow_IsValid()
    {
        Assert.Equal(HubSpotSignatureCheck.Valid,
            HubSpotSignature.Verify(Secret, "POST", Uri, Body, Timestamp, Expected, SentAt.AddMinutes(4)));
    }

    [Fact]
    public void Verify_EveryVectorInTheSharedSpecs_IsValid()
    {
        var vectors = HubSpotSpecs.Load("webhooks/examples/signature-test-vectors.json")["v3"]!["vectors"]!.AsArray();

        Assert.NotEmpty(vectors);
        foreach (var v in vectors.OfType<JsonObject>())
        {
            var timestamp = v["timestamp"]!.GetValue<string>();
            var now = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(timestamp));
            var check = HubSpotSignature.Verify(
                v["clientSecret"]!.GetValue<string>(), v["method"]!.GetValue<string>(), v["uri"]!.GetValue<string>(),
                v["body"]!.GetValue<string>(), timestamp, v["expected"]!.GetValue<string>(), now);
            Assert.True(check == HubSpotSignatureCheck.Valid, $"{v["source"]}: {check}");
        }
    }

    [Fact]
    public void Verify_TimestampOlderThanFiveMinutes_IsStale()
    {
        Assert.Equal(HubSpotSignatureCheck.StaleTimestamp,
            HubSpotSignature.Verify(Secret, "POST", Uri, Body, Timestamp, Expected, SentAt.AddMilliseconds(300_001)));
    }

    [Fact]
    public void Verify_TimestampFarInTheFuture_IsStale()
    {
        Assert.Equal(HubSpotSignatureCheck.StaleTimestamp,
            HubSpotSignature.Verify(Secret, "POST", Uri, Body, Timestamp, Expected, SentAt.AddMinutes(-6)));
    }

    [Theory]
    [InlineData("{'example_field':'forged'}", Uri, Secret)]
    [InlineData(Body, "https://www.example.com/other_uri", Secret)]
    [InlineData(Body, Uri, "not-the-client-secret")]
    public void Verify_ForgedBodyUriOrSecret_IsMismatch(string body, string uri, string secret)
    {
        Assert.Equal(HubSpotSignatureCheck.Mismatch, HubSpotSignature.Verify(secret, "POST", uri, body, Timestamp, Expected, SentAt));
    }

    [Fact]
    public void Verify_SignatureOfAnotherTimestamp_IsMismatch()
    {
        Assert.Equal(HubSpotSignatureCheck.Mismatch,
            HubSpotSignature.Verify(Secret, "POST", Uri, Body, "1693657560001", Expected, SentAt));
    }

    [Theory]
    [InlineData(null, Expected)]
    [InlineData(Timestamp, null)]
    [InlineData("", "")]
    public void Verify_MissingHeader_IsMissingHeaders(string? timestamp, string? signature)
    {
        Assert.Equal(HubSpotSignatureCheck.MissingHeaders, HubSpotSignature.Verify(Secret, "POST", Uri, Body, timestamp, signature, SentAt));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1693657560000")]
    [InlineData("1693657560.5")]
    public void Verify_TimestampNotEpochMilliseconds_IsMalformed(string timestamp)
    {
        Assert.Equal(HubSpotSignatureCheck.MalformedTimestamp, HubSpotSignature.Verify(Secret, "POST", Uri, Body, timestamp, Expected, SentAt));
    }

    [Fact]
    public void Verify_UriWithEscapesHubSpotDecodes_SignsTheDecodedForm()
    {
        const string sent = "https://baton.example.com/webhooks/hubspot?portal=4242%3A1%2Cx&who=ops%40example.com";
        const string decoded = "https://baton.example.com/webhooks/hubspot?portal=4242:1,x&who=ops@example.com";
        var signature = HubSpotSignature.Sign(Secret, "POST", decoded, Body, Timestamp);

        Assert.Equal(decoded, HubSpotSignature.SignedUri(sent));
        Assert.Equal(HubSpotSignatureCheck.Valid, HubSpotSignature.Verify(Secret, "POST", sent, Body, Timestamp, signature, SentAt));
    }

    [Fact]
    public void SignedUri_EscapeHubSpotDoesNotList_StaysEncoded()
    {
        Assert.Equal("https://x.example/a%20b?q=%26", HubSpotSignature.SignedUri("https://x.example/a%20b?q=%26"));
    }
}
