namespace ChatBot.Keliweb;

/// <summary>
/// The outcome of one Keliweb API call, in the classes the pipeline acts on differently (design section 4).
/// </summary>
public abstract record KeliwebResult<T>
{
    private KeliwebResult()
    {
    }

    public sealed record Success(T Value) : KeliwebResult<T>;

    /// <summary><c>result: error</c> with WHMCS's message, or a 4xx the server answered knowingly: final.</summary>
    public sealed record ApiError(string Message) : KeliwebResult<T>
    {
        /// <summary>
        /// True when <see cref="Message"/> is Keliweb's own words (WHMCS's refusal, a 4xx's message), fit for the user;
        /// false for the bot's own (refused API keys, a request it would not send), which name settings and belong in
        /// the logs only.
        /// </summary>
        public bool ForUsers { get; init; }
    }

    /// <summary>Surely not processed (connection refused, DNS, 429, 503 before processing): safe to retry.</summary>
    public sealed record NotSent(string Reason, TimeSpan? RetryAfter) : KeliwebResult<T>;

    /// <summary>The request may have reached Keliweb (timeout, reset after sending, unreadable answer): never retried blindly.</summary>
    public sealed record Uncertain(string Reason) : KeliwebResult<T>;

    /// <summary>The account's refresh token was refused; someone must log in again (<c>accounts add</c>).</summary>
    public sealed record NeedsLogin(string AccountId, string Reason) : KeliwebResult<T>;

    /// <summary>The same failure as a result of another type (a failed token request failing the API call).</summary>
    /// <exception cref="InvalidOperationException">This is a <see cref="Success"/>.</exception>
    public KeliwebResult<TOther> AsFailureOf<TOther>() => this switch
    {
        ApiError error => new KeliwebResult<TOther>.ApiError(error.Message) { ForUsers = error.ForUsers },
        NotSent notSent => new KeliwebResult<TOther>.NotSent(notSent.Reason, notSent.RetryAfter),
        Uncertain uncertain => new KeliwebResult<TOther>.Uncertain(uncertain.Reason),
        NeedsLogin needsLogin => new KeliwebResult<TOther>.NeedsLogin(needsLogin.AccountId, needsLogin.Reason),
        _ => throw new InvalidOperationException("A success is not a failure."),
    };
}
