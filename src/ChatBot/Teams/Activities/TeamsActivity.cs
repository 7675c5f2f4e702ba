using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Teams.Activities;

/// <summary>
/// The fields of a Bot Framework activity the bot reads, whatever its type. <see cref="Value"/> stays raw: each
/// handler deserializes it into its own concrete record once the dispatcher knows the type and name.
/// </summary>
public sealed record TeamsActivity
{
    public string Type { get; init; } = "";
    public string? Name { get; init; }
    public string? Id { get; init; }
    public string ServiceUrl { get; init; } = "";
    public string ChannelId { get; init; } = "";
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? ReplyToId { get; init; }
    public string? Locale { get; init; }
    public IReadOnlyList<ActivityAttachment>? Attachments { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public JsonElement? Value { get; init; }

    [JsonIgnore]
    public string TenantId => ChannelData?.Tenant?.Id ?? Conversation?.TenantId ?? "";

    [JsonIgnore]
    public bool IsPersonal => string.Equals(Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
}

public static class ConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}

public sealed record ChannelAccount(string? Id, string? Name, string? AadObjectId = null);

public sealed record ConversationAccount(string Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null);

public sealed record ActivityAttachment(string? ContentType, string? ContentUrl, string? Name, JsonElement? Content = null);

/// <summary>The <c>content</c> of an <c>application/vnd.microsoft.teams.file.download.info</c> attachment.</summary>
public sealed record FileDownloadInfo(string? DownloadUrl, string? UniqueId, string? FileType);

public sealed record TeamsChannelData(IdOnly? Tenant, IdOnly? Team, IdOnly? Channel);

public sealed record IdOnly(string? Id);
