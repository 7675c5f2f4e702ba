namespace ChatBot.Sync;

/// <summary>The "Sync" section: how often followed tickets are read from Keliweb, how hard, and where staff replies go.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>A ticket with activity (a reply, a status change) in the last <see cref="ActiveWindow"/> is read this often.</summary>
    public TimeSpan ActivePollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An idle ticket's interval doubles from <see cref="ActivePollInterval"/> up to this.</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>get-ticket requests this instance sends per second at most, whatever the number of tickets.</summary>
    public double MaxRequestsPerSecond { get; set; } = 5;

    /// <summary>Where staff replies are posted: the ticket's thread, or only to the requester.</summary>
    public SyncReplies RepliesIn { get; set; } = SyncReplies.Thread;

    /// <summary>How recent activity keeps a ticket on the active interval.</summary>
    public static readonly TimeSpan ActiveWindow = TimeSpan.FromHours(1);

    /// <summary>A closed ticket is still read (a reply reopens it) for this long, then no more.</summary>
    public static readonly TimeSpan FollowAfterClosed = TimeSpan.FromDays(7);

    /// <summary>A ticket Keliweb keeps refusing to show (deleted, merged, another account's) is given up after this long.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(7);

    public const double MaxRequestsPerSecondLimit = 1000;

    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(5);
}

public enum SyncReplies
{
    /// <summary>In the ticket's thread (Slack) or conversation (Teams): everyone there reads the staff's answer.</summary>
    Thread,

    /// <summary>Only in the requester's direct message (Slack) or 1:1 chat (Teams).</summary>
    Private,
}
