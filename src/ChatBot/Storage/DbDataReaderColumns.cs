using System.Data.Common;

namespace ChatBot.Storage;

/// <summary>
/// Column reads that mean the same on both providers: SQLite hands every integer back as Int64 and PostgreSQL as the
/// column's own width, so integers are read through <see cref="Convert"/>; NULL becomes null.
/// </summary>
public static class DbDataReaderColumns
{
    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long GetInteger(this DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public static long? GetNullableInteger(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInteger(ordinal);

    public static int? GetNullableInt32(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : checked((int)reader.GetInteger(ordinal));
}
