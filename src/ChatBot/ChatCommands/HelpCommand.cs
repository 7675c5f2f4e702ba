using System.Text;

namespace ChatBot.ChatCommands;

/// <summary><c>help</c>: every registered command, in the asker's language and written the way their platform types it.</summary>
public sealed class HelpCommand(IServiceProvider services) : IChatCommand
{
    public IReadOnlyList<string> Names => ["help", "aiuto"];

    public bool TakesArguments => false;

    public string Describe(ChatCommandTexts texts) => texts.HelpDescription;

    public Task<ChatReply> RunAsync(ChatCommandRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        // Resolved here, not injected: the registry holds this command too.
        var registry = services.GetRequiredService<ChatCommandRegistry>();
        var help = new StringBuilder(texts.HelpTitle).Append('\n')
            .Append("• `").Append(request.Syntax.OpenTicket).Append("`: ").Append(texts.OpenTicket).Append('\n');
        foreach (var command in registry.Commands)
        {
            help.Append("• `").Append(request.Written(command.NameOn(request.Syntax.Platform))).Append("`: ").Append(command.Describe(texts)).Append('\n');
        }

        help.Append(texts.MessageShortcut);
        return Task.FromResult(new ChatReply(help.ToString(), [], IsPrivate: false));
    }
}
