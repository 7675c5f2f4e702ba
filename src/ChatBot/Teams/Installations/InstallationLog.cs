namespace ChatBot.Teams.Installations;

/// <summary>Log lines about installations that more than one class writes.</summary>
internal static partial class InstallationLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Teams app removed in tenant {TenantId} ({Scope}): nothing more is posted there (a pending welcome dropped: {WelcomeDropped})")]
    public static partial void Removed(ILogger logger, string tenantId, string scope, bool welcomeDropped);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Teams post for submission {SubmissionId} not sent: the app was removed in tenant {TenantId} ({Scope}); it will not be retried there")]
    public static partial void NotPostedRemoved(ILogger logger, string submissionId, string tenantId, string scope);
}
