using ChatBot.Linking.SignIn;

namespace ChatBot.ChatCommands;

/// <summary>A command as a platform hands it over: who asked (as the platform vouches), and what followed the name.</summary>
/// <param name="Person">The asker; their identity, name, language and private address.</param>
/// <param name="Arguments">The text after the command's name, as typed; empty for commands without arguments.</param>
/// <param name="Syntax">How this platform writes commands, for the texts that name one.</param>
public sealed record ChatCommandRequest(ChatPerson Person, string Arguments, ChatSyntax Syntax)
{
    public ChatCommandTexts Texts => ChatCommandTexts.For(Person.Locale);

    /// <summary>The command <paramref name="name"/> as this person types it on their platform, e.g. "/ticket link".</summary>
    public string Written(string name) => Syntax.Write(name);
}

/// <summary>How a platform writes commands.</summary>
/// <param name="CommandFormat">"/ticket {0}" on Slack, "{0}" on Teams.</param>
/// <param name="OpenTicket">How to open a ticket there: "/ticket [subject]" on Slack, "ticket" on Teams.</param>
/// <param name="Platform">"slack" or "teams": which of a command's names the platform shows (<see cref="IChatCommand.NameOn"/>).</param>
public sealed record ChatSyntax(string CommandFormat, string OpenTicket, string Platform = "")
{
    public string Write(string name) => string.Format(System.Globalization.CultureInfo.InvariantCulture, CommandFormat, name).Trim();
}
