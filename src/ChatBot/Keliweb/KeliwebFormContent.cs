using System.Globalization;
using System.Net;

namespace ChatBot.Keliweb;

/// <summary>
/// The <c>multipart/form-data</c> body of one API call; PHP reads it into <c>$_POST</c>. Only fields that have a
/// value are sent. Remembers whether sending the body began: a failure before that is surely "not sent".
/// </summary>
internal sealed class KeliwebFormContent : MultipartFormDataContent
{
    private int bodyStarted;

    public bool BodyStarted => Volatile.Read(ref bodyStarted) == 1;

    public KeliwebFormContent Field(string name, string? value)
    {
        if (value is not null)
        {
            Add(new StringContent(value), name);
        }

        return this;
    }

    public KeliwebFormContent Field(string name, int? value) => Field(name, value?.ToString(CultureInfo.InvariantCulture));

    // PHP reads "0" as false and "1" as true; "true"/"false" would both be true.
    public KeliwebFormContent Field(string name, bool value) => Field(name, value ? "1" : "0");

    public KeliwebFormContent CustomFields(IReadOnlyDictionary<int, string>? values) =>
        values is { Count: > 0 } ? Field("customfields", PhpSerializer.SerializeToBase64(values)) : this;

    public KeliwebFormContent Attachments(IReadOnlyList<AttachmentFile>? files)
    {
        if (files is { Count: > 0 })
        {
            // No file name on the part: PHP must put the field into $_POST, not $_FILES.
            Add(new AttachmentsContent(files), "attachments");
        }

        return this;
    }

    /// <summary>An empty attachments part: the form's length is then exactly everything but the field's value.</summary>
    public KeliwebFormContent EmptyAttachmentsPart()
    {
        Add(new ByteArrayContent([]), "attachments");
        return this;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref bodyStarted, 1);
        return base.SerializeToStreamAsync(stream, context, cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Interlocked.Exchange(ref bodyStarted, 1);
        return base.SerializeToStreamAsync(stream, context);
    }
}
