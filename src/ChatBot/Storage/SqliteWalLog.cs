namespace ChatBot.Storage;

/// <summary>
/// SQLite's write-ahead log after a checkpoint round: the frames in use (what the next checkpoint has to copy, and
/// what readers search), and the file's size on disk, which starting the log over does not shrink.
/// </summary>
internal readonly record struct SqliteWalLog(long Frames, long FileBytes);
