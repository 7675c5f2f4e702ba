using ChatBot.Linking;
using ChatBot.Linking.SignIn;

namespace ChatBot.ChatCommands;

/// <summary><c>link</c>: a fresh sign-in button, to link or to switch accounts; without the page, who to ask.</summary>
public sealed class LinkCommand(SignInService signIn, LinkedAccounts accounts) : IChatCommand
{
    public const string Name = "link";

    public IReadOnlyList<string> Names => [Name, "collega"];

    public bool TakesArguments => false;

    public string Describe(ChatCommandTexts texts) => texts.LinkDescription;

    public async Task<ChatReply> RunAsync(ChatCommandRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        var identity = request.Person.Identity;
        if (await signIn.StartAsync(request.Person, cancellationToken) is not { } link)
        {
            return ChatReply.Say(texts.LinkingOff(identity.TeamId, identity.UserId));
        }

        var text = texts.LinkInstructions;
        if (await accounts.FindAsync(identity, cancellationToken) is { Scope: LinkScope.User } current)
        {
            text += "\n" + texts.CurrentlyLinked(current.Email);
        }

        return new ChatReply(text, [new ChatButton(link.Label, link.Url)]);
    }
}
