using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Keliweb;

/// <summary>Every rule of the "Keliweb" section, each failure naming its full key.</summary>
internal sealed class KeliwebOptionsValidator : IValidateOptions<KeliwebOptions>
{
    public ValidateOptionsResult Validate(string? name, KeliwebOptions options)
    {
        var check = new SettingsCheck(KeliwebOptions.SectionName);
        // Bearer tokens, the API keys and the default account's password go to this URL.
        check.SecureUrl(nameof(options.BaseUrl), options.BaseUrl, endsWithSlash: true);
        if (string.IsNullOrWhiteSpace(options.TicketUrlTemplate) || !options.TicketUrlTemplate.Contains("{tid}", StringComparison.Ordinal)
            || !Uri.TryCreate(options.TicketUrlTemplate.Replace("{tid}", "1", StringComparison.Ordinal).Replace("{c}", "c", StringComparison.Ordinal), UriKind.Absolute, out _))
        {
            check.Fail(nameof(options.TicketUrlTemplate), "must be an absolute URL containing {tid} (and usually {c}).");
        }

        for (var i = 0; i < options.AllowedExtensions.Count; i++)
        {
            var extension = options.AllowedExtensions[i]?.Trim() ?? "";
            if (extension.TrimStart('.').Length == 0 || extension.IndexOfAny(['/', '\\', ' ', '*']) >= 0)
            {
                check.Fail($"{nameof(options.AllowedExtensions)}:{i}", "must be a file extension such as .pdf.");
            }
        }

        check.Range(nameof(options.MaxRequestBytes), options.MaxRequestBytes, KeliwebOptions.MinRequestBytes, long.MaxValue);
        check.Positive(nameof(options.Timeout), options.Timeout);
        return check.Result;
    }
}
