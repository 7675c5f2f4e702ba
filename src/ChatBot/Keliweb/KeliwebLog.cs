namespace ChatBot.Keliweb;

/// <summary>The Keliweb feature's log messages. Never tokens, passwords, client secrets or the ticket access key <c>c</c>.</summary>
internal static partial class KeliwebLog
{
    [LoggerMessage(1, LogLevel.Information, "Keliweb account {AccountId}: access token obtained by {GrantType} grant, valid {ExpiresInSeconds} s")]
    public static partial void TokenObtained(ILogger logger, string accountId, string grantType, int expiresInSeconds);

    [LoggerMessage(2, LogLevel.Warning, "Keliweb account {AccountId}: {GrantType} grant refused ({Error}); the account needs a new login")]
    public static partial void GrantRefused(ILogger logger, string accountId, string grantType, string error);

    [LoggerMessage(3, LogLevel.Warning, "Keliweb account {AccountId}: token request failed: {Reason}")]
    public static partial void TokenRequestFailed(ILogger logger, string accountId, string reason);

    [LoggerMessage(4, LogLevel.Information, "Keliweb {Method} for account {AccountId}: access token rejected (401), refreshing once")]
    public static partial void AccessTokenRejected(ILogger logger, string method, string accountId);

    [LoggerMessage(5, LogLevel.Warning, "Keliweb {Method} for account {AccountId}: {Outcome}: {Reason}")]
    public static partial void CallFailed(ILogger logger, string method, string accountId, string outcome, string reason);

    [LoggerMessage(6, LogLevel.Information, "Keliweb open-ticket for account {AccountId}: ticket {TicketId} opened as #{Tid}")]
    public static partial void TicketOpened(ILogger logger, string accountId, int ticketId, string tid);

    [LoggerMessage(7, LogLevel.Information, "Keliweb add-ticket-reply for account {AccountId}: reply added to ticket {TicketId}")]
    public static partial void ReplyAdded(ILogger logger, string accountId, int ticketId);

    [LoggerMessage(8, LogLevel.Warning, "Keliweb account {AccountId}: {GrantType} grant refused ({Error}); nothing stored was changed")]
    public static partial void LoginRefused(ILogger logger, string accountId, string grantType, string error);
}
