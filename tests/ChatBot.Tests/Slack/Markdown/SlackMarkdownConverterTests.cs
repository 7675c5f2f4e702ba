using ChatBot.Slack.Markdown;

namespace ChatBot.Tests.Slack.Markdown;

public sealed class SlackMarkdownConverterTests
{
    private static readonly Dictionary<string, string> Names = new() { ["U123"] = "Mario Rossi" };

    private static string Convert(string mrkdwn) => SlackMarkdownConverter.Convert(mrkdwn, Names);

    [Theory]
    [InlineData("*bold*", "**bold**")]
    [InlineData("_italic_", "*italic*")]
    [InlineData("~strike~", "~~strike~~")]
    [InlineData("a *bold* and _it_ and ~gone~.", "a **bold** and *it* and ~~gone~~.")]
    [InlineData("*bold with _italic_ inside*", "**bold with *italic* inside**")]
    public void Emphasis_BecomesMarkdown(string mrkdwn, string markdown) => Assert.Equal(markdown, Convert(mrkdwn));

    [Theory]
    [InlineData("snake_case_name stays", "snake_case_name stays")]
    [InlineData("2*3*4 = 24", "2*3*4 = 24")]
    [InlineData("a * b * c", "a * b * c")]
    [InlineData("file_name_v2.txt", "file_name_v2.txt")]
    public void AsterisksAndUnderscoresInsideWords_AreLeftAlone(string mrkdwn, string markdown) => Assert.Equal(markdown, Convert(mrkdwn));

    [Fact]
    public void UserMention_BecomesTheResolvedName() => Assert.Equal("ask @Mario Rossi please", Convert("ask <@U123> please"));

    [Fact]
    public void UnknownUserMention_KeepsLabelOrId()
    {
        Assert.Equal("@U999", Convert("<@U999>"));
        Assert.Equal("@luigi", Convert("<@U998|luigi>"));
    }

    [Theory]
    [InlineData("see <#C024BE7LR|general>", "see #general")]
    [InlineData("see <#C024BE7LR|>", "see #C024BE7LR")]
    [InlineData("see <#C024BE7LR>", "see #C024BE7LR")]
    public void ChannelMention_BecomesChannelName(string mrkdwn, string markdown) => Assert.Equal(markdown, Convert(mrkdwn));

    [Theory]
    [InlineData("<https://example.com/a?b=1&amp;c=2|the docs>", "[the docs](https://example.com/a?b=1&c=2)")]
    [InlineData("<https://example.com>", "<https://example.com>")]
    [InlineData("<mailto:help@example.com|help@example.com>", "help@example.com")]
    [InlineData("<https://example.com|a [weird] label>", "[a \\[weird\\] label](https://example.com)")]
    public void Links_BecomeMarkdownLinks(string mrkdwn, string markdown) => Assert.Equal(markdown, Convert(mrkdwn));

    [Theory]
    [InlineData("<!here> server down", "@here server down")]
    [InlineData("<!channel>", "@channel")]
    [InlineData("<!subteam^S0614TZR7|@ops>", "@ops")]
    [InlineData("<!date^1392734382^{date_short}|Feb 18, 2014>", "Feb 18, 2014")]
    public void SpecialMentions_BecomeText(string mrkdwn, string markdown) => Assert.Equal(markdown, Convert(mrkdwn));

    [Fact]
    public void EntitiesAreDecodedAfterTokens_SoEscapedBracketsNeverBecomeMentions()
    {
        // Slack escapes a typed "<@U123>" as "&lt;@U123&gt;": it is text, not a mention.
        Assert.Equal("literal <@U123> & <b>", Convert("literal &lt;@U123&gt; &amp; &lt;b&gt;"));
    }

    [Fact]
    public void DoubleEncodedEntity_IsDecodedOnce() => Assert.Equal("&lt;", Convert("&amp;lt;"));

    [Fact]
    public void Quote_StaysAQuote() => Assert.Equal("> quoted\nnot", Convert("&gt; quoted\nnot"));

    [Fact]
    public void Code_IsKeptVerbatim()
    {
        Assert.Equal("run `rm *.log _now_`", Convert("run `rm *.log _now_`"));
        Assert.Equal("```\nif (a &lt; b) *x*\n```".Replace("&lt;", "<", StringComparison.Ordinal), Convert("```if (a &lt; b) *x*```"));
    }

    [Fact]
    public void FindUserIds_ListsMentionsOnce() =>
        Assert.Equal(["U1", "U2"], SlackMarkdownConverter.FindUserIds("<@U1> <@U2|bob> <@U1> <#C1|x>").Order());

    [Fact]
    public void FindChannelNames_ReadsNamedChannelTokens() =>
        Assert.Equal("general", SlackMarkdownConverter.FindChannelNames("<#C1|general> <#C2|>")["C1"]);
}
