namespace ChatBot.Tests.Fuzz;

/// <summary>Mutations of the bytes as sent: truncated anywhere, or an invalid UTF-8 sequence inside a string.</summary>
public static class ByteMutator
{
    private static readonly byte[][] InvalidSequences =
    [
        [0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80, 0x80],
    ];

    public static (byte[] Bytes, string Description) Mutate(byte[] bytes, Random random)
    {
        if (bytes.Length == 0 || random.Next(2) == 0)
        {
            var length = bytes.Length == 0 ? 0 : random.Next(bytes.Length);
            return (bytes[..length], $"truncated to {length} of {bytes.Length} bytes");
        }

        var sequence = InvalidSequences[random.Next(InvalidSequences.Length)];
        // After a quote: inside a string most of the time, where a reader must check the encoding itself.
        var quotes = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'"').ToList();
        var at = quotes.Count > 0 ? quotes[random.Next(quotes.Count)] + 1 : random.Next(bytes.Length + 1);
        var result = new byte[bytes.Length + sequence.Length];
        bytes.AsSpan(0, at).CopyTo(result);
        sequence.CopyTo(result.AsSpan(at));
        bytes.AsSpan(at).CopyTo(result.AsSpan(at + sequence.Length));
        return (result, $"invalid UTF-8 {Convert.ToHexString(sequence)} at byte {at}");
    }
}
