using ChatBot.Storage;

namespace ChatBot.Tests.Teams.Installations;

/// <summary>Reads the <c>teams_installations</c> table the way an operator would, to see what the bot recorded.</summary>
internal static class TeamsInstallationsTable
{
    public const string Posted = "posted";

    public static async Task<string?> WelcomeAsync(Database database, string tenantId, string scopeKey)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await connection.ScalarAsync(
            new SqlStatement("SELECT welcome FROM teams_installations WHERE tenant_id = @tenant AND scope_key = @scope")
                .With("tenant", tenantId).With("scope", scopeKey),
            CancellationToken.None) as string;
    }
}
