using System.Xml.Linq;
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
        return connection.Query("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name", r => XElement.Parse(r.GetString(0)));
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = database.Open();

        // Two instances may create a key at the same moment; each key has its own unique name, so a repeat is harmless.
        connection.Execute(
            new SqlStatement(
                """
                INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now)
                ON CONFLICT (friendly_name) DO NOTHING
                """)
                .With("friendlyName", friendlyName).With("xml", element.ToString(SaveOptions.DisableFormatting))
                .With("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
    }
}
