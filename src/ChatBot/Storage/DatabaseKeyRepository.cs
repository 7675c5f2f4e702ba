using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ChatBot.Storage;

/// <summary>
/// Data Protection keys in the <c>data_protection_keys</c> table, so every instance sharing the database can decrypt
/// what another encrypted, and a restart or a new container keeps reading the stored refresh tokens.
/// </summary>
internal sealed class DatabaseKeyRepository(Database database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // IXmlRepository is synchronous; Data Protection calls it rarely (key ring refresh, about once a day).
        using var connection = database.Open();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name")
            .Select(XElement.Parse)
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = database.Open();

        // Two instances may create a key at the same moment; each key has its own unique name, so a repeat is harmless.
        connection.Execute(
            """
            INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now)
            ON CONFLICT (friendly_name) DO NOTHING
            """,
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = time.GetUtcNow().ToUnixTimeMilliseconds() });
    }
}
