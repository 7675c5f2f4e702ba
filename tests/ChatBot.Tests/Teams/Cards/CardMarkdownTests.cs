using ChatBot.Teams.Cards;

namespace ChatBot.Tests.Teams.Cards;

public sealed class CardMarkdownTests
{
    [Theory]
    [InlineData("[Open](https://evil.example/login) **URGENT**", @"\[Open\](https://evil.example/login) \*\*URGENT\*\*")]
    [InlineData("_it_ ~~gone~~ `code` <b> a&amp;b", @"\_it\_ \~\~gone\~\~ \`code\` \<b\> a\&amp;b")]
    [InlineData(@"C:\temp\new", @"C:\\temp\\new")]
    [InlineData("- item\n+ item\n# title\n1. first\n  12) second\n===", "\\- item\n\\+ item\n\\# title\n1\\. first\n  12\\) second\n\\===")]
    [InlineData("a - b + c # d 1. e", "a - b + c # d 1. e")] // only at a line's start do these mean anything
    [InlineData("Q3 & Q4 invoices 2024.pdf", @"Q3 \& Q4 invoices 2024.pdf")]
    [InlineData("", "")]
    public void Escape_LeavesNothingMarkdownCouldActOn(string typed, string escaped)
    {
        Assert.Equal(escaped, CardMarkdown.Escape(typed));
        Assert.Null(CardText.UnescapedMarkdown(CardMarkdown.Escape(typed)));
        Assert.Equal(typed, CardText.Shown(CardMarkdown.Escape(typed)));
    }

    [Fact]
    public void EscapeAndCut_EscapesFirst_AndCountsTheEscapes()
    {
        var typed = new string('*', 30);

        var shown = CardMarkdown.EscapeAndCut(typed, 21);

        Assert.Equal(21, shown.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat(@"\*", 10)) + "…", shown);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Cut_NeverLeavesALoneBackslash_WhicheverPositionItFallsOn(int maxLength)
    {
        var shown = CardMarkdown.EscapeAndCut("ab[[[[[[[[", maxLength);

        Assert.True(shown.Length <= maxLength);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.Null(CardText.UnescapedMarkdown(shown));
        Assert.DoesNotMatch(@"(?<!\\)(\\\\)*\\…$", shown);
    }

    [Fact]
    public void Cut_NeverSplitsASurrogatePair()
    {
        var shown = CardMarkdown.EscapeAndCut("ab😀😀😀", 4);

        Assert.Equal("ab…", shown);
    }

    [Fact]
    public void ShortText_IsNotCut()
    {
        Assert.Equal("Ticket #123", CardMarkdown.EscapeAndCut("Ticket #123"));
        Assert.Equal(CardMarkdown.MaxTextLength, CardMarkdown.EscapeAndCut(new string('a', 10_000)).Length);
    }
}
