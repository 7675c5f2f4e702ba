using System.Globalization;
using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Sync;

internal sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var check = new SettingsCheck(SyncOptions.SectionName);
        AtLeastMinimum(check, nameof(options.ActivePollInterval), options.ActivePollInterval);
        AtLeastMinimum(check, nameof(options.IdlePollInterval), options.IdlePollInterval);
        if (options.IdlePollInterval < options.ActivePollInterval)
        {
            check.Fail(nameof(options.IdlePollInterval), $"must not be shorter than Sync:ActivePollInterval (is {Print(options.IdlePollInterval)}, active {Print(options.ActivePollInterval)}).");
        }

        if (!(options.MaxRequestsPerSecond > 0 && options.MaxRequestsPerSecond <= SyncOptions.MaxRequestsPerSecondLimit))
        {
            check.Fail(nameof(options.MaxRequestsPerSecond), $"must be more than 0 and at most {SyncOptions.MaxRequestsPerSecondLimit.ToString(CultureInfo.InvariantCulture)} (is {options.MaxRequestsPerSecond.ToString(CultureInfo.InvariantCulture)}).");
        }

        check.Defined(nameof(options.RepliesIn), options.RepliesIn);
        return check.Result;
    }

    private static void AtLeastMinimum(SettingsCheck check, string key, TimeSpan value)
    {
        if (value < SyncOptions.MinPollInterval)
        {
            check.Fail(key, $"must be at least 00:00:05 (is {Print(value)}).");
        }
    }

    private static string Print(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
