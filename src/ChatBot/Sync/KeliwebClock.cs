using System.Globalization;

namespace ChatBot.Sync;

/// <summary>
/// Keliweb's dates: WHMCS writes <c>Y-m-d H:i:s</c> on the server's clock, with no time zone. The offset is learned
/// once per ticket from its opening date against the moment open-ticket answered here, rounded to the quarter hour
/// every time zone is a multiple of: good to within minutes, which is all a "before the announcement" needs.
/// </summary>
public static class KeliwebClock
{
    private const int Quarter = 15;

    /// <summary>Far from every time zone (UTC−12 … UTC+14): the dates do not mean what they seem.</summary>
    private static readonly TimeSpan Implausible = TimeSpan.FromHours(14.5);

    public static DateTime? Parse(string? text) =>
        DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    /// <summary>Keliweb's clock minus UTC in minutes; null when the date is missing, unreadable or implausible.</summary>
    public static int? OffsetMinutes(string? ticketDate, DateTimeOffset openedAt)
    {
        if (Parse(ticketDate) is not { } local)
        {
            return null;
        }

        var difference = new DateTimeOffset(local, TimeSpan.Zero) - openedAt;
        if (difference.Duration() > Implausible)
        {
            return null;
        }

        return (int)Math.Round(difference.TotalMinutes / Quarter, MidpointRounding.AwayFromZero) * Quarter;
    }

    /// <summary>A Keliweb date in UTC, given the ticket's offset; null when either is unknown.</summary>
    public static DateTimeOffset? ToUtc(string? text, int? offsetMinutes) =>
        Parse(text) is { } local && offsetMinutes is { } offset ? new DateTimeOffset(local, TimeSpan.Zero) - TimeSpan.FromMinutes(offset) : null;
}
