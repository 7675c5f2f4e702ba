using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Teams.Activities;

/// <summary>
/// <c>value</c> of the <c>composeExtension/fetchTask</c> and <c>composeExtension/submitAction</c> invokes
/// (msteams-docs create-task-module.md; <c>data</c> only on submit).
/// </summary>
public sealed record MessageActionValue(string? CommandId = null, string? CommandContext = null, MessagePayload? MessagePayload = null, JsonElement? Data = null);

/// <summary>The message the action was started on; <c>from.user.id</c> is the author's AAD id, not the invoker's.</summary>
public sealed record MessagePayload(
    string? Id = null,
    string? ReplyToId = null,
    string? LinkToMessage = null,
    MessageBody? Body = null,
    MessageFrom? From = null,
    IReadOnlyList<MessagePayloadAttachment?>? Attachments = null) : IJsonOnDeserialized
{
    /// <summary>The message's ids address the answer in its thread.</summary>
    public void OnDeserialized() => TeamsIds.Check(Id, ReplyToId);
}

public sealed record MessageBody(string? ContentType = null, string? Content = null);

public sealed record MessageFrom(MessageUser? User = null, MessageUser? Application = null);

public sealed record MessageUser(string? Id = null, string? DisplayName = null);

/// <summary>Files appear as <c>contentType: "reference"</c> with a SharePoint URL that needs Microsoft Graph (msteams-docs#3887).</summary>
public sealed record MessagePayloadAttachment(string? Id = null, string? ContentType = null, string? ContentUrl = null, string? Name = null);

/// <summary><c>value</c> of an <c>adaptiveCard/action</c> invoke (Universal Actions, <c>Action.Execute</c>).</summary>
public sealed record AdaptiveCardInvokeValue(AdaptiveCardAction? Action = null, string? Trigger = null);

public sealed record AdaptiveCardAction(string? Type = null, string? Verb = null, JsonElement? Data = null);
