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
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Validate(o => o.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:ConnectionString is required when Storage:Provider is Postgres.")
            .ValidateOnStart();
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
}
