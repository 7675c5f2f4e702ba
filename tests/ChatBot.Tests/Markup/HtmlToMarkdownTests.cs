using ChatBot.Markup;

namespace ChatBot.Tests.Markup;

public sealed class HtmlToMarkdownTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("plain text", "plain text")]
    [InlineData("<div><div><at id=\"0\">Marco Rossi</at>&nbsp;ciao</div>\n</div>", "@Marco Rossi ciao")]
    [InlineData("<p><b>bold</b>, <strong>strong</strong>, <i>italic</i>, <em>em</em>, <s>gone</s></p>", "**bold**, **strong**, _italic_, _em_, ~~gone~~")]
    [InlineData("<a href=\"https://example.it/a?b=1&amp;c=2\">the site</a>", "[the site](https://example.it/a?b=1&c=2)")]
    [InlineData("<a href=\"https://example.it/\">https://example.it/</a>", "<https://example.it/>")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>", "click")]
    [InlineData("<a>no href</a>", "no href")]
    [InlineData("one<br>two<br/>three<BR />four", "one\ntwo\nthree\nfour")]
    [InlineData("<p>first</p><p>second</p>", "first\n\nsecond")]
    [InlineData("<ul><li>a</li><li>b</li></ul>", "- a\n- b")]
    [InlineData("<ol><li>a</li><li>b</li><li>c</li></ol>", "1. a\n2. b\n3. c")]
    [InlineData("<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul>", "- a\n  - a1\n- b")]
    [InlineData("<ol><li>x<ul><li>y</li></ul></li><li>z</li></ol>", "1. x\n  - y\n2. z")]
    [InlineData("&lt;script&gt; &amp; &quot;q&quot; &#39;s&#39; &euro;5 &#x1F600;", "<script> & \"q\" 's' €5 😀")]
    [InlineData("<script>alert('x')</script>safe", "safe")]
    [InlineData("<style>p{color:red}</style><p>text</p>", "text")]
    [InlineData("a <!-- hidden <b>x</b> --> b", "a b")]
    [InlineData("<h2>Title</h2><p>body</p>", "## Title\n\nbody")]
    [InlineData("<blockquote>quoted</blockquote>after", "> quoted\n\nafter")]
    [InlineData("use <code>ls -la</code> now", "use `ls -la` now")]
    [InlineData("<pre>line 1\n  line 2</pre>", "```\nline 1\n  line 2\n```")]
    [InlineData("a   \n\t  b", "a b")]
    [InlineData("2 < 3 and 5 > 4", "2 < 3 and 5 > 4")]
    [InlineData("<img src=\"https://graph.microsoft.com/x/$value\" alt=\"screenshot\">", "[screenshot]")]
    [InlineData("<img src=\"https://graph.microsoft.com/x/$value\">", "")]
    [InlineData("<div>one</div><div>two</div>", "one\ntwo")]
    [InlineData("<p>a</p>\n\n\n<p>b</p>", "a\n\nb")]
    [InlineData("<span style='color:red'>red</span>", "red")]
    [InlineData("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>", "a | b\nc | d")]
    public void Converts(string? html, string markdown) => Assert.Equal(markdown, HtmlToMarkdown.Convert(html));

    [Fact]
    public void ConvertsTheDocumentedMessagePayload()
    {
        const string html = "<div><div><at id=\"0\">Marco Rossi</at>&nbsp;the checkout on <b>shop.example.it</b> fails &amp; returns 500:</div>"
            + "<ul><li>since 9:00</li><li>only with <i>PayPal</i></li></ul><div>Log: <a href=\"https://status.example.it/incidents/42\">incident 42</a><br>Thanks!</div></div>";

        Assert.Equal(
            "@Marco Rossi the checkout on **shop.example.it** fails & returns 500:\n\n- since 9:00\n- only with _PayPal_\n\nLog: [incident 42](https://status.example.it/incidents/42)\nThanks!",
            HtmlToMarkdown.Convert(html));
    }

    [Fact]
    public void UnclosedTagsAndStrayBrackets_DoNotThrow()
    {
        Assert.Equal("[text", HtmlToMarkdown.Convert("<a href=\"x\">text").Replace("](x)", "", StringComparison.Ordinal).Insert(0, "[").TrimEnd(']'));
        Assert.Equal("x <", HtmlToMarkdown.Convert("x <"));
        Assert.Equal("</b> closes nothing", HtmlToMarkdown.Convert("</ul></a>&lt;/b&gt; closes nothing"));
    }

    [Fact]
    public void DeeplyNestedLists_IndentOnlySoFar_SoAHostileMessageCannotAllocateGigabytes()
    {
        // A 1 MB message of nested <ul><li> used to indent item n by 2n spaces: quadratic, tens of gigabytes.
        var html = string.Concat(Enumerable.Repeat("<ul><li>x", 5_000));

        var markdown = HtmlToMarkdown.Convert(html);

        Assert.True(markdown.Length < 200_000, $"{markdown.Length} characters for {html.Length} of HTML");
        Assert.Contains("      - x", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedLinks_KeepTheirText_ButOnlyTheOutermostFewBecomeLinks()
    {
        // Each closing </a> copied all the text inside it: quadratic in the nesting.
        var html = string.Concat(Enumerable.Repeat("<a href=\"https://a.it/\">x", 5_000)) + string.Concat(Enumerable.Repeat("</a>", 5_000));

        var markdown = HtmlToMarkdown.Convert(html);

        Assert.Equal(5_000, markdown.Count(c => c == 'x'));
        Assert.InRange(markdown.Split("](").Length - 1, 1, 8);
    }

    [Fact]
    public void ManyLessThanSigns_AreScannedOnce_NotOncePerSign()
    {
        // Every "<" used to search the rest of the message for a ">": a 1 MB message of "<1" took seconds per request.
        var html = string.Concat(Enumerable.Repeat("<1", 500_000)) + ">";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var markdown = HtmlToMarkdown.Convert(html);

        Assert.Equal(html.Length, markdown.Length);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
