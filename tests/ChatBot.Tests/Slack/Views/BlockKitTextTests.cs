using ChatBot.Slack.Views;

namespace ChatBot.Tests.Slack.Views;

/// <summary>Text cut for Slack is cut as Slack counts it: after escaping, entities whole, surrogate pairs whole.</summary>
public sealed class BlockKitTextTests
{
    [Fact]
    public void Section_EscapesFirstThenCuts_SoTheSentTextFitsTheLimit()
    {
        var text = string.Concat(Enumerable.Repeat("Q3 & Q4 <invoices> ", 200)); // 3,800 characters, 4,800 escaped

        var sent = BlockKit.Section(text)["text"]!["text"]!.GetValue<string>();

        Assert.Equal(BlockKit.MaxSectionTextLength, sent.Length);
        Assert.EndsWith("…", sent, StringComparison.Ordinal);
        Assert.StartsWith("Q3 &amp; Q4 &lt;invoices&gt; ", sent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EscapeAndCut_NeverHalvesAnEntity(int shift)
    {
        var text = new string('a', 20 + shift) + "&&&&&&&&&&";

        var cut = BlockKit.EscapeAndCut(text, 26);

        Assert.True(cut.Length <= 26, cut);
        Assert.DoesNotMatch("&(?!amp;|lt;|gt;)", cut);
        Assert.DoesNotMatch("(?<!&amp|&lt|&gt);", cut);
    }

    [Fact]
    public void ShortText_IsOnlyEscaped() => Assert.Equal("a &amp; b", BlockKit.EscapeAndCut("a & b", 3000));

    [Fact]
    public void Cut_NeverHalvesAnEmoji()
    {
        var cut = BlockKit.Cut("abcd😀efgh", 6);

        Assert.Equal("abcd…", cut);
        Assert.DoesNotContain(cut, char.IsSurrogate);
    }

    [Fact]
    public void Prefix_NeverHalvesAnEmoji() => Assert.Equal("abcd", BlockKit.Prefix("abcd😀efgh", 5));

    [Fact]
    public void FileLabel_KeepsTheExtensionAndTheEmojiWhole()
    {
        var name = new string('a', 70) + "😀😀😀😀 invoice.pdf";

        var label = TicketModal.FileLabel(new ChatBot.Slack.Payloads.SlackFile("F1", name));

        Assert.True(label.Length <= BlockKit.MaxOptionTextLength, label);
        Assert.EndsWith("….pdf", label, StringComparison.Ordinal);
        Assert.True(label.Where(char.IsHighSurrogate).Count() == label.Where(char.IsLowSurrogate).Count());
    }
}
