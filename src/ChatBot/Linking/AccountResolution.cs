namespace ChatBot.Linking;

/// <summary>Which Keliweb account serves a chat identity (design section 2).</summary>
public abstract record AccountResolution
{
    private AccountResolution()
    {
    }

    /// <summary>A user link, a workspace link or the operator's default account (<see cref="LinkScope.Default"/>).</summary>
    public sealed record Linked(string AccountId, int? ClientId, int? ContactId, LinkScope Scope) : AccountResolution;

    public sealed record NotLinked : AccountResolution;
}

public enum LinkScope
{
    User,
    Workspace,
    Default,
}
