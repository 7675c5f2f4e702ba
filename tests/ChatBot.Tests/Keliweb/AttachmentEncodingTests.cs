using System.Text;
using System.Text.Json;
using ChatBot.Keliweb;

namespace ChatBot.Tests.Keliweb;

public sealed class AttachmentEncodingTests : IDisposable
{
    private readonly TemporaryFiles files = new();

    public static TheoryData<int[]> FileSizes => new()
    {
        new[] { 0 },
        new[] { 1 },
        new[] { 2 },
        new[] { 3 },
        new[] { 0, 1, 2, 3 },
        new[] { 4, 5, 6, 7 },
        new[] { 49_151, 49_152, 49_153 },
        new[] { 150_001, 2, 98_305 },
    };

    public void Dispose() => files.Dispose();

    [Theory]
    [MemberData(nameof(FileSizes))]
    public async Task EncodedLength_RandomFiles_EqualsBytesWrittenAndDecodesToTheFiles(int[] sizes)
    {
        string[] names = ["fattura_città_€.pdf", "plain.txt", "emoji 😀 \"quoted\" \\ back.png", "<tag>&amp.jpg"];
        var random = new Random(sizes.Sum());
        var contents = sizes.Select(size => { var bytes = new byte[size]; random.NextBytes(bytes); return bytes; }).ToArray();
        var attachments = contents.Select((bytes, i) => new AttachmentFile(names[i % names.Length], files.Write(names[i % names.Length], bytes))).ToList();
        using var content = new AttachmentsContent(attachments);

        using var written = new MemoryStream();
        await content.CopyToAsync(written);

        var expected = AttachmentEncoding.EncodedLength(attachments.Select((a, i) => (a.Name, (long)contents[i].Length)));
        Assert.Equal(expected, written.Length);
        Assert.Equal(expected, content.Headers.ContentLength);
        using var json = JsonDocument.Parse(Convert.FromBase64String(Encoding.ASCII.GetString(written.ToArray())));
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(attachments.Count, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(attachments[i].Name, items[i].GetProperty("name").GetString());
            Assert.Equal(contents[i], Convert.FromBase64String(items[i].GetProperty("data").GetString()!));
        }
    }

    [Fact]
    public void EncodedLength_DocumentedExample_MatchesPhpEncoding()
    {
        // base64_encode(json_encode([['name' => 'sample_text_file.txt', 'data' => base64_encode('This is a sample text file contents')]]))
        var php = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            "[{\"name\":\"sample_text_file.txt\",\"data\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes("This is a sample text file contents")) + "\"}]"));

        Assert.Equal(php.Length, AttachmentEncoding.EncodedLength([("sample_text_file.txt", 35)]));
    }

    [Fact]
    public void EncodedLength_NoFiles_IsAnEmptyJsonArray()
    {
        Assert.Equal(Convert.ToBase64String("[]"u8.ToArray()).Length, AttachmentEncoding.EncodedLength([]));
    }

    [Fact]
    public void EncodedLength_LargeFile_IsAbout178PercentOfIt()
    {
        var ratio = AttachmentEncoding.EncodedLength([("big.pdf", 10_000_000)]) / 10_000_000.0;

        Assert.InRange(ratio, 1.77, 1.79);
    }

    [Fact]
    public async Task RequestOverhead_FullTicket_CoversEverythingButTheAttachments()
    {
        var subject = "Fattura non ricevuta — città di Forlì";
        var message = string.Concat(Enumerable.Repeat("Buongiorno, la fattura di novembre non è arrivata. ", 200));
        var attachment = new AttachmentFile("fattura_città_€.pdf", files.Write("x.pdf", new byte[1000]));
        var request = new OpenTicketRequest(
            DeptId: 2, Subject: subject, Message: message, ClientId: 123456, ContactId: 654321, ServiceId: 99999, Priority: "Medium",
            CustomFields: new Dictionary<int, string> { [3] = "Forlì-Cesena", [12] = "esempio-città.it", [15] = new string('n', 200) },
            Attachments: [attachment]);
        using var form = KeliwebRequestForms.Build(request);

        var total = form.Headers.ContentLength;

        Assert.NotNull(total);
        var attachments = AttachmentEncoding.EncodedLength([(attachment.Name, 1000)]);
        Assert.True(total <= attachments + AttachmentEncoding.RequestOverhead(subject, message), $"request {total} bytes");
        using var written = new MemoryStream();
        await form.CopyToAsync(written);
        Assert.Equal(total, written.Length);
    }

    [Fact]
    public async Task RequestOverheadOfRequest_PlusEncodedLength_IsExactlyTheBodySent()
    {
        var sizes = new[] { 0, 5, 70_000 };
        var attachments = sizes.Select((size, i) => new AttachmentFile($"allegato_{i}_è.pdf", files.Write("f.pdf", new byte[size]))).ToList();
        var request = KeliwebTestHost.ClientTicket() with
        {
            Priority = "Low",
            CustomFields = new Dictionary<int, string> { [3] = "città", [12] = new string('x', 40_000) },
            Attachments = attachments,
        };
        using var form = KeliwebRequestForms.Build(request);
        using var written = new MemoryStream();

        await form.CopyToAsync(written);

        var predicted = AttachmentEncoding.RequestOverhead(request) + AttachmentEncoding.EncodedLength(attachments.Select((a, i) => (a.Name, (long)sizes[i])));
        Assert.Equal(written.Length, predicted);
    }

    [Fact]
    public async Task RequestOverheadOfReply_PlusEncodedLength_IsExactlyTheBodySent()
    {
        var attachment = new AttachmentFile("resto.txt", files.Write("r.txt", new byte[12_345]));
        var request = new AddTicketReplyRequest(TicketId: 7, Message: "I file che non entravano", ClientId: 42, Attachments: [attachment]);
        using var form = KeliwebRequestForms.Build(request);
        using var written = new MemoryStream();

        await form.CopyToAsync(written);

        Assert.Equal(written.Length, AttachmentEncoding.RequestOverhead(request) + AttachmentEncoding.EncodedLength([(attachment.Name, 12_345)]));
    }
}
