using ChatBot.Teams.Cards;
using ChatBot.Tickets;

namespace ChatBot.Tests.Teams.Cards;

public sealed class StatusCardTests
{
    [Fact]
    public void Uncertain_OffersSubmitAgain_WithTheSubmissionId()
    {
        var notice = new TicketNotice(TicketNoticeKind.Uncertain, "sub-1", "Sito giù", "Non sappiamo se il ticket è stato aperto.", null, null, null, "it");

        var card = StatusCard.ForNotice(notice, includePrivate: false);

        var action = card["actions"]![0]!;
        Assert.Equal("Action.Execute", action["type"]!.GetValue<string>());
        Assert.Equal("Invia di nuovo", action["title"]!.GetValue<string>());
        Assert.Equal("resubmitTicket", action["data"]!["chatbotAction"]!.GetValue<string>());
        Assert.Equal("sub-1", action["data"]!["submissionId"]!.GetValue<string>());
        Assert.Equal("sub-1", action["fallback"]!["data"]!["submissionId"]!.GetValue<string>());
    }

    [Fact]
    public void Opened_ShowsTheLink_OnlyWhenAskedTo()
    {
        var notice = new TicketNotice(TicketNoticeKind.Opened, "sub-2", "S", "Ticket #123456 opened.", "Your ticket: https://x/viewticket.php?tid=123456&c=SECRET", "123456", new Uri("https://x/viewticket.php?tid=123456&c=SECRET"), "en");

        Assert.DoesNotContain("SECRET", StatusCard.ForNotice(notice, includePrivate: false).ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("SECRET", StatusCard.ForNotice(notice, includePrivate: true).ToJsonString(), StringComparison.Ordinal);
        Assert.Null(StatusCard.ForNotice(notice, includePrivate: true)["actions"]);
    }

    [Fact]
    public void UserText_IsEscaped_ButTheTicketLinkStaysAWorkingUrl()
    {
        var url = new Uri("https://clienti.example.it/viewticket.php?tid=123456&c=Ab_cd");
        var subject = "[Open your ticket](https://evil.example/login) **URGENT**";
        var notice = new TicketNotice(
            TicketNoticeKind.Opened, "sub-3", subject, $"Ticket #123456 opened: “{subject}”.", $"Your ticket #123456 is open: {url}", "123456", url, "en");

        var card = StatusCard.ForNotice(notice, includePrivate: true);

        var texts = CardText.Rendered(card).ToList();
        Assert.Equal(@"Ticket #123456 opened: “\[Open your ticket\](https://evil.example/login) \*\*URGENT\*\*”.", texts[1]);
        Assert.Equal("Your ticket #123456 is open: " + url, texts[2]);
        Assert.Contains(CardText.Rendered(StatusCard.Private(notice)), t => t == "Your ticket #123456 is open: " + url);
    }

    [Fact]
    public void HugeNoticeText_IsCut_SoTheCardStaysBelowTeamsMessageLimit()
    {
        var notice = new TicketNotice(TicketNoticeKind.Failed, "sub-4", "S", "Keliweb said: " + new string('x', 100_000), null, null, null, "en");

        var card = StatusCard.ForNotice(notice, includePrivate: false);

        Assert.True(card.ToJsonString().Length < 20_000);
    }
}
