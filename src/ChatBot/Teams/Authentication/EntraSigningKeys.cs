using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Authentication;

/// <summary>
/// The tenant's Entra ID signing keys (<c>Teams:EntraOpenIdMetadataUrl</c>), for the tokens newer Teams and Agents
/// channels send; none for a multi-tenant bot, which has no tenant to trust.
/// </summary>
public sealed class EntraSigningKeys(
    IHttpClientFactory httpClientFactory, IOptions<TeamsOptions> options, TimeProvider time, ILogger<EntraSigningKeys> logger)
    : OpenIdSigningKeys(httpClientFactory, time, logger)
{
    protected override Uri? MetadataUrl => options.Value.EffectiveEntraOpenIdMetadataUrl;

    protected override string IssuerName => "Entra ID";
}
