using System.Text;
using System.Text.Json;

namespace ChatBot.Keliweb;

/// <summary>
/// Sizes of the <c>attachments</c> field: base64 of the JSON array of <c>{"name","data"}</c> where data is base64 of
/// the bytes (about 1.78x the files), so the pipeline can fit files into <see cref="KeliwebOptions.MaxRequestBytes"/>.
/// </summary>
public static class AttachmentEncoding
{
    // The JSON framing written by AttachmentsContent; its lengths must match byte for byte.
    internal static ReadOnlySpan<byte> ArrayStart => "["u8;

    internal static ReadOnlySpan<byte> ArrayEnd => "]"u8;

    internal static ReadOnlySpan<byte> Separator => ","u8;

    internal static ReadOnlySpan<byte> NameStart => "{\"name\":"u8;

    internal static ReadOnlySpan<byte> DataStart => ",\"data\":\""u8;

    internal static ReadOnlySpan<byte> ItemEnd => "\"}"u8;

    // Covers every other field: ids, name, email, priority, markdown, customfields (a few fields of a few hundred bytes),
    // each with its multipart boundary and part headers (about 150 bytes), plus the attachments part's own headers.
    private const long OtherFieldsAllowance = 16 * 1024;

    /// <summary>Exact length in bytes of the encoded attachments field for files with these names and sizes.</summary>
    public static long EncodedLength(IEnumerable<(string Name, long Length)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Base64Length(JsonLength(files));
    }

    /// <summary>Bytes a request needs besides attachments (fields, multipart framing), generously rounded up.</summary>
    public static long RequestOverhead(string subject, string message)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(message);
        return Encoding.UTF8.GetByteCount(subject) + Encoding.UTF8.GetByteCount(message) + OtherFieldsAllowance;
    }

    /// <summary>
    /// Exact bytes of this open-ticket request besides the attachments field's value: every other field, the
    /// multipart framing and the attachments part's own headers. Plus <see cref="EncodedLength"/> it is the body size.
    /// </summary>
    public static long RequestOverhead(OpenTicketRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var form = KeliwebRequestForms.Build(request with { Attachments = null }).EmptyAttachmentsPart();
        return form.Headers.ContentLength ?? throw new InvalidOperationException("A Keliweb form always knows its length.");
    }

    /// <summary>The same for add-ticket-reply, which carries the files that did not fit into the ticket.</summary>
    public static long RequestOverhead(AddTicketReplyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var form = KeliwebRequestForms.Build(request with { Attachments = null }).EmptyAttachmentsPart();
        return form.Headers.ContentLength ?? throw new InvalidOperationException("A Keliweb form always knows its length.");
    }

    /// <summary>The attachment name as a JSON string literal, quotes included (non-ASCII escaped as \uXXXX).</summary>
    internal static byte[] QuotedName(string name)
    {
        var encoded = JsonEncodedText.Encode(name).EncodedUtf8Bytes;
        var quoted = new byte[encoded.Length + 2];
        quoted[0] = (byte)'"';
        encoded.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        return quoted;
    }

    internal static long Base64Length(long length) => (length + 2) / 3 * 4;

    private static long JsonLength(IEnumerable<(string Name, long Length)> files)
    {
        long length = ArrayStart.Length + ArrayEnd.Length;
        var count = 0;
        foreach (var (name, fileLength) in files)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(fileLength);
            length += NameStart.Length + QuotedName(name).Length + DataStart.Length + Base64Length(fileLength) + ItemEnd.Length;
            count++;
        }

        return length + (count > 1 ? (count - 1) * Separator.Length : 0);
    }
}
