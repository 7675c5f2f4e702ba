using ChatBot.ChatCommands;

namespace ChatBot.Tests.ChatCommands;

public sealed class ChatCommandRegistryTests
{
    private static readonly ChatCommandRegistry Registry = new([new Fake(["link", "collega"]), new Fake(["status"], takesArguments: true), new Fake(["my tickets", "i miei ticket"])]);

    [Theory]
    [InlineData("link", "link", "")]
    [InlineData("  LINK ", "link", "")]
    [InlineData("link!", "link", "")]
    [InlineData("collega", "link", "")]
    [InlineData("status 516757", "status", "516757")]
    [InlineData("Status   Ticket  42", "status", "Ticket 42")]
    [InlineData("my   tickets", "my tickets", "")]
    [InlineData("I miei ticket?", "my tickets", "")]
    public void ANamedCommand_IsFound_WithWhatFollowsItsName(string text, string command, string arguments)
    {
        var match = Registry.Match(text);

        Assert.NotNull(match);
        Assert.Equal(command, match.Command.Names[0]);
        Assert.Equal(arguments, match.Arguments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("DNS down")]
    [InlineData("link broken on the homepage")]
    [InlineData("linked")]
    [InlineData("my")]
    [InlineData("statuses 42")]
    public void OtherText_IsNoCommand(string text) => Assert.Null(Registry.Match(text));

    [Fact]
    public void TwoCommandsWithOneName_StopTheStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ChatCommandRegistry([new Fake(["link"]), new Fake(["Link"])]));
        Assert.Contains("'link'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_AreListedOnceEach_InRegistrationOrder() =>
        Assert.Equal(["link", "status", "my tickets"], Registry.Commands.Select(c => c.Names[0]));

    private sealed class Fake(IReadOnlyList<string> names, bool takesArguments = false) : IChatCommand
    {
        public IReadOnlyList<string> Names => names;

        public bool TakesArguments => takesArguments;

        public string Describe(ChatCommandTexts texts) => "";

        public Task<ChatReply> RunAsync(ChatCommandRequest request, CancellationToken cancellationToken) => Task.FromResult(ChatReply.Say(""));
    }
}
