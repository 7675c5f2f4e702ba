namespace ChatBot.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Required for Postgres. For SQLite, defaults to <c>Data Source={DataPath}/chatbot.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file and the Data Protection keys; created at first start. Relative to the content root.</summary>
    public string DataPath { get; set; } = "data";
}
