namespace ChatBot.Linking;

/// <summary>
/// The top-level "Links" configuration section: links the operator declares in configuration instead of with
/// <c>links add</c>. They are written to the links table at every start (after the migrations), replacing a stored
/// link for the same platform, team and user.
/// </summary>
public sealed class ConfiguredLinksOptions
{
    public const string SectionName = "Links";

    public List<ConfiguredLink> Links { get; set; } = [];
}

/// <summary>One entry of the "Links" section; <see cref="UserId"/> empty or null links the whole workspace/tenant.</summary>
public sealed class ConfiguredLink
{
    /// <summary>"slack" or "teams" (any case).</summary>
    public string Platform { get; set; } = "";

    /// <summary>Slack team id, or Teams tenant id.</summary>
    public string TeamId { get; set; } = "";

    /// <summary>Slack user id, or Teams aadObjectId.</summary>
    public string? UserId { get; set; }

    /// <summary>The account id (as in <c>accounts list</c>; "default" for the operator's default account).</summary>
    public string Account { get; set; } = "";

    public int? ContactId { get; set; }

    public int? ClientId { get; set; }
}
