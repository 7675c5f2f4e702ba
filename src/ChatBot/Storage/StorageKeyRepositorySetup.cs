using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace ChatBot.Storage;

/// <summary>
/// Chooses where Data Protection keeps its keys from the storage provider, resolved when the key ring is first used
/// (after configuration is final): <c>{DataPath}/keys</c> on SQLite, the <c>data_protection_keys</c> table on Postgres.
/// Losing the keys makes every stored refresh token unreadable, so they never live in the default per-user folder.
/// </summary>
internal sealed class StorageKeyRepositorySetup(Database database, TimeProvider time, ILoggerFactory loggerFactory)
    : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        options.XmlRepository = database.Provider == StorageProvider.Postgres
            ? new DatabaseKeyRepository(database, time)
            : new FileSystemXmlRepository(new DirectoryInfo(KeysPath(database)), loggerFactory);
    }

    public static string KeysPath(Database database) =>
        Path.Combine(database.DataPath ?? throw new InvalidOperationException("SQLite storage has a data path."), "keys");
}
