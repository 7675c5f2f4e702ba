namespace ChatBot.ChatCommands;

/// <summary>
/// One chat command, the same on every platform: Slack runs it as <c>/ticket &lt;name&gt;</c>, Teams as the text
/// <c>&lt;name&gt;</c> in the chat with the bot. Registered with <c>AddChatCommand</c>; the platforms find it by name, so
/// a new command needs no change in them.
/// </summary>
public interface IChatCommand
{
    /// <summary>The words that run it, lower case, the first shown by help (e.g. "link", then the Italian "collega").</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>
    /// The name help and the platform's command list show on <paramref name="platform"/>: the first name, unless the
    /// command has a word of its own there (Teams says "my tickets" where Slack has <c>/ticket list</c>).
    /// </summary>
    string NameOn(string platform) => Names[0];

    /// <summary>
    /// Whether text may follow the name (e.g. a ticket number). A command without arguments runs only when its name is
    /// the whole text: "/ticket link broken on the homepage" is a ticket subject, not the link command.
    /// </summary>
    bool TakesArguments { get; }

    /// <summary>The help line, in the culture of <paramref name="texts"/>.</summary>
    string Describe(ChatCommandTexts texts);

    /// <summary>The answer, shown only to the person who asked.</summary>
    Task<ChatReply> RunAsync(ChatCommandRequest request, CancellationToken cancellationToken);
}
