using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>Every rule of the "Tickets" section, departments and custom fields included, each failure naming its full key.</summary>
internal sealed class TicketsOptionsValidator : IValidateOptions<TicketsOptions>
{
    public ValidateOptionsResult Validate(string? name, TicketsOptions options)
    {
        var check = new SettingsCheck(TicketsOptions.SectionName);
        for (var i = 0; i < options.Departments.Count; i++)
        {
            var department = options.Departments[i];
            check.Range($"{nameof(options.Departments)}:{i}:{nameof(department.Id)}", department.Id, 1, int.MaxValue);
            check.Required($"{nameof(options.Departments)}:{i}:{nameof(department.Name)}", department.Name, "the name the form shows");
        }

        foreach (var id in Duplicates(options.Departments.Select(d => d.Id)))
        {
            check.Fail(nameof(options.Departments), $"has department id {id} more than once.");
        }

        check.Defined(nameof(options.DefaultPriority), options.DefaultPriority);
        for (var i = 0; i < options.CustomFields.Count; i++)
        {
            var field = options.CustomFields[i];
            check.Range($"{nameof(options.CustomFields)}:{i}:{nameof(field.Id)}", field.Id, 1, int.MaxValue);
            check.Required($"{nameof(options.CustomFields)}:{i}:{nameof(field.Label)}", field.Label, "the label the form shows");
        }

        foreach (var id in Duplicates(options.CustomFields.Select(f => f.Id)))
        {
            check.Fail(nameof(options.CustomFields), $"has custom field id {id} more than once.");
        }

        check.Range(nameof(options.MaxFiles), options.MaxFiles, 0, TicketsOptions.MaxFilesLimit);
        check.Range(nameof(options.MaxFileBytes), options.MaxFileBytes, 1, long.MaxValue);
        check.Positive(nameof(options.MaxRetryAge), options.MaxRetryAge);
        check.Positive(nameof(options.RetryBaseDelay), options.RetryBaseDelay);
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            check.Fail(nameof(options.RetryMaxDelay), "must be at least Tickets:RetryBaseDelay "
                + $"(is {options.RetryMaxDelay.ToString("c", System.Globalization.CultureInfo.InvariantCulture)}, "
                + $"Tickets:RetryBaseDelay {options.RetryBaseDelay.ToString("c", System.Globalization.CultureInfo.InvariantCulture)}).");
        }

        check.Positive(nameof(options.ContentRetention), options.ContentRetention);
        if (options.LeaseDuration < TicketsOptions.MinLeaseDuration)
        {
            check.Fail(nameof(options.LeaseDuration), $"must be at least 00:00:05 (is {options.LeaseDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture)}).");
        }
        check.Range(nameof(options.WorkerConcurrency), options.WorkerConcurrency, 1, TicketsOptions.MaxWorkerConcurrency);
        if (options.ServiceCacheDuration <= TimeSpan.Zero || options.ServiceCacheDuration > TicketsOptions.MaxServiceCacheDuration)
        {
            check.Fail(nameof(options.ServiceCacheDuration), $"must be a positive duration up to 01:00:00 (is {options.ServiceCacheDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture)}).");
        }

        if (options.TempPath is { } temp && temp.Trim().Length == 0)
        {
            check.Fail(nameof(options.TempPath), "must be a folder path, or unset for the system temp folder.");
        }

        return check.Result;
    }

    private static IEnumerable<int> Duplicates(IEnumerable<int> ids) => ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key);
}
