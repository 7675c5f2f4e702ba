using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using ChatBot.ChatCommands;
using ChatBot.Sync;
using ChatBot.Teams.Handlers;
using ChatBot.Tests.Deploy;

namespace ChatBot.Tests.Teams.Manifest;

/// <summary>manifests/teams: schema-valid offline (tests/js/check-teams-manifest.js), consistent with the bot, icons of the right size.</summary>
public sealed class TeamsManifestTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "manifests", "teams");

    [Fact]
    public async Task Manifest_IsValidAgainstTheBundledTeamsSchema()
    {
        var errors = await ValidateAsync(Path.Combine(Folder, "manifest.json"));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task BrokenManifest_IsReported_SoTheCheckCanFail()
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "manifest.json")))!;
        manifest["accentColor"] = "blue";
        manifest["bots"]![0]!["scopes"] = new JsonArray("everyone");
        var file = Path.Combine(Directory.CreateTempSubdirectory("manifest-").FullName, "manifest.json");
        await File.WriteAllTextAsync(file, manifest.ToJsonString());

        var errors = await ValidateAsync(file);

        Assert.Contains(errors, e => e.StartsWith("/accentColor", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/bots/0/scopes/0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Manifest_DeclaresWhatTheBotHandles()
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "manifest.json")))!;

        Assert.StartsWith("https://developer.microsoft.com/en-us/json-schemas/teams/v1.", manifest["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
        var bot = manifest["bots"]![0]!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(bot["supportsFiles"]!.GetValue<bool>());
        var titles = bot["commandLists"]![0]!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()).ToList();
        Assert.Contains(TicketCommand.Name, titles);
        // Every chat command the bot registers is in the list Teams offers (and nothing the bot would not understand).
        // Names are constants of each command type: read them without building the services the commands need.
        var registered = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddChatCommands()
            .AddSync(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .Where(d => d.ServiceType == typeof(ChatBot.ChatCommands.IChatCommand))
            .Select(d => ((ChatBot.ChatCommands.IChatCommand)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(d.ImplementationType!)).NameOn(ChatBot.Linking.ChatPlatforms.Teams));
        Assert.Equal(registered.Append(TicketCommand.Name).Order(), titles.Order());
        var command = manifest["composeExtensions"]![0]!["commands"]![0]!;
        Assert.Equal(MessageActionDraft.CommandId, command["id"]!.GetValue<string>());
        Assert.Equal("action", command["type"]!.GetValue<string>());
        Assert.Equal(["message"], command["context"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(command["fetchTask"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Manifest_AsksForTheGraphPermissionsTheBotUses_ForItsOwnApp()
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "manifest.json")))!;

        // Resource-specific consent: read the messages (and their pasted images) of the teams and chats the app is in.
        Assert.Equal(manifest["bots"]![0]!["botId"]!.GetValue<string>(), manifest["webApplicationInfo"]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(manifest["webApplicationInfo"]!["resource"]!.GetValue<string>()));
        var rsc = manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray()
            .Select(p => (p!["name"]!.GetValue<string>(), p["type"]!.GetValue<string>())).Order().ToList();
        Assert.Equal([("ChannelMessage.Read.Group", "Application"), ("ChatMessage.Read.Chat", "Application")], rsc);
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icon_HasTheSizeTeamsRequires(string name, int size)
    {
        var png = File.ReadAllBytes(Path.Combine(Folder, name));

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void OutlineIcon_IsAWhiteGlyphOnTransparency()
    {
        var png = File.ReadAllBytes(Path.Combine(Folder, "outline.png"));
        Assert.Equal(6, png[25]); // colour type 6: RGBA, so it can be transparent

        var pixels = RgbaRows(png, 32);
        Assert.Equal(0, pixels[0][3]); // corner: transparent background
        Assert.All(pixels.SelectMany(row => row.Chunk(4)).Where(p => p[3] != 0), p => Assert.Equal([255, 255, 255, 255], p));
        Assert.Contains(pixels.SelectMany(row => row.Chunk(4)), p => p[3] == 255);
    }

    [Fact]
    public async Task PackageScript_ZipsManifestAndIcons_WithTheAppIdAndThePublicUrl_AndStaysValid()
    {
        var zip = Path.Combine(Directory.CreateTempSubdirectory("teams-package-").FullName, "app.zip");
        const string appId = "11111111-2222-3333-4444-555555555555";

        var (exit, output, error) = await ExternalTool.RunAsync(
            "sh", [Path.Combine(Folder, "package.sh"), "--privacy-url", "https://acme.example/privacy", appId, "https://bot.acme.example/teams", zip]);

        Assert.True(exit == 0, output + error);
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());
        using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
        var text = await reader.ReadToEndAsync();
        var manifest = JsonNode.Parse(text)!;
        Assert.Equal(appId, manifest["id"]!.GetValue<string>());
        Assert.Equal(appId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(appId, manifest["webApplicationInfo"]!["id"]!.GetValue<string>());
        Assert.Equal(["bot.acme.example"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("https://bot.acme.example/teams/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
        Assert.Equal("https://acme.example/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.DoesNotContain("chatbot.example.com", text, StringComparison.Ordinal);
        var unpacked = Path.Combine(Path.GetDirectoryName(zip)!, "manifest.json");
        await File.WriteAllTextAsync(unpacked, text);
        Assert.Empty(await ValidateAsync(unpacked));
    }

    [Fact]
    public async Task PackageScript_WithARelativeOutputPath_WritesItInTheCurrentFolder()
    {
        var folder = Directory.CreateTempSubdirectory("teams-relative-").FullName;

        var (exit, output, error) = await ExternalTool.RunAsync(
            "sh", [Path.Combine(Folder, "package.sh"), "11111111-2222-3333-4444-555555555555", "https://bot.acme.example/", "out/app.zip"],
            workingDirectory: folder);
        Assert.Equal(2, exit);
        Assert.Contains("no such folder", error, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(folder, "out"));
        (exit, output, error) = await ExternalTool.RunAsync(
            "sh", [Path.Combine(Folder, "package.sh"), "11111111-2222-3333-4444-555555555555", "https://bot.acme.example/", "out/app.zip"],
            workingDirectory: folder);
        Assert.True(exit == 0, output + error);
        Assert.True(new FileInfo(Path.Combine(folder, "out", "app.zip")).Length > 0);
        Assert.Equal(Path.Combine(folder, "out", "app.zip"), output.Trim());

        (exit, output, error) = await ExternalTool.RunAsync(
            "sh", [Path.Combine(Folder, "package.sh"), "11111111-2222-3333-4444-555555555555", "https://bot.acme.example/"], workingDirectory: folder);
        Assert.True(exit == 0, output + error);
        Assert.True(File.Exists(Path.Combine(folder, "keliweb-support-teams.zip")), "the default package goes to the current folder, not the repository");
    }

    [Theory]
    [InlineData("abc", "https://bot.acme.example/", "not a Microsoft App ID")]
    [InlineData("11111111-2222-3333-4444-55555555555", "https://bot.acme.example/", "not a Microsoft App ID")]
    [InlineData("11111111-2222-3333-4444-555555555555", "http://bot.acme.example/", "not an https URL")]
    [InlineData("11111111-2222-3333-4444-555555555555", "https://user:pw@bot.acme.example/", "not a plain public URL")]
    public async Task PackageScript_RefusesABadAppIdOrUrl_WithExitTwo(string appId, string url, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("teams-refused-").FullName;

        var (exit, _, error) = await ExternalTool.RunAsync("sh", [Path.Combine(Folder, "package.sh"), appId, url], workingDirectory: folder);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder));
    }

    private static async Task<IReadOnlyList<string>> ValidateAsync(string manifest)
    {
        var js = Path.Combine(RepositoryRoot.Path, "tests", "js");
        Assert.True(Directory.Exists(Path.Combine(js, "node_modules", "@microsoft", "app-manifest")), "run npm ci in tests/js");
        var (exit, output) = await RunAsync("node", [Path.Combine(js, "check-teams-manifest.js"), manifest]);
        var errors = JsonNode.Parse(output)?["errors"]?.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.True(errors is not null && exit is 0 or 1, $"check-teams-manifest.js exited {exit}: {output}");
        return errors!;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    // Enough of PNG decoding for our generated icons: IDAT inflated, each row's filter byte must be 0 (None).
    private static byte[][] RgbaRows(byte[] png, int size)
    {
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (System.Text.Encoding.ASCII.GetString(png, at + 4, 4) == "IDAT")
            {
                idat.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = 1 + (size * 4);
        return Enumerable.Range(0, size).Select(y =>
        {
            Assert.Equal(0, raw[y * stride]);
            return raw.AsSpan((y * stride) + 1, size * 4).ToArray();
        }).ToArray();
    }
}
