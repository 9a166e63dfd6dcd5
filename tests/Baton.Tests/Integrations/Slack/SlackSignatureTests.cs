using Baton.Core.Integrations.Slack;

namespace Baton.Tests.Integrations.Slack;

public sealed class SlackSignatureTests
{
    private const string Secret = "test-signing-secret";
    private const string Body = "payload=%7B%22type%22%3A%22block_actions%22%7D";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1763800000);

    [Fact]
    public void Verify_PublishedVectors_AreValid()
    {
        var vectors = SlackSpecs.Load("examples/signature-test-vectors.json")["vectors"]!.AsArray();
        Assert.NotEmpty(vectors);
        foreach (var vector in vectors)
        {
            var timestamp = (string)vector!["timestamp"]!;
            var at = DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp));
            var check = SlackSignature.Verify((string)vector["signingSecret"]!, timestamp, (string)vector["expected"]!, (string)vector["body"]!, at);
            Assert.Equal(SlackSignatureCheck.Valid, check);
            Assert.Equal((string)vector["expected"]!, SlackSignature.Sign((string)vector["signingSecret"]!, timestamp, (string)vector["body"]!));
        }
    }

    [Fact]
    public void Verify_SignedJustNow_IsValid()
    {
        var signature = SlackSignature.Sign(Secret, Now, Body);

        Assert.Equal(SlackSignatureCheck.Valid, SlackSignature.Verify(Secret, "1763800000", signature, Body, Now.AddSeconds(2)));
    }

    [Fact]
    public void Verify_TamperedBody_IsMismatch()
    {
        var signature = SlackSignature.Sign(Secret, Now, Body);

        Assert.Equal(SlackSignatureCheck.Mismatch, SlackSignature.Verify(Secret, "1763800000", signature, Body + "x", Now));
    }

    [Fact]
    public void Verify_OtherSecret_IsMismatch()
    {
        var signature = SlackSignature.Sign("another-secret", Now, Body);

        Assert.Equal(SlackSignatureCheck.Mismatch, SlackSignature.Verify(Secret, "1763800000", signature, Body, Now));
    }

    [Fact]
    public void Verify_UppercaseHex_IsMismatch()
    {
        var signature = SlackSignature.Sign(Secret, Now, Body);

        Assert.Equal(SlackSignatureCheck.Mismatch, SlackSignature.Verify(Secret, "1763800000", "v0=" + signature[3..].ToUpperInvariant(), Body, Now));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86400)]
    public void Verify_TimestampOutsideFiveMinutes_IsStale(int secondsFromNow)
    {
        var signature = SlackSignature.Sign(Secret, Now, Body);

        Assert.Equal(SlackSignatureCheck.StaleTimestamp, SlackSignature.Verify(Secret, "1763800000", signature, Body, Now.AddSeconds(secondsFromNow)));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void Verify_TimestampAtEdgeOfWindow_IsValid(int secondsFromNow)
    {
        var signature = SlackSignature.Sign(Secret, Now, Body);

        Assert.Equal(SlackSignatureCheck.Valid, SlackSignature.Verify(Secret, "1763800000", signature, Body, Now.AddSeconds(secondsFromNow)));
    }

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("1763800000", null)]
    [InlineData("", "")]
    public void Verify_MissingHeader_IsMissingHeaders(string? timestamp, string? signature) =>
        Assert.Equal(SlackSignatureCheck.MissingHeaders, SlackSignature.Verify(Secret, timestamp, signature, Body, Now));

    [Theory]
    [InlineData("17638e5")]
    [InlineData("-1763800000")]
    [InlineData("1763800000.5")]
    public void Verify_MalformedTimestamp_IsMalformed(string timestamp) =>
        Assert.Equal(SlackSignatureCheck.MalformedTimestamp, SlackSignature.Verify(Secret, timestamp, "v0=00", Body, Now));

    [Fact]
    public void Sign_Always_IsV0AndLowercaseHex()
    {
        var signature = SlackSignature.Sign(Secret, Now, Body);

        Assert.Matches("^v0=[0-9a-f]{64}$", signature);
    }
}
