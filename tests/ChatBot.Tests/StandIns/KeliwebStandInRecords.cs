using System.Text.Json.Serialization;

namespace ChatBot.Tests.StandIns;

/// <summary>An attachment as the stand-in decoded it: the name it got, and the size and SHA-256 of the decoded bytes.</summary>
public sealed record StandInAttachment(string Name, long Size, string Sha256);

/// <summary>
/// A ticket as the stand-in recorded it, field by field as PHP read it from <c>$_POST</c>. <see cref="Markdown"/> is
/// PHP's truthiness of the raw value; <see cref="CustomFields"/> is what <c>unserialize</c> returned (null with
/// <see cref="CustomFieldsError"/> when it failed, null without when not sent). <see cref="TokenOwner"/> is the login
/// email of the account whose access token opened it.
/// </summary>
public sealed record StandInTicket(
    int Id,
    string Tid,
    string C,
    int DeptId,
    string Subject,
    string Message,
    int? ClientId,
    int? ContactId,
    string? Name,
    string? Email,
    int? ServiceId,
    int? DomainId,
    string? Priority,
    string EffectivePriority,
    bool? Markdown,
    string? MarkdownRaw,
    IReadOnlyDictionary<int, string>? CustomFields,
    bool CustomFieldsError,
    IReadOnlyList<StandInAttachment> Attachments,
    bool AttachmentsError,
    string BearerToken,
    long ContentLength,
    IReadOnlyList<string> PostedFields,
    string? TokenOwner = null);

/// <summary>A reply recorded by add-ticket-reply.</summary>
public sealed record StandInReply(
    int Id,
    int TicketId,
    string Message,
    bool? Markdown,
    int? ClientId,
    int? ContactId,
    string? Name,
    string? Email,
    IReadOnlyDictionary<int, string>? CustomFields,
    bool CustomFieldsError,
    IReadOnlyList<StandInAttachment> Attachments,
    bool AttachmentsError,
    string BearerToken,
    long ContentLength);

/// <summary>One call of <c>oauth/token</c>; tokens are set when <see cref="Granted"/>.</summary>
public sealed record StandInTokenRequest(string GrantType, string? Username, bool Granted, string? Error, string? AccessToken, string? RefreshToken);

/// <summary>
/// What the next call(s) of a method do instead of (or besides) the normal work: optionally do the real work first
/// (<see cref="ProcessFirst"/>), wait <see cref="DelaySeconds"/>, then drop the connection (<see cref="Close"/>) or
/// answer <see cref="Status"/>/<see cref="Body"/>/<see cref="Headers"/> (the normal answer when Status is null).
/// </summary>
public sealed record StandInFault(
    [property: JsonPropertyName("status")] int? Status = null,
    [property: JsonPropertyName("body")] string? Body = null,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string>? Headers = null,
    [property: JsonPropertyName("process_first")] bool ProcessFirst = false,
    [property: JsonPropertyName("delay_seconds")] double DelaySeconds = 0,
    [property: JsonPropertyName("close")] bool Close = false,
    [property: JsonPropertyName("flood_bytes")] long FloodBytes = 0,
    [property: JsonPropertyName("flood_chunk_delay_ms")] int FloodChunkDelayMs = 0,
    [property: JsonPropertyName("body_base64"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BodyBase64 = null)
{
    /// <summary>An answer of raw bytes (which need not be UTF-8) with the given status and headers.</summary>
    public static StandInFault Bytes(int status, byte[] body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, Headers: headers, BodyBase64: Convert.ToBase64String(body));

    /// <summary>A plain HTTP answer, e.g. <c>Http(503, headers: new() { ["Retry-After"] = "7" })</c>.</summary>
    public static StandInFault Http(int status, string body = "", Dictionary<string, string>? headers = null) => new(status, body, headers);

    /// <summary>WHMCS's refusal: HTTP 200 with <c>{"result":"error","message":…}</c>, nothing created.</summary>
    public static StandInFault WhmcsError(string message) =>
        new(200, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["result"] = "error", ["message"] = message }));

    /// <summary>A proxy's HTML error page (nginx style) with the given status, e.g. 502.</summary>
    public static StandInFault HtmlPage(int status) =>
        new(status, $"<html><head><title>{status} Bad Gateway</title></head><body><center><h1>{status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
            new Dictionary<string, string> { ["Content-Type"] = "text/html" });

    /// <summary>Do the real work (the ticket exists), then answer normally only after a delay: for client timeouts.</summary>
    public static StandInFault ProcessThenDelay(double seconds) => new(ProcessFirst: true, DelaySeconds: seconds);

    /// <summary>
    /// Answer 200 with a chunked body of <paramref name="bytes"/> bytes (1 MB chunks, <paramref name="chunkDelayMs"/>
    /// apart), after doing the work or not: an answer no client should read whole.
    /// </summary>
    public static StandInFault Flood(long bytes, int chunkDelayMs = 0, bool processFirst = true) =>
        new(ProcessFirst: processFirst, FloodBytes: bytes, FloodChunkDelayMs: chunkDelayMs);

    /// <summary>Drop the connection without answering, after doing the work or not. Each use ends one PHP worker for good.</summary>
    public static StandInFault CloseConnection(bool processFirst) => new(ProcessFirst: processFirst, Close: true);
}
