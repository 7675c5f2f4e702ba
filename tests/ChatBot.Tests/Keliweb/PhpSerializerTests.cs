using System.Diagnostics;
using System.Text.Json;
using ChatBot.Keliweb;

namespace ChatBot.Tests.Keliweb;

public sealed class PhpSerializerTests
{
    [Fact]
    public void Serialize_AccentedValue_CountsUtf8Bytes()
    {
        var serialized = PhpSerializer.Serialize(new Dictionary<int, string> { [12] = "ok", [3] = "città" });

        Assert.Equal("a:2:{i:3;s:6:\"città\";i:12;s:2:\"ok\";}", serialized);
    }

    [Fact]
    public void SerializeToBase64_DocumentedExample_MatchesPhp()
    {
        Assert.Equal(
            "YToyOntpOjM7czo2OiJjaXR0w6AiO2k6MTI7czoyOiJvayI7fQ==",
            PhpSerializer.SerializeToBase64(new Dictionary<int, string> { [3] = "città", [12] = "ok" }));
        Assert.Equal("YToxOntpOjE7czo2OiJHb29nbGUiO30=", PhpSerializer.SerializeToBase64(new Dictionary<int, string> { [1] = "Google" }));
    }

    [Fact]
    public void Serialize_NoValues_IsEmptyArray()
    {
        Assert.Equal("a:0:{}", PhpSerializer.Serialize(new Dictionary<int, string>()));
    }

    [Fact]
    public async Task SerializeToBase64_AwkwardValues_PhpUnserializesThemUnchanged()
    {
        var values = new Dictionary<int, string>
        {
            [0] = string.Empty,
            [3] = "città; perché \"sì\" {a:1:}",
            [12] = "riga 1\nriga 2\r\n\ttab",
            [99] = "emoji 😀 € ñ",
            [-5] = "negative key",
            [2_000_000] = new string('x', 10_000),
        };

        var decoded = await UnserializeWithPhpAsync(PhpSerializer.SerializeToBase64(values));

        Assert.Equal(values.OrderBy(p => p.Key), decoded.OrderBy(p => p.Key));
    }

    /// <summary>Real PHP: <c>unserialize(base64_decode(..), ['allowed_classes' =&gt; false])</c>, as WHMCS does.</summary>
    private static async Task<Dictionary<int, string>> UnserializeWithPhpAsync(string base64)
    {
        var start = new ProcessStartInfo("php") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-r");
        start.ArgumentList.Add(
            "$v = unserialize(base64_decode(stream_get_contents(STDIN)), ['allowed_classes' => false]);" +
            "$o = []; foreach ($v as $k => $s) { $o[] = [$k, $s]; } echo json_encode($o);");
        using var php = Process.Start(start)!;
        await php.StandardInput.WriteAsync(base64);
        php.StandardInput.Close();
        var output = await php.StandardOutput.ReadToEndAsync();
        await php.WaitForExitAsync();
        Assert.True(php.ExitCode == 0, await php.StandardError.ReadToEndAsync());
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateArray().ToDictionary(pair => pair[0].GetInt32(), pair => pair[1].GetString()!);
    }
}
