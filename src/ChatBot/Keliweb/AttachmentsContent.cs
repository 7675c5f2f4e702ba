using System.Buffers;
using System.Buffers.Text;
using System.Net;

namespace ChatBot.Keliweb;

/// <summary>
/// The <c>attachments</c> field value, streamed from the files on disk: base64 of
/// <c>[{"name":"…","data":"&lt;base64 of the file&gt;"},…]</c>. Memory stays at a few buffers whatever the file sizes,
/// and the length is known up front so the request carries a Content-Length (PHP does not take chunked bodies).
/// </summary>
internal sealed class AttachmentsContent : HttpContent
{
    // A multiple of 3, so each chunk's inner base64 has no padding and the chunks concatenate into one valid base64.
    private const int FileChunkBytes = 3 * 16 * 1024;

    private readonly IReadOnlyList<AttachmentFile> files;
    private readonly long[] lengths;

    /// <summary>Reads the file sizes now: they fix the Content-Length, so a file that changes later fails the send.</summary>
    public AttachmentsContent(IReadOnlyList<AttachmentFile> files)
    {
        this.files = files;
        lengths = files.Select(file => new FileInfo(file.Path).Length).ToArray();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = AttachmentEncoding.EncodedLength(files.Select((file, i) => (file.Name, lengths[i])));
        return true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var outer = new Base64StreamWriter(stream);
        var fileChunk = ArrayPool<byte>.Shared.Rent(FileChunkBytes);
        var innerChunk = ArrayPool<byte>.Shared.Rent(FileChunkBytes / 3 * 4);
        try
        {
            await outer.WriteAsync(AttachmentEncoding.ArrayStart.ToArray(), cancellationToken);
            for (var i = 0; i < files.Count; i++)
            {
                if (i > 0)
                {
                    await outer.WriteAsync(AttachmentEncoding.Separator.ToArray(), cancellationToken);
                }

                await outer.WriteAsync(AttachmentEncoding.NameStart.ToArray(), cancellationToken);
                await outer.WriteAsync(AttachmentEncoding.QuotedName(files[i].Name), cancellationToken);
                await outer.WriteAsync(AttachmentEncoding.DataStart.ToArray(), cancellationToken);
                await WriteFileAsync(outer, files[i].Path, lengths[i], fileChunk, innerChunk, cancellationToken);
                await outer.WriteAsync(AttachmentEncoding.ItemEnd.ToArray(), cancellationToken);
            }

            await outer.WriteAsync(AttachmentEncoding.ArrayEnd.ToArray(), cancellationToken);
            await outer.CompleteAsync(cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(fileChunk);
            ArrayPool<byte>.Shared.Return(innerChunk);
            outer.Dispose();
        }
    }

    private static async Task WriteFileAsync(
        Base64StreamWriter outer, string path, long expectedLength, byte[] fileChunk, byte[] innerChunk, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        long written = 0;
        while (true)
        {
            // ReadAtLeast fills whole chunks so only the file's last chunk can need padding.
            var read = await file.ReadAtLeastAsync(fileChunk.AsMemory(0, FileChunkBytes), FileChunkBytes, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                break;
            }

            written += read;
            if (written > expectedLength)
            {
                break;
            }

            Base64.EncodeToUtf8(fileChunk.AsSpan(0, read), innerChunk, out _, out var encoded);
            await outer.WriteAsync(innerChunk.AsMemory(0, encoded), cancellationToken);
        }

        // The Content-Length is already on the wire: a file that changed size cannot be sent correctly.
        if (written != expectedLength)
        {
            throw new IOException($"Attachment '{Path.GetFileName(path)}' changed size while being sent.");
        }
    }
}
