using ChatBot.Keliweb;
using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Linking.SignIn;

/// <summary>
/// Self-service linking, for every platform: a code bound to one chat identity, the page's password grant, and what a
/// successful sign-in changes (the account, the link, the code, the confirmation in chat). The page is HTTP only; the
/// rules live here.
/// </summary>
public sealed partial class SignInService(
    SignInCodeStore codes,
    SignInChats chats,
    KeliwebTokenProvider tokens,
    AccountStore accounts,
    LinkStore links,
    IEnumerable<ISignInObserver> observers,
    IOptionsMonitor<SignInOptions> options,
    TimeProvider time,
    ILogger<SignInService> logger)
{
    public const int MaxEmailLength = 254;
    public const int MaxPasswordLength = 1024;

    private static readonly TimeSpan ConfirmationBudget = TimeSpan.FromSeconds(10);

    /// <summary>Without <c>PublicBaseUrl</c> there is no page, and people are told to ask the administrator.</summary>
    public bool IsEnabled => options.CurrentValue.PublicBaseUri is not null;

    /// <summary>A fresh link for <paramref name="person"/>, or null when linking is off.</summary>
    public async Task<SignInLink?> StartAsync(ChatPerson person, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.PublicBaseUri is not { } baseUri)
        {
            return null;
        }

        var mayLinkWorkspace = await MayLinkWorkspaceAsync(person.Identity, cancellationToken);
        var code = SignInCode.New();
        var stored = await codes.InsertAsync(SignInCode.Hash(code), person, mayLinkWorkspace, cancellationToken);
        LogIssued(person.Identity.Platform, person.Identity.TeamId, person.Identity.UserId, mayLinkWorkspace);
        return new SignInLink(new Uri(baseUri, "link/" + code), SignInTexts.For(person.Locale).Button, stored.ExpiresAt);
    }

    /// <summary>The page for a GET: the form, or why there is none.</summary>
    public async Task<SignInResult> OpenAsync(string code, CancellationToken cancellationToken)
    {
        if (await FindAsync(code, cancellationToken) is not { } stored)
        {
            return new SignInResult.NotFound();
        }

        var state = stored.StateAt(time.GetUtcNow());
        return state == SignInCodeState.Usable ? new SignInResult.Form(stored, null, null, StatusCodes.Status200OK) : new SignInResult.Gone(stored, state);
    }

    /// <summary>The form was posted (antiforgery already checked): sign in at Keliweb and link, or say why not.</summary>
    public async Task<SignInResult> SubmitAsync(string code, SignInForm form, CancellationToken cancellationToken)
    {
        if (await FindAsync(code, cancellationToken) is not { } stored)
        {
            return new SignInResult.NotFound();
        }

        if (stored.StateAt(time.GetUtcNow()) is not SignInCodeState.Usable and var state)
        {
            return new SignInResult.Gone(stored, state);
        }

        var texts = SignInTexts.For(stored.Person.Locale);
        var email = form.Email?.Trim() ?? "";
        var password = form.Password ?? "";
        if (email.Length == 0 || password.Length == 0)
        {
            return new SignInResult.Form(stored, email, texts.MissingFields, StatusCodes.Status400BadRequest);
        }

        if (email.Length > MaxEmailLength || password.Length > MaxPasswordLength)
        {
            return new SignInResult.Form(stored, null, texts.TooLong, StatusCodes.Status400BadRequest);
        }

        if (!LooksLikeEmail(email))
        {
            return new SignInResult.Form(stored, email, texts.InvalidEmail, StatusCodes.Status400BadRequest);
        }

        if (!await codes.TryClaimAsync(stored.Hash, cancellationToken))
        {
            var again = await codes.FindAsync(stored.Hash, cancellationToken);
            return again is not null && again.StateAt(time.GetUtcNow()) is not SignInCodeState.Usable and var now
                ? new SignInResult.Gone(again, now)
                : new SignInResult.Busy(stored);
        }

        // From here on the outcome must be written whatever the browser does: a sign-in half done is worse than a slow page.
        return await SignInAsync(stored, email, password, form.Workspace && stored.MayLinkWorkspace, CancellationToken.None);
    }

    private async Task<SignInResult> SignInAsync(StoredSignInCode stored, string email, string password, bool workspace, CancellationToken ct)
    {
        var identity = stored.Person.Identity;
        var released = false;
        try
        {
            // The same email re-uses its account (and renews its tokens) instead of making a second one.
            var accountId = await accounts.FindIdByEmailAsync(email, ct) ?? email.ToLowerInvariant();
            switch (await tokens.LoginAsync(accountId, email, password, ct))
            {
                case KeliwebResult<KeliwebAccountLogin>.Success:
                    await LinkAsync(stored, accountId, email, workspace, ct);
                    released = true;
                    return new SignInResult.Linked(stored, email, workspace);

                case KeliwebResult<KeliwebAccountLogin>.NeedsLogin:
                    var failures = await codes.ReleaseAsync(stored.Hash, wrongPassword: true, ct);
                    released = true;
                    LogRefused(identity.Platform, identity.TeamId, identity.UserId, failures);
                    var after = stored with { FailedAttempts = failures };
                    return after.StateAt(time.GetUtcNow()) == SignInCodeState.Spent
                        ? new SignInResult.Gone(after, SignInCodeState.Spent)
                        : new SignInResult.Form(after, email, SignInTexts.For(stored.Person.Locale).WrongPassword(after.TriesLeft), StatusCodes.Status422UnprocessableEntity);

                case KeliwebResult<KeliwebAccountLogin>.ApiError error:
                    LogMisconfigured(error.Message);
                    return new SignInResult.Unavailable(stored, KeliwebDown: false);

                default:
                    return new SignInResult.Unavailable(stored, KeliwebDown: true);
            }
        }
        finally
        {
            if (!released)
            {
                await codes.ReleaseAsync(stored.Hash, wrongPassword: false, ct);
            }
        }
    }

    private async Task LinkAsync(StoredSignInCode stored, string accountId, string email, bool workspace, CancellationToken ct)
    {
        var person = stored.Person;
        var identity = person.Identity;
        var made = new Provenance(ProvenanceSource.SelfService, SelfServiceBy(person), time.GetUtcNow());
        await accounts.RecordLoginAsync(accountId, made, ct);
        var link = await links.UpsertAsync(identity.Platform, identity.TeamId, workspace ? null : identity.UserId, accountId, null, null, made, ct);
        await codes.ConsumeAsync(stored.Hash, ct);
        LogLinked(identity.Platform, identity.TeamId, identity.UserId, accountId, link.Id, workspace);

        foreach (var observer in observers)
        {
            await observer.AccountSignedInAsync(accountId, ct);
        }

        await ConfirmAsync(person, workspace, email, ct);
    }

    private async Task ConfirmAsync(ChatPerson person, bool workspace, string email, CancellationToken ct)
    {
        var texts = SignInTexts.For(person.Locale);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(ConfirmationBudget);
        var delivered = false;
        try
        {
            delivered = chats.Find(person.Identity.Platform) is { } chat
                && await chat.PostPrivatelyAsync(person, workspace ? texts.ConfirmWorkspace(email) : texts.ConfirmUser(email), budget.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        if (!delivered)
        {
            // The page says it worked; only the chat's echo is missing.
            LogNotConfirmed(person.Identity.Platform, person.Identity.TeamId, person.Identity.UserId);
        }
    }

    /// <summary>How a self-service link names its maker: "anna (slack T0123/U0456)"; <see cref="MakerName"/> reads the name back.</summary>
    public static string SelfServiceBy(ChatPerson person) =>
        $"{person.Name} ({person.Identity.Platform} {person.Identity.TeamId}/{person.Identity.UserId})";

    /// <summary>The person's name in a self-service link's <see cref="Provenance.By"/>; null for links made otherwise.</summary>
    public static string? MakerName(Provenance made) =>
        made.Source == ProvenanceSource.SelfService && made.By is { } by && by.LastIndexOf(" (", StringComparison.Ordinal) is > 0 and var at ? by[..at] : null;

    /// <summary>Whether the platform lets this person link their whole workspace (Slack: admin or owner, asked fresh).</summary>
    public async Task<bool> MayLinkWorkspaceAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        chats.Find(identity.Platform) is { } chat && await chat.MayLinkWorkspaceAsync(identity, cancellationToken);

    /// <summary>The stored code behind <paramref name="code"/>; null when there is none (or it cannot be one).</summary>
    public async Task<StoredSignInCode?> FindAsync(string code, CancellationToken cancellationToken) =>
        SignInCode.IsWellFormed(code) ? await codes.FindAsync(SignInCode.Hash(code), cancellationToken) : null;

    public DateTimeOffset Now => time.GetUtcNow();

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in link issued for {Platform} team {TeamId} user {UserId} (may link the workspace: {MayLinkWorkspace})")]
    private partial void LogIssued(string platform, string teamId, string userId, bool mayLinkWorkspace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in for {Platform} team {TeamId} user {UserId}: Keliweb refused the password ({Failures} wrong so far)")]
    private partial void LogRefused(string platform, string teamId, string userId, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sign-in is unavailable: {Reason}")]
    private partial void LogMisconfigured(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in for {Platform} team {TeamId} user {UserId}: linked to account {AccountId} (link {LinkId}, whole workspace: {Workspace})")]
    private partial void LogLinked(string platform, string teamId, string userId, string accountId, long linkId, bool workspace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in for {Platform} team {TeamId} user {UserId} worked, but the confirmation could not be posted in chat")]
    private partial void LogNotConfirmed(string platform, string teamId, string userId);
}
