using ChatBot.Teams.Activities;
using ChatBot.Teams.Graph;
using ChatBot.Tickets;
using Microsoft.Extensions.Options;

namespace ChatBot.Teams.Files;

/// <summary>
/// The files of a message Teams does not hand to bots: the <c>reference</c> attachments and pasted images of a
/// message-action's message (from <c>messagePayload</c>, no call needed), and of a "ticket" message in a channel or
/// group chat (read through Graph, after the 200). Each becomes a Graph file reference; where Graph is off, or the
/// conversation is another tenant's, the reference says so from the start, with the link to the message.
/// </summary>
public sealed partial class TeamsMessageFiles(
    GraphMessageReader messages, GraphTokenProvider tokens, IOptions<TeamsOptions> options, ILogger<TeamsMessageFiles> logger)
{
    /// <summary>The files of the message a message action was started on.</summary>
    public IReadOnlyList<FileReference> OfMessageAction(TeamsActivity activity, MessagePayload? message)
    {
        var location = GraphMessageLocation.ForMessageAction(activity, message);
        var references = (message?.Attachments ?? []).OfType<MessagePayloadAttachment>()
            .Where(a => IsReference(a.ContentType) && !string.IsNullOrEmpty(a.ContentUrl))
            .Select(a => Reference(activity, location, message?.LinkToMessage, a.Id, a.Name, a.ContentUrl!));
        var images = GraphHtml.HostedContentIds(message?.Body?.Content).Select((id, i) => Image(activity, location, message?.LinkToMessage, id, i + 1));
        return [.. references, .. images];
    }

    /// <summary>
    /// The files of a "ticket" message: what Teams delivered with the activity and, in a channel or group chat with
    /// Graph on, what Graph says the message holds (its pasted images replace the connector's copies of them).
    /// </summary>
    public async Task<IReadOnlyList<FileReference>> OfMessageAsync(TeamsActivity activity, IReadOnlyList<FileReference> delivered, CancellationToken cancellationToken)
    {
        if (activity.IsPersonal || !options.Value.GraphEnabled || GraphMessageLocation.ForActivity(activity) is not { } location
            || tokens.TokenEndpointFor(location.TenantId) is null)
        {
            return delivered;
        }

        var read = await messages.ReadAsync(location, cancellationToken);
        if (!read.Succeeded)
        {
            LogNotRead(logger, read.Failure!.Kind, read.Failure.Status);
            return delivered;
        }

        var message = read.Value!;
        location = location with { Link = message.WebUrl };
        var files = delivered.Where(f => TeamsFileLocator.Parse(f.Locator)?.Kind is not (TeamsFileLocator.InlineImage or TeamsFileLocator.GraphFile)).ToList();
        files.AddRange((message.Attachments ?? []).OfType<GraphChatMessageAttachment>()
            .Where(a => IsReference(a.ContentType) && !string.IsNullOrEmpty(a.ContentUrl))
            .Select(a => Reference(activity, location, message.WebUrl, a.Id, a.Name, a.ContentUrl!)));
        files.AddRange(GraphHtml.HostedContentIds(message.Body?.Content).Select((id, i) => Image(activity, location, message.WebUrl, id, i + 1)));
        return files;
    }

    /// <summary>A form's note on the message's files: which will be attached, and why the others will not.</summary>
    public static string? Note(IReadOnlyList<FileReference> files, string? locale)
    {
        if (files.Count == 0)
        {
            return null;
        }

        var texts = GraphTexts.For(locale);
        var coming = files.Where(f => f.UnavailableReason is null).Select(f => f.Name).ToList();
        var lines = files.Where(f => f.UnavailableReason is not null).Select(f => $"{f.Name}: {f.UnavailableReason}").ToList();
        if (coming.Count > 0)
        {
            lines.Insert(0, texts.Format(texts.WillBeAttached, string.Join(", ", coming)));
        }

        return string.Join("\n", lines);
    }

    private FileReference Reference(TeamsActivity activity, GraphMessageLocation? location, string? link, string? id, string? name, string contentUrl) => new(
        name ?? TeamsAttachmentFiles.NameFromUrl(contentUrl),
        null,
        new TeamsFileLocator(TeamsFileLocator.GraphFile, contentUrl, File(activity, location, link, id)).ToJson(),
        Unavailable(activity, location, link));

    private FileReference Image(TeamsActivity activity, GraphMessageLocation? location, string? link, string id, int number) => new(
        "pasted-image-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".png",
        null,
        new TeamsFileLocator(TeamsFileLocator.GraphImage, "", File(activity, location, link, id)).ToJson(),
        location is null ? GraphTexts.For(activity.Locale).WithLink(GraphTexts.For(activity.Locale).NotAddressable, link) : Unavailable(activity, location, link));

    private static GraphFile File(TeamsActivity activity, GraphMessageLocation? location, string? link, string? id) =>
        new(activity.TenantId, Locale(activity), location is null ? null : location with { Link = link ?? location.Link }, id);

    /// <summary>Why no file of this message can come, known before any download: Graph off, or another tenant's conversation.</summary>
    private string? Unavailable(TeamsActivity activity, GraphMessageLocation? location, string? link)
    {
        var texts = GraphTexts.For(activity.Locale);
        return !options.Value.GraphEnabled ? texts.WithLink(texts.Off, link ?? location?.Link)
            : tokens.TokenEndpointFor(activity.TenantId) is null ? texts.WithLink(texts.OtherTenant, link ?? location?.Link)
            : null;
    }

    private static bool IsReference(string? contentType) => string.Equals(contentType, "reference", StringComparison.OrdinalIgnoreCase);

    private static string Locale(TeamsActivity activity) => string.IsNullOrWhiteSpace(activity.Locale) ? TeamsRequester.DefaultLocale : activity.Locale;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Teams message's files could not be listed through Microsoft Graph: {Kind} ({Status})")]
    private static partial void LogNotRead(ILogger logger, GraphFailureKind kind, int status);
}
