using System.Text.Json.Nodes;
using ChatBot.Linking;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Views;
using ChatBot.Slack.WebApi;
using ChatBot.Tickets.Services;

namespace ChatBot.Slack.Options;

/// <summary>
/// The ticket modal's service typeahead: <c>block_suggestion</c> for <see cref="TicketModal.ServiceId"/>, answered with
/// the requester's own services matching the typed text. Slack drops an answer later than 3 seconds, so Keliweb gets
/// <see cref="ServiceBudget"/> when nothing is cached, and the answer then says the services cannot be loaded (a
/// choice that submits without one). Reached from the options load URL and, with Socket Mode, from an
/// <c>interactive</c> envelope: the same handler either way.
/// </summary>
public sealed partial class ServiceOptionsHandler(ServiceChoices choices, SlackUserDirectory users, ILogger<ServiceOptionsHandler> logger)
    : ISlackHandler<BlockSuggestionPayload>
{
    public static readonly TimeSpan ServiceBudget = TimeSpan.FromSeconds(2);

    /// <summary>A cached profile answers at once; the modal's opening just looked the user up.</summary>
    public static readonly TimeSpan UserLookupBudget = TimeSpan.FromMilliseconds(300);

    /// <summary>Slack takes at most 100 options.</summary>
    public const int MaxOptions = 100;

    public async Task<SlackAck> HandleAsync(BlockSuggestionPayload payload, CancellationToken cancellationToken)
    {
        var identity = new ChatIdentity(ChatPlatforms.Slack, payload.TeamId, payload.User.Id);
        // Side by side: the two budgets add up to less than Slack's 3 seconds either way, but the user waits for the longer only.
        var looking = choices.ForAsync(identity, ServiceBudget, cancellationToken);
        var requester = await users.RequesterAsync(payload.Workspace, payload.User.Id, UserLookupBudget, cancellationToken);
        var field = await looking;
        var answer = Answer(field, payload.Value, ServiceTexts.For(requester.Locale));
        LogAnswered(logger, payload.TeamId, payload.User.Id, answer["options"]!.AsArray().Count, field?.Services.Known ?? false);
        return SlackAck.Json(answer);
    }

    /// <summary>
    /// The options answer: the services matching <paramref name="query"/>, or the one "cannot be loaded" choice (it
    /// submits as no service) when they are not known, or none for a requester without services (a guest).
    /// </summary>
    public static JsonObject Answer(ServiceField? field, string? query, ServiceTexts texts)
    {
        var options = new JsonArray();
        if (field is { Services.Known: false })
        {
            options.Add((JsonNode)BlockKit.Option(texts.Unavailable, AccountService.NoneValue));
        }
        else if (field is not null)
        {
            foreach (var service in field.Services.Search(query, MaxOptions))
            {
                options.Add((JsonNode)BlockKit.Option(service.Label(texts, BlockKit.MaxOptionTextLength), service.Value));
            }
        }

        return new JsonObject { ["options"] = options };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack service options for team {TeamId} user {UserId}: {Count} (services known: {Known})")]
    private static partial void LogAnswered(ILogger logger, string teamId, string userId, int count, bool known);
}
