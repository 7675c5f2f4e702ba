using System.Text.Json;
using ChatBot.Slack.Markdown;

namespace ChatBot.Tests.Slack.Markdown;

public sealed class RichTextConverterTests
{
    private static string? Convert(string blocksJson) =>
        RichTextConverter.Convert(JsonDocument.Parse(blocksJson).RootElement, new Dictionary<string, string> { ["U1"] = "Anna" }, new Dictionary<string, string> { ["C1"] = "support" });

    [Fact]
    public void DocumentedMessageBlocks_BecomeMarkdown()
    {
        var message = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Slack", "message_action.json")))
            .RootElement.GetProperty("message");
        var markdown = RichTextConverter.Convert(message.GetProperty("blocks"), new Dictionary<string, string> { ["U0SUPPORT1"] = "Anna" }, new Dictionary<string, string>());
        Assert.Equal(
            "The **mail server** rejects *every* message since @Anna changed the DNS: see [the log](https://status.example.com/mail)\n- MX record\n- SPF ~~ok~~\n> 550 5.7.1 relaying denied",
            markdown);
    }

    [Fact]
    public void StylesHugTheWordsAndKeepTheSpacesOutside() =>
        Assert.Equal("a **bold** b", Convert("""[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"a "},{"type":"text","text":"bold ","style":{"bold":true}},{"type":"text","text":"b"}]}]}]"""));

    [Fact]
    public void MentionsChannelsEmojiAndCode() =>
        Assert.Equal("@Anna in #support 👍 `ls -la`", Convert("""[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[{"type":"user","user_id":"U1"},{"type":"text","text":" in "},{"type":"channel","channel_id":"C1"},{"type":"text","text":" "},{"type":"emoji","name":"+1","unicode":"1f44d"},{"type":"text","text":" "},{"type":"text","text":"ls -la","style":{"code":true}}]}]}]"""));

    [Fact]
    public void OrderedListAndPreformatted() =>
        Assert.Equal("1. one\n2. two\n```\nx = 1\n```", Convert("""[{"type":"rich_text","elements":[{"type":"rich_text_list","style":"ordered","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"one"}]},{"type":"rich_text_section","elements":[{"type":"text","text":"two"}]}]},{"type":"rich_text_preformatted","elements":[{"type":"text","text":"x = 1"}]}]}]"""));

    [Fact]
    public void NoRichTextBlock_ReturnsNullForTheTextFallback() =>
        Assert.Null(Convert("""[{"type":"section","text":{"type":"mrkdwn","text":"hi"}}]"""));

    [Fact]
    public void FindUserIds_WalksNestedElements() =>
        Assert.Equal(["U1"], RichTextConverter.FindUserIds(JsonDocument.Parse("""[{"type":"rich_text","elements":[{"type":"rich_text_quote","elements":[{"type":"user","user_id":"U1"}]}]}]""").RootElement));
}
