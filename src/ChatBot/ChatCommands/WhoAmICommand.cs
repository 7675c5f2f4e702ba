using ChatBot.Linking;

namespace ChatBot.ChatCommands;

/// <summary><c>whoami</c>: which Keliweb account (by email) the asker's tickets go to, and through which link.</summary>
public sealed class WhoAmICommand(LinkedAccounts accounts) : IChatCommand
{
    public IReadOnlyList<string> Names => ["whoami", "chi sono"];

    public bool TakesArguments => false;

    public string Describe(ChatCommandTexts texts) => texts.WhoAmIDescription;

    public async Task<ChatReply> RunAsync(ChatCommandRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        var link = request.Written(LinkCommand.Name);
        var account = await accounts.FindAsync(request.Person.Identity, cancellationToken);
        if (account is null)
        {
            return ChatReply.Say(texts.NotLinked(link));
        }

        var text = account.Scope switch
        {
            LinkScope.User => texts.ThroughOwnLink(account.Email),
            LinkScope.Workspace => texts.ThroughWorkspace(account.Email),
            _ => texts.ThroughDefault(account.Email),
        };
        return ChatReply.Say(account.NeedsLogin ? text + "\n" + texts.SignInExpired(link) : text);
    }
}
