namespace ChatBot.Linking.SignIn;

/// <summary>What opening or submitting the sign-in page came to; <see cref="SignInPage"/> turns each into HTML and a status.</summary>
public abstract record SignInResult
{
    private SignInResult()
    {
    }

    /// <summary>No such code (or not even the shape of one): 404.</summary>
    public sealed record NotFound : SignInResult;

    /// <summary>Used, spent or expired: 410, with how to get a new link.</summary>
    public sealed record Gone(StoredSignInCode Code, SignInCodeState State) : SignInResult;

    /// <summary>The form, with a problem to show (<paramref name="Problem"/>) when it came back; <paramref name="Status"/> is the HTTP status.</summary>
    public sealed record Form(StoredSignInCode Code, string? Email, string? Problem, int Status) : SignInResult;

    /// <summary>Another attempt with this link is running: 409.</summary>
    public sealed record Busy(StoredSignInCode Code) : SignInResult;

    /// <summary>Keliweb unreachable, or its API keys refused: 503, the link stays usable.</summary>
    public sealed record Unavailable(StoredSignInCode Code, bool KeliwebDown) : SignInResult;

    public sealed record Linked(StoredSignInCode Code, string Email, bool Workspace) : SignInResult;
}

/// <summary>What the form posted, untrusted.</summary>
public sealed record SignInForm(string? Email, string? Password, bool Workspace);
