using Microsoft.Extensions.Options;

namespace ChatBot.Teams;

/// <summary>Partial credentials stop the start naming the missing key; URLs must be https except on loopback.</summary>
internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var failures = new List<string>();
        var hasId = !string.IsNullOrWhiteSpace(options.AppId);
        var hasPassword = !string.IsNullOrWhiteSpace(options.AppPassword);
        if (hasId && !hasPassword)
        {
            failures.Add("Teams:AppPassword is missing (Teams:AppId is set).");
        }

        if (hasPassword && !hasId)
        {
            failures.Add("Teams:AppId is missing (Teams:AppPassword is set).");
        }

        // The tenant goes into token endpoints and issuers: a typo there would send credentials to the wrong path.
        if (!string.IsNullOrWhiteSpace(options.TenantId) && options.SingleTenant is null)
        {
            failures.Add("Teams:TenantId must be your Microsoft Entra tenant id, a GUID (Azure portal: Microsoft Entra ID, Overview).");
        }

        CheckUrl(options.OpenIdMetadataUrl, "Teams:OpenIdMetadataUrl", failures);
        CheckUrl(options.EffectiveTokenEndpoint, "Teams:TokenEndpoint", failures);
        if (options.EntraOpenIdMetadataUrl is not null)
        {
            CheckUrl(options.EntraOpenIdMetadataUrl, "Teams:EntraOpenIdMetadataUrl", failures);
        }

        CheckUrl(options.GraphBaseUrl, "Teams:GraphBaseUrl", failures);
        if (options.GraphBaseUrl is { IsAbsoluteUri: true } graph && !graph.AbsolutePath.EndsWith('/'))
        {
            failures.Add("Teams:GraphBaseUrl must end with '/' (e.g. https://graph.microsoft.com/v1.0/): Graph paths are resolved under it.");
        }
        if (options.MaxRequestBytes < 16 * 1024)
        {
            failures.Add("Teams:MaxRequestBytes must be at least 16384.");
        }

        foreach (var host in options.ServiceUrlHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                failures.Add($"Teams:ServiceUrlHosts contains '{host}', which is not a host name.");
            }
        }

        if (Http.HostAllowList.Problem(options.FileHosts) is { } fileHosts)
        {
            failures.Add($"Teams:FileHosts: {fileHosts}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(Uri? url, string key, List<string> failures)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            failures.Add($"{key} must be an absolute URL.");
        }
        else if (!LoopbackUrl.IsAllowed(url))
        {
            failures.Add($"{key} must use https (http is accepted only for loopback hosts).");
        }
    }
}
