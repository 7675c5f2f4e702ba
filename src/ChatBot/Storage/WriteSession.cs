using System.Data.Common;

namespace ChatBot.Storage;

/// <summary>A connection held for writing; disposing it closes the connection and lets the next writer in.</summary>
public sealed class WriteSession(DbConnection connection, Action? release) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        release?.Invoke();
    }
}
