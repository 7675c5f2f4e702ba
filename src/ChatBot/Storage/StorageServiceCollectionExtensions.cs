using ChatBot.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The application name every instance shares, so one instance can decrypt what another encrypted.</summary>
    public const string DataProtectionApplicationName = "ChatBot";

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StorageOptions>(configuration, StorageOptions.SectionName, static (section, o) => section.Bind(o));
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSettingsEnum<StorageProvider>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Database>();
        services.AddSingleton<SchemaMigrator>();
        services.AddHostedService<SchemaMigrationService>();
        services.AddHostedService<SqliteCheckpointService>();

        // After the migration service: Data Protection's own hosted service loads (and on first start creates) the key
        // ring at start, and on Postgres that needs the data_protection_keys table.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, StorageKeyRepositorySetup>();

        services.AddSingleton<AccountStore>();
        services.AddSingleton<Keliweb.IKeliwebTokenStore>(sp => sp.GetRequiredService<AccountStore>());
        return services;
    }

    /// <summary>
    /// Migrates the schema, or refuses a store that cannot be used, before the host starts anything: a failure here is
    /// the operator's one line (<see cref="StorageFailureException"/>), not a hosted service's stack trace in the log.
    /// The hosted migration service then finds nothing to do.
    /// </summary>
    public static async Task MigrateStorageAsync(this IHost app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
    }
}
