using System.Text.Json;

namespace ChatBot.Teams.Activities;

/// <summary>
/// <c>value</c> of the <c>composeExtension/fetchTask</c> and <c>composeExtension/submitAction</c> invokes
/// (msteams-docs create-task-module.md; <c>data</c> only on submit).
/// </summary>
public sealed record MessageActionValue(string? CommandId, string? CommandContext, MessagePayload? MessagePayload, JsonElement? Data);

/// <summary>The message the action was started on; <c>from.user.id</c> is the author's AAD id, not the invoker's.</summary>
public sealed record MessagePayload(
    string? Id,
    string? ReplyToId,
    string? LinkToMessage,
    MessageBody? Body,
    MessageFrom? From,
    IReadOnlyList<MessagePayloadAttachment>? Attachments);

public sealed record MessageBody(string? ContentType, string? Content);

public sealed record MessageFrom(MessageUser? User, MessageUser? Application);

public sealed record MessageUser(string? Id, string? DisplayName);

/// <summary>Files appear as <c>contentType: "reference"</c> with a SharePoint URL that needs Microsoft Graph (msteams-docs#3887).</summary>
public sealed record MessagePayloadAttachment(string? Id, string? ContentType, string? ContentUrl, string? Name);

/// <summary><c>value</c> of an <c>adaptiveCard/action</c> invoke (Universal Actions, <c>Action.Execute</c>).</summary>
public sealed record AdaptiveCardInvokeValue(AdaptiveCardAction? Action, string? Trigger);

public sealed record AdaptiveCardAction(string? Type, string? Verb, JsonElement? Data);
