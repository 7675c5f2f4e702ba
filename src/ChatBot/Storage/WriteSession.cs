using System.Data.Common;

namespace ChatBot.Storage;

/// <summary>
/// A connection held for writing; disposing the session lets the next writer in, and closes the connection unless it
/// is SQLite's long-lived writer.
/// </summary>
public sealed class WriteSession(DbConnection connection, bool ownsConnection, Action? release) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        if (ownsConnection)
        {
            await Connection.DisposeAsync();
        }

        release?.Invoke();
    }
}
