namespace ChatBot.Linking;

/// <summary>Which Keliweb account opens tickets for a chat user (design section 2).</summary>
public abstract record AccountResolution
{
    private AccountResolution()
    {
    }

    /// <summary>A user link, a workspace link or the operator's default account.</summary>
    public sealed record Linked(string AccountId, int? ClientId, int? ContactId, LinkScope Scope) : AccountResolution;

    /// <summary>Not linked, guests allowed: the default account opens a non-client ticket with the chat name and email.</summary>
    public sealed record Guest(string AccountId) : AccountResolution;

    public sealed record NotLinked : AccountResolution;
}

public enum LinkScope
{
    User,
    Workspace,
    Default,
}
