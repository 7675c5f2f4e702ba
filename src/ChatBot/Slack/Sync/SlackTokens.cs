namespace ChatBot.Slack.Sync;

/// <summary>Slack's answers that say the bot's token is refused: every call fails the same way until it is replaced.</summary>
public static class SlackTokens
{
    private static readonly HashSet<string> Refusals =
        ["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "missing_scope", "not_allowed_token_type", "team_access_not_granted",
            WebApi.SlackApiClient.NotInstalled];

    public static bool IsRefusal(string? error) => error is not null && Refusals.Contains(error);
}
