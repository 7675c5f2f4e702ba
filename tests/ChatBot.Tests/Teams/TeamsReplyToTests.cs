using System.Text.Json;
using ChatBot.Teams;
using ChatBot.Teams.Activities;

namespace ChatBot.Tests.Teams;

public sealed class TeamsReplyToTests
{
    private static TeamsActivity Activity(string conversationType, string conversationId) => new()
    {
        Type = "invoke",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ChannelId = "msteams",
        From = new ChannelAccount("29:user", "Marco", "aad-1"),
        Recipient = new ChannelAccount("28:bot", "Bot"),
        Conversation = new ConversationAccount(conversationId, conversationType, "tenant-1"),
        ChannelData = new TeamsChannelData(new IdOnly("tenant-1"), new TeamInfo("19:team@thread.tacv2"), new IdOnly("19:general@thread.tacv2")),
    };

    [Theory]
    [InlineData("1732785011000", "1732785055000", "1732785011000")] // action on a reply: its thread root
    [InlineData(null, "1732785011000", "1732785011000")] // action on the root post itself
    [InlineData("", "1732785011000", "1732785011000")]
    public void MessageAction_InChannel_PostsIntoTheMessagesThread(string? replyToId, string id, string root)
    {
        var message = new MessagePayload(id, replyToId, null, null, null, null);

        var target = TeamsReplyTo.ForMessage(Activity("channel", "19:general@thread.tacv2;messageid=999"), message);

        Assert.Equal("19:general@thread.tacv2;messageid=" + root, target.ConversationId);
        Assert.Equal(root, target.ThreadRootId);
        Assert.False(target.IsPersonal);
        Assert.Null(target.CardActivityId);
    }

    [Fact]
    public void MessageAction_InGroupChat_PostsIntoTheChat()
    {
        var target = TeamsReplyTo.ForMessage(Activity("groupChat", "19:meeting_abc@thread.v2"), new MessagePayload("1", null, null, null, null, null));

        Assert.Equal("19:meeting_abc@thread.v2", target.ConversationId);
        Assert.Null(target.ThreadRootId);
    }

    [Fact]
    public void RoundTripsAsJson_WithEverythingThe1To1ChatNeeds()
    {
        var target = TeamsReplyTo.InConversation(Activity("personal", "a:1xyz"), "card-1");

        var back = TeamsReplyTo.Parse(target.ToJson());

        Assert.Equal(target, back);
        Assert.True(back!.IsPersonal);
        Assert.Equal(("29:user", "28:bot", "tenant-1", "card-1"), (back.UserId, back.BotId, back.TenantId, back.CardActivityId));
        Assert.Null(TeamsReplyTo.Parse("{not json"));
        using var _ = JsonDocument.Parse(target.ToJson());
    }

    [Fact]
    public void OnlyAVouchedActivity_MakesAVouchedTarget()
    {
        var activity = Activity("personal", "a:1xyz");

        Assert.False(TeamsReplyTo.InConversation(activity, null).ServiceUrlVouched);
        Assert.True(TeamsReplyTo.Parse(TeamsReplyTo.InConversation(activity with { ServiceUrlVouched = true }, null).ToJson())!.ServiceUrlVouched);
    }

    [Fact]
    public void DocumentsWrittenBeforeTheVouchedFlag_StillParse_AsNotVouched()
    {
        const string earlier = """{"serviceUrl":"https://smba.trafficmanager.net/emea/","conversationId":"a:1","isPersonal":true,"userId":"29:u","botId":"28:b","tenantId":"t"}""";

        var target = TeamsReplyTo.Parse(earlier);

        Assert.NotNull(target);
        Assert.False(target.ServiceUrlVouched);
        Assert.Null(target.CardActivityId);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"serviceUrl":null,"conversationId":"a:1","isPersonal":true,"userId":"29:u","botId":"28:b","tenantId":"t"}""")]
    [InlineData("""{"conversationId":"a:1","isPersonal":true,"userId":"29:u","botId":"28:b","tenantId":"t"}""")]
    [InlineData("""{"serviceUrl":"https://x/","conversationId":"a:1","isPersonal":"yes","userId":"29:u","botId":"28:b","tenantId":"t"}""")]
    [InlineData("""{"serviceUrl":"https://x/","conversationId":"a:1","isPersonal":true,"userId":"29:u","botId":"28:b","tenantId":null}""")]
    public void BrokenDocuments_AreNotTargets(string json) => Assert.Null(TeamsReplyTo.Parse(json));
}
