using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Authentication;

/// <summary>The Bot Connector's signing keys (<c>Teams:OpenIdMetadataUrl</c>), with their endorsements.</summary>
public sealed class BotFrameworkSigningKeys(
    IHttpClientFactory httpClientFactory, IOptions<TeamsOptions> options, TimeProvider time, ILogger<BotFrameworkSigningKeys> logger)
    : OpenIdSigningKeys(httpClientFactory, time, logger)
{
    protected override Uri? MetadataUrl => options.Value.OpenIdMetadataUrl;

    protected override string IssuerName => "Bot Framework";
}
