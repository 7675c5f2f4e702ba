using System.Data.Common;

namespace ChatBot.Storage;

/// <summary>
/// Group commit for SQLite writes made inside users' requests: writes that arrive while another batch is committing
/// wait, and then go together in one transaction, each in its own savepoint. Under load a commit (a WAL append) is
/// shared by many accepts instead of paid by each; a write that fails is rolled back to its savepoint and fails alone.
/// Callers hear back only after the commit, so an acknowledged write is a durable write.
/// </summary>
internal sealed class SqliteWriteBatcher(Func<CancellationToken, Task<WriteSession>> openForWrite)
{
    // Enough to share a commit widely; small enough that one batch never holds the file for long.
    private const int MaxBatch = 64;

    private readonly Lock _lock = new();
    private readonly Queue<IBatchItem> _pending = new();
    private bool _draining;

    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work)
    {
        var item = new BatchItem<T>(work);
        bool start;
        lock (_lock)
        {
            _pending.Enqueue(item);
            start = !_draining;
            _draining = true;
        }

        if (start)
        {
            _ = Task.Run(DrainAsync);
        }

        return item.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var batch = new List<IBatchItem>();
            lock (_lock)
            {
                while (batch.Count < MaxBatch && _pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }

            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<IBatchItem> batch)
    {
        try
        {
            // Not a caller's token: once queued, a write is finished or failed, never abandoned half way.
            await using var session = await openForWrite(CancellationToken.None);
            var connection = session.Connection;
            await using var tx = await connection.BeginTransactionAsync();
            foreach (var item in batch)
            {
                await connection.ExecuteAsync("SAVEPOINT batch_item", CancellationToken.None, tx);
                try
                {
                    await item.RunAsync(connection, tx);
                    await connection.ExecuteAsync("RELEASE batch_item", CancellationToken.None, tx);
                }
#pragma warning disable CA1031 // the item's own failure goes to its caller; the batch goes on
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    await connection.ExecuteAsync("ROLLBACK TO batch_item", CancellationToken.None, tx);
                    await connection.ExecuteAsync("RELEASE batch_item", CancellationToken.None, tx);
                    item.Fail(ex);
                }
            }

            await tx.CommitAsync();
        }
#pragma warning disable CA1031 // the commit failed: every caller hears it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var item in batch)
            {
                item.Fail(ex);
                item.Complete();
            }

            return;
        }

        foreach (var item in batch)
        {
            item.Complete();
        }
    }

    private interface IBatchItem
    {
        Task RunAsync(DbConnection connection, DbTransaction transaction);

        void Fail(Exception exception);

        void Complete();
    }

    private sealed class BatchItem<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work) : IBatchItem
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Exception? _failure;
        private T? _result;

        public Task<T> Task => _done.Task;

        public async Task RunAsync(DbConnection connection, DbTransaction transaction) =>
            _result = await work(connection, transaction, CancellationToken.None);

        public void Fail(Exception exception) => _failure ??= exception;

        public void Complete()
        {
            if (_failure is null)
            {
                _done.TrySetResult(_result!);
            }
            else
            {
                _done.TrySetException(_failure);
            }
        }
    }
}
