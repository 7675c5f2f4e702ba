namespace ChatBot.Storage;

/// <summary>
/// Lets one SQLite writer in at a time, in order, with writes made inside a user's request (an accept) ahead of
/// background writes (the worker), so a busy worker never adds its queue to a chat platform's 3-second budget.
/// </summary>
internal sealed class SqliteWriteGate
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _interactive = new();
    private readonly Queue<TaskCompletionSource> _background = new();
    private bool _held;

    public Task EnterAsync(bool interactive)
    {
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (interactive ? _interactive : _background).Enqueue(waiter);
            return waiter.Task;
        }
    }

    public void Exit()
    {
        TaskCompletionSource? next;
        lock (_lock)
        {
            if (!_interactive.TryDequeue(out next) && !_background.TryDequeue(out next))
            {
                _held = false;
                return;
            }
        }

        // The gate stays held: ownership passes straight to the next writer.
        next.SetResult();
    }
}
