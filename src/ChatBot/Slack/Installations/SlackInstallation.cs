namespace ChatBot.Slack.Installations;

/// <summary>
/// One installation of the app as the store and the operator see it, never with its tokens. <see cref="Id"/> is the
/// enterprise id of an org-wide install and the team id otherwise (<see cref="WebApi.SlackWorkspace.InstallationId"/>).
/// </summary>
/// <param name="InstalledBy">The Slack user who approved the install.</param>
/// <param name="TokenExpiresAt">When the bot token expires (token rotation on); null for tokens that do not expire.</param>
/// <param name="RevokedAt">When Slack said the app was uninstalled or its token revoked; the tokens are gone then.</param>
public sealed record SlackInstallation(
    string Id,
    string? TeamId,
    string? TeamName,
    string? EnterpriseId,
    string? EnterpriseName,
    bool IsEnterpriseInstall,
    string? AppId,
    string BotUserId,
    string Scopes,
    string? InstalledBy,
    DateTimeOffset InstalledAt,
    DateTimeOffset? TokenExpiresAt = null,
    DateTimeOffset? RevokedAt = null)
{
    public string Name => (IsEnterpriseInstall ? EnterpriseName : TeamName) ?? TeamName ?? EnterpriseName ?? "";
}

/// <summary>An installation's tokens, decrypted; <see cref="ExpiresAt"/> and <see cref="RefreshToken"/> only with token rotation.</summary>
public sealed record SlackBotToken(string BotToken, string? RefreshToken, DateTimeOffset? ExpiresAt);
