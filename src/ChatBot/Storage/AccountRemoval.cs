namespace ChatBot.Storage;

/// <summary>The outcome of <see cref="AccountStore.RemoveAsync"/>.</summary>
public enum AccountRemoval
{
    Removed,
    NotFound,

    /// <summary>Links still point at the account; they must go first, or their users would silently lose their account.</summary>
    InUse,
}
