using System.Buffers;
using ChatBot.Slack.Verification;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Endpoints;

/// <summary>
/// Reads the raw body once, size-capped, and verifies its signature before anything parses it.
/// </summary>
public sealed partial class SlackRequestReader(SlackSignatureVerifier verifier, IOptionsMonitor<SlackOptions> options, ILogger<SlackRequestReader> logger)
{
    public async Task<SlackRequest> ReadAsync(HttpContext context)
    {
        var max = options.CurrentValue.MaxRequestBodyBytes;
        var request = context.Request;
        if (request.ContentLength > max)
        {
            return SlackRequest.Rejected(Results.StatusCode(StatusCodes.Status413PayloadTooLarge), ReadOnlyMemory<byte>.Empty);
        }

        ReadOnlyMemory<byte>? body;
        try
        {
            body = request.ContentLength is { } length
                ? await ReadExactAsync(context, (int)length)
                : await ReadCappedAsync(request.Body, max, context.RequestAborted);
        }
        catch (EndOfStreamException)
        {
            return SlackRequest.Rejected(Results.BadRequest(), ReadOnlyMemory<byte>.Empty);
        }

        if (body is null)
        {
            return SlackRequest.Rejected(Results.StatusCode(StatusCodes.Status413PayloadTooLarge), ReadOnlyMemory<byte>.Empty);
        }

        var check = verifier.Verify(
            request.Headers[SlackSignatureVerifier.TimestampHeader], request.Headers[SlackSignatureVerifier.SignatureHeader], body.Value.Span);
        if (check != SignatureCheck.Valid)
        {
            LogRejected(logger, request.Path, check);
            return SlackRequest.Rejected(Results.StatusCode(StatusCodes.Status401Unauthorized), body.Value);
        }

        if (request.Headers.TryGetValue("X-Slack-Retry-Num", out var retry))
        {
            LogRetry(logger, request.Path, retry.ToString(), request.Headers["X-Slack-Retry-Reason"].ToString());
        }

        return new SlackRequest(body.Value, null);
    }

    /// <summary>
    /// A body whose length was declared (and checked) goes into a pooled buffer, handed back when the response is done:
    /// endpoints and handlers turn it into their own objects (strings, payload records) and never keep the bytes.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadExactAsync(HttpContext context, int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        context.Response.RegisterForDispose(new PooledBuffer(buffer));
        // Kestrel stops the stream at Content-Length (and fails the read itself when the client sends less).
        await context.Request.Body.ReadExactlyAsync(buffer.AsMemory(0, length), context.RequestAborted);
        return buffer.AsMemory(0, length);
    }

    private sealed class PooledBuffer(byte[] buffer) : IDisposable
    {
        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Null when the body is longer than <paramref name="max"/> (a missing or lying Content-Length).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(Stream body, int max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} refused: {Check}")]
    private static partial void LogRejected(ILogger logger, string path, SignatureCheck check);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack retry {RetryNum} ({Reason}) to {Path}")]
    private static partial void LogRetry(ILogger logger, string path, string retryNum, string reason);
}

/// <summary>A verified body, or the answer that refuses the request.</summary>
public sealed record SlackRequest(ReadOnlyMemory<byte> Body, IResult? Rejection)
{
    public static SlackRequest Rejected(IResult rejection, ReadOnlyMemory<byte> body) => new(body, rejection);
}
