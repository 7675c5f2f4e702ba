using System.Net;
using System.Text;
using ChatBot.Slack.Payloads;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatBot.Tests.Slack.Payloads;

public sealed class SlackFormTests
{
    private static byte[] Ascii(string body) => Encoding.ASCII.GetBytes(body);

    private static string? Payload(string body)
    {
        if (!SlackForm.TryFind(Ascii(body), "payload", out var encoded))
        {
            return null;
        }

        var decoded = new byte[encoded.Length];
        return Encoding.UTF8.GetString(decoded, 0, SlackForm.Decode(encoded, decoded));
    }

    [Theory]
    [InlineData("payload=%7B%22a%22%3A%22caff%C3%A8%22%7D", "{\"a\":\"caffè\"}")]
    [InlineData("payload=a+b%2Bc", "a b+c")]
    [InlineData("payload=100%25+%F0%9F%8E%AB", "100% 🎫")]
    [InlineData("payload=%7b%22x%22%7d", "{\"x\"}")]
    // A % without two hex digits after it stays as it is (WHATWG URL standard).
    [InlineData("payload=50%+off%zz%4", "50% off%zz%4")]
    [InlineData("payload=", "")]
    [InlineData("payload", "")]
    public void Decodes_the_payload_field(string body, string expected) => Assert.Equal(expected, Payload(body));

    [Fact]
    public void Finds_the_field_among_others_and_takes_the_first_value()
    {
        Assert.Equal("one", Payload("&&token=x&payloads=no&payload=one&payload=two"));
        Assert.Equal("one", Payload("pay%6Coad=one"));
        Assert.Null(Payload("token=x&payloadx=y&xpayload=z"));
        Assert.Null(Payload(""));
    }

    [Fact]
    public void Reads_every_field_like_aspnetcores_form_reader()
    {
        var values = new[] { "/ticket", "Server down: caffè & co.", "a+b=c", "100%", "🎫 ticket", "", "line\nbreak", "<@U1|x>" };
        var body = string.Join('&', values.Select((v, i) => $"f{i}=" + (i % 2 == 0 ? WebUtility.UrlEncode(v) : Uri.EscapeDataString(v))));

        var ours = SlackForm.ReadAll(Ascii(body));
        var reference = new FormReader(body).ReadForm();

        Assert.Equal(values.Length, ours.Count);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], ours[$"f{i}"]);
            Assert.Equal(reference[$"f{i}"].ToString(), ours[$"f{i}"]);
        }
    }

    [Fact]
    public void Decodes_a_long_field_into_place()
    {
        var text = string.Concat(Enumerable.Repeat("é ", 2000));
        var fields = SlackForm.ReadAll(Ascii("text=" + WebUtility.UrlEncode(text)));
        Assert.Equal(text, fields["text"]);
    }
}
