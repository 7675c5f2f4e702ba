namespace ChatBot.Health;

/// <summary>The "Health" configuration section.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// The bearer token <c>GET /healthz/details</c> requires (<c>Authorization: Bearer …</c>). Unset (the default), the
    /// endpoint does not exist (404): it names accounts and queue sizes, not for the internet.
    /// </summary>
    public string? DetailsToken { get; set; }

    public bool DetailsEnabled => !string.IsNullOrWhiteSpace(DetailsToken);
}
