using ChatBot.Linking;

namespace ChatBot.ChatCommands;

/// <summary><c>unlink</c>: removes the asker's own link, never the workspace's, and says what serves them now.</summary>
public sealed class UnlinkCommand(LinkStore links, LinkedAccounts accounts) : IChatCommand
{
    public IReadOnlyList<string> Names => ["unlink", "scollega"];

    public bool TakesArguments => false;

    public string Describe(ChatCommandTexts texts) => texts.UnlinkDescription;

    public async Task<ChatReply> RunAsync(ChatCommandRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        var identity = request.Person.Identity;
        var before = await accounts.FindAsync(identity, cancellationToken);
        if (before is not { Scope: LinkScope.User } || !await links.RemoveUserLinkAsync(identity, cancellationToken))
        {
            return ChatReply.Say(before is { Scope: LinkScope.Workspace } ? texts.NoOwnLink + "\n" + texts.WorkspaceLinkStays : texts.NoOwnLink);
        }

        var now = await accounts.FindAsync(identity, cancellationToken);
        var then = now switch
        {
            { Scope: LinkScope.Workspace } => texts.NowWorkspace(now.Email),
            { Scope: LinkScope.Default } => texts.NowDefault(now.Email),
            _ => texts.NowNothing(request.Written(LinkCommand.Name)),
        };
        return ChatReply.Say(texts.Unlinked(before.Email) + "\n" + then);
    }
}
