namespace ChatBot.Keliweb;

/// <summary>A bearer token for the API methods. Its <see cref="ToString"/> hides the value so it cannot reach a log.</summary>
public sealed record KeliwebAccessToken(string Value)
{
    public override string ToString() => "KeliwebAccessToken(***)";
}

/// <summary>An account whose login succeeded: its refresh token is stored, the password was not kept.</summary>
public sealed record KeliwebAccountLogin(string AccountId, string Email);
