namespace ChatBot.Tickets;

/// <summary>The registered chat channels by platform name.</summary>
public sealed class ChatChannels(IEnumerable<IChatChannel> channels)
{
    private readonly Dictionary<string, IChatChannel> _byPlatform =
        channels.ToDictionary(c => c.Platform, StringComparer.OrdinalIgnoreCase);

    public IChatChannel? Find(string platform) => _byPlatform.GetValueOrDefault(platform);
}
