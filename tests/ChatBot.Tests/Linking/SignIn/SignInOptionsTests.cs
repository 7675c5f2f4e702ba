using ChatBot.Linking.SignIn;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Linking.SignIn;

public sealed class SignInOptionsTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("https://chatbot.example.com/", true)]
    [InlineData("https://chatbot.example.com/bot", true)]
    [InlineData("http://127.0.0.1:5080/", true)]
    [InlineData("http://localhost:5080/", true)]
    [InlineData("http://chatbot.example.com/", false)]
    [InlineData("ftp://chatbot.example.com/", false)]
    [InlineData("chatbot.example.com", false)]
    [InlineData("https://chatbot.example.com/?x=1", false)]
    public void PublicBaseUrl_MustBeHttps_UnlessLoopback(string? url, bool valid)
    {
        var result = new SignInOptionsValidator().Validate(null, new SignInOptions { PublicBaseUrl = url });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("PublicBaseUrl", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PublicBaseUri_GetsItsTrailingSlash_SoLinksStayUnderIt() =>
        Assert.Equal("https://chatbot.example.com/bot/link/x", new Uri(new SignInOptions { PublicBaseUrl = "https://chatbot.example.com/bot" }.PublicBaseUri!, "link/x").ToString());

    [Fact]
    public void Codes_Are192RandomBits_InTheUrlSafeAlphabet_AndHashedOneWay()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => SignInCode.New()).ToList();

        Assert.All(codes, c => Assert.True(SignInCode.IsWellFormed(c), c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(SignInCode.Length, codes[0].Length);
        Assert.Equal(64, SignInCode.Hash(codes[0]).Length);
        Assert.DoesNotContain(codes[0], SignInCode.Hash(codes[0]), StringComparison.Ordinal);
        Assert.False(SignInCode.IsWellFormed(codes[0][..^1] + "="));
        Assert.False(SignInCode.IsWellFormed(null));
    }
}
