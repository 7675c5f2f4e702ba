using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Teams.Activities;

/// <summary>
/// The fields of a Bot Framework activity the bot reads, whatever its type. <see cref="Value"/> stays raw: each
/// handler deserializes it into its own concrete record once the dispatcher knows the type and name. A null where a
/// member is not nullable fails deserialization (400); null array elements stay possible, so readers skip them. The
/// non-nullable members are <c>required</c>: the source generator sets init-only members it did not find to null,
/// initializer or not.
/// </summary>
public sealed record TeamsActivity : IJsonOnDeserialized
{
    /// <summary>The only channel the bot serves: other channels' clients (Web Chat, Direct Line) set <c>from</c> and <c>channelData</c> themselves.</summary>
    public const string TeamsChannelId = "msteams";

    public required string Type { get; init; }
    public string? Name { get; init; }
    public string? Id { get; init; }
    public required string ServiceUrl { get; init; }
    public required string ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? ReplyToId { get; init; }
    public string? Locale { get; init; }
    public IReadOnlyList<ActivityAttachment?>? Attachments { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public JsonElement? Value { get; init; }

    /// <summary>Who joined (<c>conversationUpdate</c>): the bot itself when it was added to the conversation.</summary>
    public IReadOnlyList<ChannelAccount?>? MembersAdded { get; init; }

    /// <summary>Who left (<c>conversationUpdate</c>): the bot itself when it was removed.</summary>
    public IReadOnlyList<ChannelAccount?>? MembersRemoved { get; init; }

    /// <summary><c>installationUpdate</c>: <c>add</c>, <c>remove</c>, <c>add-upgrade</c> or <c>remove-upgrade</c>.</summary>
    public string? Action { get; init; }

    /// <summary>Set by the endpoint when a validated token was issued for <see cref="ServiceUrl"/>; never read from the wire.</summary>
    [JsonIgnore]
    public bool ServiceUrlVouched { get; init; }

    /// <summary>The tenant Teams puts in <c>channelData</c> (only <c>msteams</c> activities get this far); <c>conversation.tenantId</c> is not used.</summary>
    [JsonIgnore]
    public string TenantId => ChannelData?.Tenant?.Id ?? "";

    [JsonIgnore]
    public bool IsPersonal => string.Equals(Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);

    [JsonIgnore]
    public bool IsChannel => string.Equals(Conversation?.ConversationType, ConversationTypes.Channel, StringComparison.OrdinalIgnoreCase);

    public void OnDeserialized() => TeamsIds.Check(Id, ReplyToId, Conversation?.Id, ChannelData?.Channel?.Id, ChannelData?.Team?.Id, ChannelData?.Team?.AadGroupId, From?.Id, Recipient?.Id);
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
}

public static class ConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}

public sealed record ChannelAccount(string? Id = null, string? Name = null, string? AadObjectId = null);

public sealed record ConversationAccount(string Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null);

public sealed record ActivityAttachment(string? ContentType = null, string? ContentUrl = null, string? Name = null, JsonElement? Content = null);

/// <summary>The <c>content</c> of an <c>application/vnd.microsoft.teams.file.download.info</c> attachment; without a link it is not one.</summary>
public sealed record FileDownloadInfo(string DownloadUrl, string? UniqueId = null, string? FileType = null);

/// <param name="EventType">What a <c>conversationUpdate</c> is about, e.g. <c>teamMemberAdded</c>, <c>channelCreated</c>.</param>
public sealed record TeamsChannelData(IdOnly? Tenant = null, TeamInfo? Team = null, IdOnly? Channel = null, string? EventType = null);

/// <summary>A team: its <c>19:…@thread</c> id for the connector, and its Microsoft 365 group id, which is what Graph calls a team.</summary>
public sealed record TeamInfo(string? Id = null, string? AadGroupId = null);

public sealed record IdOnly(string? Id = null);
