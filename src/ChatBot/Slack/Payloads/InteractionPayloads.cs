using System.Text.Json;

namespace ChatBot.Slack.Payloads;

// The interactivity payload family (https://api.slack.com/reference/interaction-payloads). Only the fields
// the bot reads; Slack adds fields freely, and unknown ones are ignored.

public sealed record SlackTeam(string Id, string? Domain = null);

public sealed record SlackUserRef(string Id, string? Name = null, string? Username = null, string? TeamId = null);

public sealed record SlackChannelRef(string Id, string? Name = null);

public sealed record SlackFile(
    string Id,
    string? Name = null,
    string? Title = null,
    string? Mimetype = null,
    string? Filetype = null,
    long? Size = null,
    string? UrlPrivate = null,
    string? UrlPrivateDownload = null,
    string? Mode = null);

public sealed record SlackMessage(
    string? Type = null,
    string? Text = null,
    string? User = null,
    string? Ts = null,
    string? ThreadTs = null,
    JsonElement? Blocks = null,
    IReadOnlyList<SlackFile>? Files = null);

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
    string? ResponseUrl = null)
{
    public string TeamId => Team?.Id ?? User.TeamId ?? "";
}

public sealed record ViewSubmissionPayload(string Type, SlackUserRef User, SubmittedView View, SlackTeam? Team = null)
{
    public string TeamId => Team?.Id ?? User.TeamId ?? View.TeamId ?? "";
}

public sealed record SubmittedView(
    string Id,
    string? TeamId = null,
    string? CallbackId = null,
    string? PrivateMetadata = null,
    ViewState? State = null,
    string? Hash = null);

public sealed record ViewState(Dictionary<string, Dictionary<string, ViewStateValue>> Values);

/// <summary>One input's value; which member is set depends on <see cref="Type"/>.</summary>
public sealed record ViewStateValue(
    string? Type = null,
    string? Value = null,
    SelectedOption? SelectedOption = null,
    IReadOnlyList<SelectedOption>? SelectedOptions = null,
    IReadOnlyList<SlackFile>? Files = null);

public sealed record SelectedOption(string Value, SlackText? Text = null);

public sealed record SlackText(string? Type = null, string? Text = null);

public sealed record BlockActionsPayload(
    string Type,
    SlackUserRef User,
    IReadOnlyList<BlockAction> Actions,
    SlackTeam? Team = null,
    SlackChannelRef? Channel = null,
    string? TriggerId = null,
    string? ResponseUrl = null)
{
    public string TeamId => Team?.Id ?? User.TeamId ?? "";
}

public sealed record BlockAction(string ActionId, string? BlockId = null, string? Value = null, string? Type = null);

/// <summary>The Events API envelope: <c>url_verification</c> or <c>event_callback</c>.</summary>
public sealed record EventEnvelope(string Type, string? Challenge = null, string? TeamId = null, string? EventId = null, JsonElement? Event = null);

/// <summary>Only the discriminator, read before the concrete type is chosen.</summary>
public sealed record PayloadType(string? Type = null);
