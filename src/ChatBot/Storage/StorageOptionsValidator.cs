using ChatBot.Settings;
using Microsoft.Extensions.Options;

namespace ChatBot.Storage;

/// <summary>Every rule of the "Storage" section, each failure naming its full key.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var check = new SettingsCheck(StorageOptions.SectionName);
        check.Defined(nameof(options.Provider), options.Provider);
        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            check.Fail(nameof(options.ConnectionString), "is required when Storage:Provider is Postgres (e.g. Host=db;Database=chatbot;Username=chatbot;Password=...).");
        }

        if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.DataPath))
        {
            check.Fail(nameof(options.DataPath), "is required: the folder for the SQLite file and the Data Protection keys.");
        }

        return check.Result;
    }
}
