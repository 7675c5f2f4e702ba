using System.Text;
using ChatBot.Teams.Activities;
using ChatBot.Teams.Graph;

namespace ChatBot.Tests.Teams.Graph;

/// <summary>How the bot names things to Graph: messages by group id and thread, share ids, pasted images' ids.</summary>
public sealed class GraphAddressingTests
{
    private const string Group = "0b6a2f5e-9c1d-4e8f-a7b3-5d2c1e0f9a84";

    [Fact]
    public void ChannelReply_IsAddressedByGroupId_UnderItsRoot_WithEscapedIds()
    {
        var activity = Channel("19:c8a1@thread.tacv2;messageid=100", "19:c8a1@thread.tacv2", Group);

        var reply = GraphMessageLocation.ForMessageAction(activity, new MessagePayload(Id: "200", ReplyToId: "100"))!;
        var root = GraphMessageLocation.ForMessageAction(activity, new MessagePayload(Id: "100"))!;
        var mention = GraphMessageLocation.ForActivity(activity with { Id = "300" })!;

        Assert.Equal($"teams/{Group}/channels/19%3Ac8a1%40thread.tacv2/messages/100/replies/200", reply.Path);
        Assert.Equal($"teams/{Group}/channels/19%3Ac8a1%40thread.tacv2/messages/100", root.Path);
        Assert.Equal($"teams/{Group}/channels/19%3Ac8a1%40thread.tacv2/messages/100/replies/300", mention.Path);
    }

    [Fact]
    public void ChannelMessage_WithoutTheTeamsGroupId_CannotBeAddressed()
    {
        Assert.Null(GraphMessageLocation.ForMessageAction(Channel("19:c@thread.tacv2", "19:c@thread.tacv2", null), new MessagePayload(Id: "1")));
        Assert.Null(GraphMessageLocation.ForMessageAction(Channel("19:c@thread.tacv2", "19:c@thread.tacv2", "19:team@thread.tacv2"), new MessagePayload(Id: "1")));
    }

    [Fact]
    public void ChatMessages_AreAddressedByTheirChat_TheBotsOwn1To1ChatIsNot()
    {
        var group = Chat("19:meeting_abc@thread.v2", ConversationTypes.GroupChat);
        var bots = Chat("a:1xyz", ConversationTypes.Personal);

        Assert.Equal("chats/19%3Ameeting_abc%40thread.v2/messages/42", GraphMessageLocation.ForMessageAction(group, new MessagePayload(Id: "42"))!.Path);
        Assert.Null(GraphMessageLocation.ForMessageAction(bots, new MessagePayload(Id: "42")));
    }

    [Fact]
    public void ShareId_IsUPlusUnpaddedBase64Url_OfTheUrl()
    {
        var url = "https://contoso.sharepoint.com/sites/Web/Shared Documents/é?x=1&y=>>";

        var path = GraphFileDownloader.SharePath(url);

        Assert.StartsWith("shares/u!", path, StringComparison.Ordinal);
        Assert.EndsWith("/driveItem/content", path, StringComparison.Ordinal);
        var id = path["shares/u!".Length..^"/driveItem/content".Length];
        Assert.DoesNotContain('=', id);
        Assert.DoesNotContain('+', id);
        Assert.DoesNotContain('/', id);
        var padded = id.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (id.Length % 4)) % 4);
        Assert.Equal(url, Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
    }

    [Fact]
    public void HostedContentIds_AreTakenFromImages_OneSegmentAndNoDots()
    {
        var html = "<img src=\"https://graph.microsoft.com/v1.0/chats/19:x/messages/1/hostedContents/aWQ9MQ==/$value\">"
            + "<img src=\"https://evil.example.com/v1.0/x/hostedContents/aWQ9MQ==/$value\">"
            + "<img src=\"https://graph.microsoft.com/v1.0/x/hostedContents/../../users/$value\">"
            + "<img src=\"https://graph.microsoft.com/v1.0/x/hostedContents/aWQ9Mg/$value\">";

        Assert.Equal(["aWQ9MQ==", "aWQ9Mg"], GraphHtml.HostedContentIds(html));
        Assert.Empty(GraphHtml.HostedContentIds(null));
    }

    private static TeamsActivity Channel(string conversationId, string channelId, string? group) => new()
    {
        Type = ActivityTypes.Invoke,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ChannelId = "msteams",
        Conversation = new ConversationAccount(conversationId, ConversationTypes.Channel),
        ChannelData = new TeamsChannelData(new IdOnly("tenant-1"), new TeamInfo("19:team@thread.tacv2", group), new IdOnly(channelId)),
    };

    private static TeamsActivity Chat(string conversationId, string type) => new()
    {
        Type = ActivityTypes.Invoke,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ChannelId = "msteams",
        Conversation = new ConversationAccount(conversationId, type),
        ChannelData = new TeamsChannelData(new IdOnly("tenant-1")),
    };
}
