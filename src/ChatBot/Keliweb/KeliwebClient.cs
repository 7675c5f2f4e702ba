using System.Net;
using System.Net.Http.Headers;
using ChatBot.Http;
using ChatBot.Keliweb.Products;
using Microsoft.Extensions.Options;

namespace ChatBot.Keliweb;

/// <summary>
/// Keliweb APIv2 as the pipeline needs it: open-ticket, add-ticket-reply, get-ticket, on behalf of one account.
/// Never retries a request that may have been received (the API has no idempotency key); the one retry it makes is
/// after a 401, which means the request was refused unprocessed. Requests that fail the checks before sending come
/// back as <see cref="KeliwebResult{T}.ApiError"/> (see <see cref="KeliwebRequestForms"/>). Cancelling the token
/// throws <see cref="OperationCanceledException"/>; the caller then treats a started open-ticket as uncertain.
/// </summary>
public sealed class KeliwebClient(
    HttpClient http,
    KeliwebTokenProvider tokens,
    IOptions<KeliwebOptions> options,
    TimeProvider time,
    ILogger<KeliwebClient> logger)
{
    public async Task<KeliwebResult<OpenedTicket>> OpenTicketAsync(string accountId, OpenTicketRequest request, CancellationToken cancellationToken)
    {
        if (KeliwebRequestForms.Problem(request) is { } problem)
        {
            return new KeliwebResult<OpenedTicket>.ApiError(problem);
        }

        var result = await SendAsync(
            accountId, "open-ticket", () => KeliwebRequestForms.Build(request),
            body => body.Int("id") is { } id && body.String("tid") is { } tid && body.String("c") is { } c ? new OpenedTicket(id, tid, c) : null,
            cancellationToken);
        if (result is KeliwebResult<OpenedTicket>.Success { Value: var ticket })
        {
            KeliwebLog.TicketOpened(logger, accountId, ticket.Id, ticket.Tid);
        }

        return result;
    }

    public async Task<KeliwebResult<TicketReplyAdded>> AddTicketReplyAsync(string accountId, AddTicketReplyRequest request, CancellationToken cancellationToken)
    {
        if (KeliwebRequestForms.Problem(request) is { } problem)
        {
            return new KeliwebResult<TicketReplyAdded>.ApiError(problem);
        }

        var result = await SendAsync(
            accountId, "add-ticket-reply", () => KeliwebRequestForms.Build(request), _ => new TicketReplyAdded(request.TicketId), cancellationToken);
        if (result is KeliwebResult<TicketReplyAdded>.Success)
        {
            KeliwebLog.ReplyAdded(logger, accountId, request.TicketId);
        }

        return result;
    }

    /// <summary>By internal id, or else by the public number. The answer names the number <c>tid</c> or <c>ticketnum</c>.</summary>
    public Task<KeliwebResult<KeliwebTicket>> GetTicketAsync(string accountId, int? ticketId, string? ticketNumber, CancellationToken cancellationToken)
    {
        if (ticketId is null && string.IsNullOrWhiteSpace(ticketNumber))
        {
            return Task.FromResult<KeliwebResult<KeliwebTicket>>(
                new KeliwebResult<KeliwebTicket>.ApiError(KeliwebRequestForms.InvalidRequestPrefix + "ticketid or ticketnum is required."));
        }

        return SendAsync(
            accountId, "get-ticket", () => KeliwebRequestForms.BuildGetTicket(ticketId, ticketNumber), ReadTicket, cancellationToken, changesState: false);
    }

    /// <summary>
    /// One page of the account's services (get-clients-products), <paramref name="clientId"/>'s when the link names a
    /// client. A read: nothing changes at Keliweb, so any failure just means "not known now".
    /// </summary>
    public Task<KeliwebResult<ClientProductsPage>> GetClientsProductsAsync(
        string accountId, int? clientId, int limitStart, int limitNum, CancellationToken cancellationToken) =>
        SendAsync(
            accountId, "get-clients-products", () => KeliwebRequestForms.BuildGetClientsProducts(clientId, limitStart, limitNum),
            ClientProductsAnswer.Read, cancellationToken, changesState: false);

    private static KeliwebTicket? ReadTicket(KeliwebResponseBody body) => KeliwebTicketAnswer.Read(body);

    private async Task<KeliwebResult<T>> SendAsync<T>(
        string accountId, string method, Func<KeliwebFormContent> buildForm, Func<KeliwebResponseBody, T?> readSuccess, CancellationToken cancellationToken,
        bool changesState = true)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetAccessTokenAsync(accountId, cancellationToken);
            if (token is not KeliwebResult<KeliwebAccessToken>.Success { Value: var accessToken })
            {
                return Failed(method, accountId, token.AsFailureOf<T>());
            }

            using var form = buildForm();
            // Only ever built from Keliweb:BaseUrl, and redirects are not followed: the bearer goes nowhere else.
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.BaseUrl, "api/v2/keliweb/" + method)) { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken.Value);
            UpstreamAnswer answer;
            try
            {
                answer = await UpstreamAnswerReader.SendAsync(http, request, cancellationToken);
            }
            catch (AnswerTooLargeException exception)
            {
                return Failed<T>(method, accountId, form.BodyStarted
                    ? new KeliwebResult<T>.Uncertain($"Keliweb's answer is larger than {exception.MaxBytes} bytes and was not read; the request may have been processed.")
                    : new KeliwebResult<T>.NotSent($"Keliweb answered with more than {exception.MaxBytes} bytes before the request was sent.", null));
            }
            catch (HttpRequestException exception)
            {
                return Failed(method, accountId, NotAnswered<T>(exception.HttpRequestError.ToString(), exception.HttpRequestError, form.BodyStarted));
            }
            catch (IOException exception)
            {
                // The answer broke off while being read (HttpIOException); the request itself went out.
                return Failed(method, accountId, NotAnswered<T>(exception.GetType().Name, HttpRequestError.ResponseEnded, form.BodyStarted));
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed<T>(method, accountId, form.BodyStarted
                    ? new KeliwebResult<T>.Uncertain($"Keliweb did not answer within {options.Value.Timeout}; the request may have been processed.")
                    : new KeliwebResult<T>.NotSent($"Keliweb was not reached within {options.Value.Timeout}.", null));
            }

            if (answer.StatusCode != HttpStatusCode.Unauthorized)
            {
                var result = KeliwebResponse.Classify(answer, time, readSuccess, changesState);
                return result is KeliwebResult<T>.Success ? result : Failed(method, accountId, result);
            }

            if (attempt > 1)
            {
                return Failed(method, accountId, new KeliwebResult<T>.ApiError(
                    "Keliweb refused a freshly renewed access token (HTTP 401 twice); the request was not processed."));
            }

            KeliwebLog.AccessTokenRejected(logger, method, accountId);
            tokens.Invalidate(accountId, accessToken);
        }
    }

    /// <summary>A transport failure: surely not sent if the connection never came up or the body never started.</summary>
    private static KeliwebResult<T> NotAnswered<T>(string what, HttpRequestError error, bool bodyStarted) =>
        error is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError || !bodyStarted
            ? new KeliwebResult<T>.NotSent($"Keliweb was not reached ({what}).", null)
            : new KeliwebResult<T>.Uncertain($"The connection failed after the request was sent ({what}); the request may have been processed.");

    private KeliwebResult<T> Failed<T>(string method, string accountId, KeliwebResult<T> result)
    {
        var reason = result switch
        {
            KeliwebResult<T>.ApiError error => error.Message,
            KeliwebResult<T>.NotSent notSent => notSent.Reason,
            KeliwebResult<T>.Uncertain uncertain => uncertain.Reason,
            KeliwebResult<T>.NeedsLogin needsLogin => needsLogin.Reason,
            _ => string.Empty,
        };
        KeliwebLog.CallFailed(logger, method, accountId, result.GetType().Name, reason);
        return result;
    }
}
