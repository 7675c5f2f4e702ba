namespace ChatBot.Keliweb;

/// <summary>
/// Sizes of the <c>attachments</c> field: base64 of the JSON array of <c>{"name","data"}</c> where data is base64 of
/// the bytes (about 1.78x the files), so the pipeline can fit files into <see cref="KeliwebOptions.MaxRequestBytes"/>.
/// </summary>
public static class AttachmentEncoding
{
    /// <summary>Exact length in bytes of the encoded attachments field for files with these names and sizes.</summary>
    public static long EncodedLength(IEnumerable<(string Name, long Length)> files) => throw new NotImplementedException();

    /// <summary>Bytes a request needs besides attachments (fields, multipart framing), generously rounded up.</summary>
    public static long RequestOverhead(string subject, string message) => throw new NotImplementedException();
}
