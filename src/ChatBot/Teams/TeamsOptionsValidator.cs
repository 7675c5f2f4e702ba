using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams;

/// <summary>
/// Every rule of the "Teams" section, each failure naming its full key; half a credential pair is reported once, by
/// the start-up report's credential check. URLs must be https except on loopback.
/// </summary>
internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var check = new SettingsCheck(TeamsOptions.SectionName);
        if (!string.IsNullOrWhiteSpace(options.AppId) && !Guid.TryParse(options.AppId, out _))
        {
            check.Fail(nameof(options.AppId), "must be the Azure Bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000.");
        }

        if (!string.IsNullOrWhiteSpace(options.TenantId) && !Guid.TryParse(options.TenantId, out _))
        {
            check.Fail(nameof(options.TenantId), "must be your Microsoft Entra tenant id, a GUID (Azure portal: Microsoft Entra ID, Overview).");
        }

        check.SecureUrl(nameof(options.OpenIdMetadataUrl), options.OpenIdMetadataUrl);
        check.SecureUrl(nameof(options.TokenEndpoint), options.EffectiveTokenEndpoint);
        if (options.EntraOpenIdMetadataUrl is not null)
        {
            check.SecureUrl(nameof(options.EntraOpenIdMetadataUrl), options.EntraOpenIdMetadataUrl);
        }

        // Graph paths are resolved under it; the Graph token goes to its scheme, host and port only.
        check.SecureUrl(nameof(options.GraphBaseUrl), options.GraphBaseUrl, endsWithSlash: true);
        check.Range(nameof(options.MaxRequestBytes), options.MaxRequestBytes, TeamsOptions.MinRequestBytes, int.MaxValue);
        for (var i = 0; i < options.ServiceUrlHosts.Count; i++)
        {
            var host = options.ServiceUrlHosts[i];
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                check.Fail($"{nameof(options.ServiceUrlHosts)}:{i}", "must be a host name, e.g. smba.trafficmanager.net.");
            }
        }

        for (var i = 0; i < options.FileHosts.Count; i++)
        {
            if (Http.HostAllowList.Problem([options.FileHosts[i]]) is not null)
            {
                check.Fail($"{nameof(options.FileHosts)}:{i}", "must be a host name, a '*.' suffix or host:port, e.g. *.sharepoint.com.");
            }
        }

        return check.Result;
    }
}
