using ChatBot.Teams.Activities;
using ChatBot.Teams.Endpoint;
using ChatBot.Teams.Handlers;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace ChatBot.Tests.Teams.Handlers;

public sealed class TeamsActivityDispatcherTests
{
    [Fact]
    public void TwoHandlersForOneInvoke_ThrowAtConstruction()
    {
        var first = Substitute.For<ITeamsInvokeHandler>();
        first.InvokeName.Returns("composeExtension/fetchTask");
        var second = Substitute.For<ITeamsInvokeHandler>();
        second.InvokeName.Returns("composeExtension/fetchTask");

        var error = Assert.Throws<InvalidOperationException>(() => new TeamsActivityDispatcher([first, second], [], [], NullLogger<TeamsActivityDispatcher>.Instance));

        Assert.Contains("composeExtension/fetchTask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoHandlersForOneMessageKind_ThrowAtConstruction()
    {
        var first = Substitute.For<ITeamsMessageHandler>();
        first.Key.Returns(TeamsMessageKeys.Text);
        var second = Substitute.For<ITeamsMessageHandler>();
        second.Key.Returns(TeamsMessageKeys.Text);

        Assert.Throws<InvalidOperationException>(() => new TeamsActivityDispatcher([], [first, second], [], NullLogger<TeamsActivityDispatcher>.Instance));
    }

    [Fact]
    public async Task Invoke_GoesToItsHandler_UnknownInvoke_Is501_ConversationUpdate_Is200()
    {
        var handler = Substitute.For<ITeamsInvokeHandler>();
        handler.InvokeName.Returns("adaptiveCard/action");
        handler.HandleAsync(Arg.Any<TeamsActivity>(), Arg.Any<CancellationToken>()).Returns(InvokeResponse.Empty());
        var dispatcher = new TeamsActivityDispatcher([handler], [], [], NullLogger<TeamsActivityDispatcher>.Instance);

        var known = await dispatcher.DispatchAsync(new TeamsActivity { Type = "invoke", Name = "adaptiveCard/action", ServiceUrl = "", ChannelId = "msteams" }, CancellationToken.None);
        var unknown = await dispatcher.DispatchAsync(new TeamsActivity { Type = "invoke", Name = "task/fetch", ServiceUrl = "", ChannelId = "msteams" }, CancellationToken.None);
        var update = await dispatcher.DispatchAsync(new TeamsActivity { Type = "conversationUpdate", ServiceUrl = "", ChannelId = "msteams" }, CancellationToken.None);

        Assert.Equal(200, known.Status);
        Assert.Equal(501, unknown.Status);
        Assert.Equal(200, update.Status);
        await handler.Received(1).HandleAsync(Arg.Any<TeamsActivity>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task OtherActivityTypes_GoToTheirHandler_AndTwoForOneType_ThrowAtConstruction()
    {
        var installation = Substitute.For<ITeamsActivityHandler>();
        installation.ActivityType.Returns(ActivityTypes.InstallationUpdate);
        var twin = Substitute.For<ITeamsActivityHandler>();
        twin.ActivityType.Returns(ActivityTypes.InstallationUpdate);
        var dispatcher = new TeamsActivityDispatcher([], [], [installation], NullLogger<TeamsActivityDispatcher>.Instance);

        var handled = await dispatcher.DispatchAsync(new TeamsActivity { Type = "installationUpdate", ServiceUrl = "", ChannelId = "msteams" }, CancellationToken.None);
        var typing = await dispatcher.DispatchAsync(new TeamsActivity { Type = "typing", ServiceUrl = "", ChannelId = "msteams" }, CancellationToken.None);

        Assert.Equal(200, handled.Status);
        Assert.Equal(200, typing.Status);
        await installation.Received(1).HandleAsync(Arg.Any<TeamsActivity>(), Arg.Any<CancellationToken>());
        Assert.Throws<InvalidOperationException>(() => new TeamsActivityDispatcher([], [], [installation, twin], NullLogger<TeamsActivityDispatcher>.Instance));
    }
}
