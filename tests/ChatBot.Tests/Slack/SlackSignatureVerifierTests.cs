using System.Text;
using ChatBot.Slack;
using ChatBot.Slack.Verification;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ChatBot.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    // Slack's documented example (https://api.slack.com/authentication/verifying-requests-from-slack).
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string Body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static SlackSignatureVerifier Verifier(string? secret, long nowSeconds)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(nowSeconds));
        var options = Substitute.For<IOptionsMonitor<SlackOptions>>();
        options.CurrentValue.Returns(new SlackOptions { SigningSecret = secret, BotToken = "xoxb-x" });
        return new SlackSignatureVerifier(options, time);
    }

    [Fact]
    public void SlackDocumentedExample_IsValid() =>
        Assert.Equal(SignatureCheck.Valid, Verifier(Secret, 1531420618 + 10).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void SlackDocumentedExample_SignsToTheDocumentedSignature() =>
        Assert.Equal(Signature, Encoding.ASCII.GetString(SlackSignatureVerifier.Sign(Secret, Timestamp, Encoding.UTF8.GetBytes(Body))));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void TimestampOutsideFiveMinutesEitherWay_IsStale(int offset) =>
        Assert.Equal(SignatureCheck.Stale, Verifier(Secret, 1531420618 - offset).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void TimestampAtTheEdgeOfTheWindow_IsValid(int offset) =>
        Assert.Equal(SignatureCheck.Valid, Verifier(Secret, 1531420618 - offset).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void TamperedBody_IsMismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier(Secret, 1531420618).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body + "x")));

    [Fact]
    public void WrongSecret_IsMismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier("another-secret", 1531420618).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void UppercaseHexOrOtherVersion_IsMismatch()
    {
        var verifier = Verifier(Secret, 1531420618);
        Assert.Equal(SignatureCheck.Mismatch, verifier.Verify(Timestamp, Signature.ToUpperInvariant(), Encoding.UTF8.GetBytes(Body)));
        Assert.Equal(SignatureCheck.Mismatch, verifier.Verify(Timestamp, "v1=" + Signature[3..], Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData("v0=a2114d")]
    [InlineData(Signature + "0")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50é")]
    public void SignatureOfTheWrongLengthOrNotAscii_IsMismatch(string signature) =>
        Assert.Equal(SignatureCheck.Mismatch, Verifier(Secret, 1531420618).Verify(Timestamp, signature, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void LongBody_IsVerifiedWhole()
    {
        var body = Encoding.UTF8.GetBytes("payload=" + new string('x', 200_000));
        var signature = Encoding.ASCII.GetString(SlackSignatureVerifier.Sign(Secret, Timestamp, body));
        var verifier = Verifier(Secret, 1531420618);
        Assert.Equal(SignatureCheck.Valid, verifier.Verify(Timestamp, signature, body));
        body[^1] = (byte)'y';
        Assert.Equal(SignatureCheck.Mismatch, verifier.Verify(Timestamp, signature, body));
    }

    [Theory]
    [InlineData(null, Signature)]
    [InlineData(Timestamp, null)]
    [InlineData("", "")]
    public void MissingHeaders_AreRefused(string? timestamp, string? signature) =>
        Assert.Equal(SignatureCheck.MissingHeaders, Verifier(Secret, 1531420618).Verify(timestamp, signature, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void NonNumericTimestamp_IsStale() =>
        Assert.Equal(SignatureCheck.Stale, Verifier(Secret, 1531420618).Verify("-1531420618", Signature, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void NoSecretConfigured_RefusesEvenACorrectlySignedRequest() =>
        Assert.Equal(SignatureCheck.NotConfigured, Verifier(null, 1531420618).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)));
}
