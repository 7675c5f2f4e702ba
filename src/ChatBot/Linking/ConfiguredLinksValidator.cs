using Microsoft.Extensions.Options;

namespace ChatBot.Linking;

/// <summary>Checks every configured link at start and names the entry and field that is wrong.</summary>
internal sealed class ConfiguredLinksValidator : IValidateOptions<ConfiguredLinksOptions>
{
    public ValidateOptionsResult Validate(string? name, ConfiguredLinksOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.Links.Count; i++)
        {
            var link = options.Links[i];
            var at = $"{ConfiguredLinksOptions.SectionName}:{i}";
            if (!IsPlatform(link.Platform))
            {
                problems.Add($"{at}:Platform must be '{ChatPlatforms.Slack}' or '{ChatPlatforms.Teams}' (was '{link.Platform}').");
            }

            if (string.IsNullOrWhiteSpace(link.TeamId))
            {
                problems.Add($"{at}:TeamId is required (Slack team id or Teams tenant id).");
            }
            else if (IsPlatform(link.Platform) && LinkIdentity.TeamProblem(link.Platform, link.TeamId) is { } teamProblem)
            {
                problems.Add($"{at}:TeamId: {teamProblem}");
            }

            if (IsPlatform(link.Platform) && LinkIdentity.UserProblem(link.Platform, link.UserId) is { } userProblem)
            {
                problems.Add($"{at}:UserId: {userProblem}");
            }

            if (string.IsNullOrWhiteSpace(link.Account))
            {
                problems.Add($"{at}:Account is required (an account id, e.g. 'default').");
            }

            if (link.ClientId is <= 0 || link.ContactId is <= 0)
            {
                problems.Add($"{at}:{(link.ClientId is <= 0 ? "ClientId" : "ContactId")} must be a positive Keliweb id, or unset.");
            }
        }

        var duplicates = options.Links
            .GroupBy(l => (Platform: l.Platform.ToLowerInvariant(), l.TeamId, UserId: l.UserId ?? ""))
            .Where(g => g.Count() > 1)
            .Select(g => $"{ConfiguredLinksOptions.SectionName}: {g.Key.Platform} team '{g.Key.TeamId}' user '{g.Key.UserId}' is linked more than once.");
        problems.AddRange(duplicates);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static bool IsPlatform(string? platform) =>
        string.Equals(platform, ChatPlatforms.Slack, StringComparison.OrdinalIgnoreCase)
        || string.Equals(platform, ChatPlatforms.Teams, StringComparison.OrdinalIgnoreCase);
}
