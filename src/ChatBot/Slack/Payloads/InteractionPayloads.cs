using System.Text.Json;

namespace ChatBot.Slack.Payloads;

// The interactivity payload family (https://api.slack.com/reference/interaction-payloads). Only the fields
// the bot reads; Slack adds fields freely, and unknown ones are ignored.

public sealed record SlackTeam(string Id, string? Domain);

public sealed record SlackUserRef(string Id, string? Name, string? Username, string? TeamId);

public sealed record SlackChannelRef(string Id, string? Name);

public sealed record SlackFile(
    string Id,
    string? Name,
    string? Title,
    string? Mimetype,
    string? Filetype,
    long? Size,
    string? UrlPrivate,
    string? UrlPrivateDownload,
    string? Mode);

public sealed record SlackMessage(string? Type, string? Text, string? User, string? Ts, string? ThreadTs, JsonElement? Blocks, IReadOnlyList<SlackFile>? Files);

/// <summary><c>message_action</c>: a message shortcut.</summary>
public sealed record MessageActionPayload(
    string Type,
    string CallbackId,
    string TriggerId,
    SlackTeam? Team,
    SlackUserRef User,
    SlackChannelRef Channel,
    SlackMessage Message,
    string? MessageTs,
    string? ResponseUrl)
{
    public string TeamId => Team?.Id ?? User.TeamId ?? "";
}

public sealed record ViewSubmissionPayload(string Type, SlackTeam? Team, SlackUserRef User, SubmittedView View)
{
    public string TeamId => Team?.Id ?? User.TeamId ?? View.TeamId ?? "";
}

public sealed record SubmittedView(string Id, string? TeamId, string? CallbackId, string? PrivateMetadata, ViewState? State, string? Hash);

public sealed record ViewState(Dictionary<string, Dictionary<string, ViewStateValue>> Values);

/// <summary>One input's value; which member is set depends on <see cref="Type"/>.</summary>
public sealed record ViewStateValue(
    string? Type,
    string? Value,
    SelectedOption? SelectedOption,
    IReadOnlyList<SelectedOption>? SelectedOptions,
    IReadOnlyList<SlackFile>? Files);

public sealed record SelectedOption(string Value, SlackText? Text);

public sealed record SlackText(string? Type, string? Text);

public sealed record BlockActionsPayload(
    string Type,
    SlackTeam? Team,
    SlackUserRef User,
    IReadOnlyList<BlockAction> Actions,
    SlackChannelRef? Channel,
    string? TriggerId,
    string? ResponseUrl)
{
    public string TeamId => Team?.Id ?? User.TeamId ?? "";
}

public sealed record BlockAction(string ActionId, string? BlockId, string? Value, string? Type);

/// <summary>The Events API envelope: <c>url_verification</c> or <c>event_callback</c>.</summary>
public sealed record EventEnvelope(string Type, string? Challenge, string? TeamId, string? EventId, JsonElement? Event);

/// <summary>Only the discriminator, read before the concrete type is chosen.</summary>
public sealed record PayloadType(string? Type);
