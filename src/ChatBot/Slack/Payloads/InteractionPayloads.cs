using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Json;
using ChatBot.Slack.Markdown;
using ChatBot.Slack.WebApi;

namespace ChatBot.Slack.Payloads;

// The interactivity payload family (https://api.slack.com/reference/interaction-payloads). Only the fields
// the bot reads; Slack adds fields freely, and unknown ones are ignored. Shaped so that null cannot reach code
// (SlackJsonContext): members that are not nullable are required and refused as null, collections refuse null
// elements, and the numbers that size work are checked when the payload is read. What fails is a JsonException: 400.

public sealed record SlackTeam(string Id, string? Domain = null);

/// <summary>The organization of an Enterprise Grid payload; with <c>is_enterprise_install</c> its id names the installation.</summary>
public sealed record SlackEnterprise(string Id, string? Name = null);

public sealed record SlackUserRef(string Id, string? Name = null, string? Username = null, string? TeamId = null);

public sealed record SlackChannelRef(string Id, string? Name = null);

/// <summary>A file as files.info, a message or a file_input names it. <see cref="Size"/> plans requests: never negative.</summary>
public sealed record SlackFile(
    string Id,
    string? Name = null,
    string? Title = null,
    string? Mimetype = null,
    string? Filetype = null,
    long? Size = null,
    string? UrlPrivate = null,
    string? UrlPrivateDownload = null,
    string? Mode = null) : IJsonOnDeserialized
{
    public void OnDeserialized()
    {
        if (Size < 0)
        {
            throw new JsonException($"File {Id} has a negative size.");
        }
    }
}

/// <summary>A message (of a shortcut). <see cref="Blocks"/> stays JSON: only its rich text is read, and that is checked here.</summary>
public sealed record SlackMessage(
    string? Type = null,
    string? Text = null,
    string? User = null,
    string? Ts = null,
    string? ThreadTs = null,
    JsonElement? Blocks = null,
    [property: JsonConverter(typeof(NonNullListConverter<SlackFile>))] IReadOnlyList<SlackFile>? Files = null) : IJsonOnDeserialized
{
    public void OnDeserialized() => RichTextConverter.Check(Blocks);
}

/// <summary><c>message_action</c>: a message shortcut.</summary>
public sealed record MessageActionPayload(
    string Type,
    string CallbackId,
    string TriggerId,
    SlackUserRef User,
    SlackChannelRef Channel,
    SlackMessage Message,
    SlackTeam? Team = null,
    string? MessageTs = null,
    string? ResponseUrl = null,
    SlackEnterprise? Enterprise = null,
    bool IsEnterpriseInstall = false)
{
    public string TeamId => Team?.Id ?? User.TeamId ?? Enterprise?.Id ?? "";

    public SlackWorkspace Workspace => SlackWorkspace.FromPayload(TeamId, Enterprise?.Id, IsEnterpriseInstall);
}

public sealed record ViewSubmissionPayload(
    string Type, SlackUserRef User, SubmittedView View, SlackTeam? Team = null, SlackEnterprise? Enterprise = null, bool IsEnterpriseInstall = false)
{
    public string TeamId => Team?.Id ?? User.TeamId ?? View.TeamId ?? Enterprise?.Id ?? "";

    public SlackWorkspace Workspace => SlackWorkspace.FromPayload(TeamId, Enterprise?.Id, IsEnterpriseInstall);
}

public sealed record SubmittedView(
    string Id,
    string? TeamId = null,
    string? CallbackId = null,
    string? PrivateMetadata = null,
    ViewState? State = null,
    string? Hash = null,
    JsonElement? Blocks = null);

/// <summary>Block id → action id → value; no level may be null.</summary>
public sealed record ViewState(
    [property: JsonConverter(typeof(NonNullMapOfMapsConverter<ViewStateValue>))] IReadOnlyDictionary<string, IReadOnlyDictionary<string, ViewStateValue>> Values);

/// <summary>One input's value; which member is set depends on <see cref="Type"/>.</summary>
public sealed record ViewStateValue(
    string? Type = null,
    string? Value = null,
    SelectedOption? SelectedOption = null,
    [property: JsonConverter(typeof(NonNullListConverter<SelectedOption>))] IReadOnlyList<SelectedOption>? SelectedOptions = null,
    [property: JsonConverter(typeof(NonNullListConverter<SlackFile>))] IReadOnlyList<SlackFile>? Files = null);

public sealed record SelectedOption(string Value, SlackText? Text = null);

public sealed record SlackText(string? Type = null, string? Text = null);

public sealed record BlockActionsPayload(
    string Type,
    SlackUserRef User,
    [property: JsonConverter(typeof(NonNullListConverter<BlockAction>))] IReadOnlyList<BlockAction> Actions,
    SlackTeam? Team = null,
    SlackChannelRef? Channel = null,
    string? TriggerId = null,
    string? ResponseUrl = null,
    SubmittedView? View = null,
    SlackEnterprise? Enterprise = null,
    bool IsEnterpriseInstall = false)
{
    public string TeamId => Team?.Id ?? User.TeamId ?? Enterprise?.Id ?? "";

    public SlackWorkspace Workspace => SlackWorkspace.FromPayload(TeamId, Enterprise?.Id, IsEnterpriseInstall);
}

/// <summary>One action; <see cref="SelectedOption"/> is a select's new choice (a modal's dispatch_action).</summary>
public sealed record BlockAction(string ActionId, string? BlockId = null, string? Value = null, string? Type = null, SelectedOption? SelectedOption = null);

/// <summary>
/// The Events API envelope: <c>url_verification</c> or <c>event_callback</c>
/// (https://docs.slack.dev/apis/events-api/#callback-field). <see cref="Authorizations"/> names the installation the
/// event is for (Slack lists one); the top-level team and enterprise are the fallback of older payloads.
/// </summary>
public sealed record EventEnvelope(
    string Type,
    string? Challenge = null,
    string? TeamId = null,
    string? EventId = null,
    JsonElement? Event = null,
    string? EnterpriseId = null,
    bool IsEnterpriseInstall = false,
    [property: JsonConverter(typeof(NonNullListConverter<EventAuthorization>))] IReadOnlyList<EventAuthorization>? Authorizations = null)
{
    /// <summary>The event's own type; null when <see cref="Event"/> is not an object with a string type.</summary>
    public string? EventType =>
        Event is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    /// <summary>The installation the event belongs to (an org-wide install by its enterprise); null when it names no team.</summary>
    public SlackWorkspace? Workspace
    {
        get
        {
            var authorization = Authorizations is [var first, ..] ? first : null;
            var team = authorization?.TeamId is { Length: > 0 } t ? t : TeamId;
            var enterprise = authorization?.EnterpriseId is { Length: > 0 } en ? en : EnterpriseId;
            var workspace = SlackWorkspace.FromPayload(team ?? "", enterprise, authorization?.IsEnterpriseInstall ?? IsEnterpriseInstall);
            return workspace.InstallationId.Length > 0 ? workspace : null;
        }
    }
}

/// <summary>An installation an event is delivered for (the envelope's <c>authorizations</c>).</summary>
public sealed record EventAuthorization(string? TeamId = null, string? EnterpriseId = null, bool IsEnterpriseInstall = false);

/// <summary>Only the discriminator, read before the concrete type is chosen.</summary>
public sealed record PayloadType(string? Type = null);
