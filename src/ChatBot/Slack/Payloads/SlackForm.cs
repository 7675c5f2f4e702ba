using System.Text;

namespace ChatBot.Slack.Payloads;

/// <summary>
/// Slack's <c>application/x-www-form-urlencoded</c> bodies, decoded straight from the verified bytes. An interaction
/// is one field, <c>payload</c>, holding percent-encoded JSON: decoding it to UTF-8 bytes lets the JSON reader take
/// it as is, where a general form reader builds a UTF-16 string of it one escaped character at a time (a seventh of
/// a submission's CPU time under load, measured). Decoding follows the WHATWG URL standard: <c>+</c> is a space,
/// <c>%XX</c> is a byte, and a <c>%</c> not followed by two hex digits is kept as it is.
/// </summary>
public static class SlackForm
{
    /// <summary>The first value of field <paramref name="name"/>, still encoded (<see cref="Decode"/> it); false when the field is absent.</summary>
    public static bool TryFind(ReadOnlySpan<byte> body, string name, out ReadOnlySpan<byte> encodedValue)
    {
        foreach (var (key, value) in Pairs(body))
        {
            if (KeyEquals(key, name))
            {
                encodedValue = value;
                return true;
            }
        }

        encodedValue = default;
        return false;
    }

    /// <summary>Every field, decoded as UTF-8; the first value wins when a name repeats.</summary>
    public static Dictionary<string, string> ReadAll(ReadOnlySpan<byte> body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Pairs(body))
        {
            fields.TryAdd(DecodeString(key), DecodeString(value));
        }

        return fields;
    }

    /// <summary>Percent-decodes <paramref name="encoded"/> into <paramref name="destination"/> (at least as long); returns the decoded length.</summary>
    public static int Decode(ReadOnlySpan<byte> encoded, Span<byte> destination)
    {
        var written = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'+')
            {
                b = (byte)' ';
            }
            else if (b == (byte)'%' && i + 2 < encoded.Length && IsHexPair(encoded[i + 1], encoded[i + 2]))
            {
                b = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }

            destination[written++] = b;
        }

        return written;
    }

    private static string DecodeString(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            return Encoding.UTF8.GetString(encoded);
        }

        var buffer = encoded.Length <= 256 ? stackalloc byte[encoded.Length] : new byte[encoded.Length];
        return Encoding.UTF8.GetString(buffer[..Decode(encoded, buffer)]);
    }

    private static bool KeyEquals(ReadOnlySpan<byte> encodedKey, string name)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (encodedKey.Length > buffer.Length)
        {
            return false;
        }

        var key = buffer[..Decode(encodedKey, buffer)];
        if (key.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != name[i])
            {
                return false;
            }
        }

        return true;
    }

    private static PairEnumerator Pairs(ReadOnlySpan<byte> body) => new(body);

    private static bool IsHexPair(byte high, byte low) => char.IsAsciiHexDigit((char)high) && char.IsAsciiHexDigit((char)low);

    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        _ => digit - 'A' + 10,
    };

    /// <summary>The <c>name=value</c> pairs between <c>&amp;</c>s, still encoded; empty segments are skipped.</summary>
    private ref struct PairEnumerator(ReadOnlySpan<byte> body)
    {
        private ReadOnlySpan<byte> _rest = body;

        public FormPair Current { get; private set; }

        public readonly PairEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (!_rest.IsEmpty)
            {
                var end = _rest.IndexOf((byte)'&');
                var segment = end < 0 ? _rest : _rest[..end];
                _rest = end < 0 ? [] : _rest[(end + 1)..];
                if (segment.IsEmpty)
                {
                    continue;
                }

                var equals = segment.IndexOf((byte)'=');
                Current = equals < 0 ? new FormPair(segment, []) : new FormPair(segment[..equals], segment[(equals + 1)..]);
                return true;
            }

            return false;
        }
    }

    /// <summary>One field, still encoded.</summary>
    private readonly ref struct FormPair(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        private readonly ReadOnlySpan<byte> _key = key;
        private readonly ReadOnlySpan<byte> _value = value;

        public void Deconstruct(out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
        {
            key = _key;
            value = _value;
        }
    }
}
