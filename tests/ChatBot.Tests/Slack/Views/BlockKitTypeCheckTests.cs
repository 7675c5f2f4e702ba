using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Slack.Localization;
using ChatBot.Slack.Options;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.Views;
using ChatBot.Tickets;
using ChatBot.Tickets.Services;

namespace ChatBot.Tests.Slack.Views;

/// <summary>
/// Every view and message the bot builds, type-checked by TypeScript against @slack/types (blocks as KnownBlock[],
/// which catches a missing label or a wrong element field), plus the limits the types do not encode.
/// </summary>
public sealed class BlockKitTypeCheckTests
{
    private static IEnumerable<(string Name, string Type, JsonNode Json)> Everything()
    {
        var options = TicketModalTests.Options();
        options.Departments[0].RequiresService = true;
        var files = new List<SlackFile>
        {
            new("F0LOG00001", "maillog.txt", Mimetype: "text/plain", Size: 5),
            new("F0SHOT0001", new string('s', 90) + ".png", Mimetype: "image/png", Size: 8),
        };
        var longMessage = new string('x', BlockKit.MaxPlainTextInputLength - 60) + "\n" + SlackTexts.English.TruncatedMarker;
        foreach (var texts in new[] { SlackTexts.English, SlackTexts.Italian })
        {
            var c = texts.Culture;
            var command = new TicketModalMetadata(TicketModalMetadata.CommandKind, "C0SUPPORT", "U0REQUEST1", Guid.NewGuid().ToString("N"));
            var message = new TicketModalMetadata(TicketModalMetadata.MessageKind, "C0SUPPORT", "U0REQUEST1", Guid.NewGuid().ToString("N"), "1700000000.200001", "1700000000.100000", new string('h', 32));
            yield return ($"commandModal_{c}", "StrictModal", TicketModal.Build(new TicketModalPrefill("Mail server & DNS", null, [], command), options, texts));
            yield return ($"shortcutModal_{c}", "StrictModal", TicketModal.Build(new TicketModalPrefill("Mail", longMessage, files, message), options, texts));
            // The modal as views.update rebuilds it for each department, with the service typeahead (required where the
            // department says) and the values typed so far; and the options load URL's answers.
            var services = new ServiceField(new ServiceOwner("default", 7), new ServiceList(
                [new AccountService(101, "Hosting Starter", "negozio.it", "Active"), new AccountService(102, new string('v', 90), "vps.example.com", "Suspended")],
                true, DateTimeOffset.UnixEpoch));
            var typed = new TicketModalValues(null, "Typed subject", "Typed message", "High", new SelectedOption("S101", new SlackText("plain_text", "Hosting Starter")), new Dictionary<int, string> { [12] = "negozio.it" }, ["F0LOG00001"]);
            foreach (var department in options.Departments)
            {
                yield return ($"department{department.Id}Modal_{c}", "StrictModal",
                    TicketModal.Build(new TicketModalPrefill(null, null, files, message), options, texts, services, typed with { Department = department.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
            }

            var serviceTexts = ServiceTexts.For(c);
            yield return ($"serviceOptions_{c}", "OptionsAnswer", ServiceOptionsHandler.Answer(services, "", serviceTexts));
            yield return ($"serviceOptionsUnknown_{c}", "OptionsAnswer", ServiceOptionsHandler.Answer(services with { Services = ServiceList.Unknown }, "x", serviceTexts));
            yield return ($"creating_{c}", "ViewUpdate", StatusViews.Update(StatusViews.Creating(texts)));
            yield return ($"notLinkedView_{c}", "ViewUpdate", StatusViews.Update(StatusViews.Notice(texts.NotLinkedTitle, "Not linked <@U1> & more", texts)));
            yield return ($"errors_{c}", "ViewErrors", StatusViews.Errors(new Dictionary<string, string> { ["subject"] = texts.SubjectRequired, ["customfield_12"] = texts.FieldRequired }));
            yield return ($"ephemeral_{c}", "EphemeralAnswer", StatusViews.Ephemeral(texts.FormFailedFor("expired_trigger_id")));
            foreach (var kind in Enum.GetValues<TicketNoticeKind>())
            {
                var notice = new TicketNotice(kind, "sub-1", "Mail", $"Ticket #123456 ({kind}) <!channel> & co", kind == TicketNoticeKind.Opened ? "https://example.it/viewticket.php?tid=1&c=2" : null, "123456", null, c);
                yield return ($"public_{kind}_{c}", "PostMessage", NoticeMessages.Public("C0SUPPORT", "1700000000.100000", notice));
                if (NoticeMessages.PrivateBlocks(notice, texts) is { } blocks)
                {
                    yield return ($"private_{kind}_{c}", "KnownBlock[]", blocks);
                }
            }
        }
    }

    [Fact]
    public void EveryViewAndMessage_TypeChecksAgainstSlackTypes()
    {
        var js = Path.Combine(RepositoryRoot.Find(), "tests", "js");
        var tsc = Path.Combine(js, "node_modules", "typescript", "bin", "tsc");
        Assert.True(File.Exists(tsc) && Directory.Exists(Path.Combine(js, "node_modules", "@slack", "types")), "run npm ci in tests/js");

        var source = new StringBuilder("""
            import type { ModalView, KnownBlock, PlainTextOption } from '@slack/types';
            type StrictModal = Omit<ModalView, 'blocks'> & { blocks: KnownBlock[] };
            type ViewUpdate = { response_action: 'update'; view: StrictModal };
            type ViewErrors = { response_action: 'errors'; errors: Record<string, string> };
            type EphemeralAnswer = { response_type: 'ephemeral'; text: string };
            type OptionsAnswer = { options: PlainTextOption[] };
            type PostMessage = { channel: string; text: string; blocks: KnownBlock[]; thread_ts?: string; unfurl_links?: boolean };

            """);
        foreach (var (name, type, json) in Everything())
        {
            source.Append("export const ").Append(name).Append(" = ").Append(json.ToJsonString()).Append(" satisfies ").Append(type).Append(";\n");
        }

        var file = Path.Combine(js, $"blockkit-check-{Guid.NewGuid():N}.ts");
        File.WriteAllText(file, source.ToString());
        try
        {
            var (exit, output) = Run("node", js, tsc, "--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", file);
            Assert.True(exit == 0, "tsc found Block Kit errors:\n" + output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void TypeCheck_CatchesAMissingLabel_SoTheCheckCanFail()
    {
        var js = Path.Combine(RepositoryRoot.Find(), "tests", "js");
        var tsc = Path.Combine(js, "node_modules", "typescript", "bin", "tsc");
        var file = Path.Combine(js, $"blockkit-check-{Guid.NewGuid():N}.ts");
        File.WriteAllText(file, """
            import type { KnownBlock } from '@slack/types';
            export const broken = [{ "type": "input", "block_id": "subject", "element": { "type": "plain_text_input", "action_id": "subject" } }] satisfies KnownBlock[];
            """);
        try
        {
            var (exit, output) = Run("node", js, tsc, "--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", file);
            Assert.NotEqual(0, exit);
            Assert.Contains("Property 'label' is missing", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void EveryViewAndMessage_StaysWithinSlacksLimits()
    {
        foreach (var (name, _, json) in Everything())
        {
            Walk(name, json);
        }
    }

    private static void Walk(string name, JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                Walk(name, child);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var key in new[] { "title", "submit", "close" })
        {
            if (obj[key]?["text"] is { } text)
            {
                Assert.True(text.GetValue<string>().Length <= 24, $"{name}: {key} longer than 24");
            }
        }

        if (obj["type"]?.GetValue<string>() == "button")
        {
            Assert.True(obj["text"]!["text"]!.GetValue<string>().Length <= 24, $"{name}: button text longer than 24");
        }

        if (obj["private_metadata"] is { } metadata)
        {
            Assert.True(metadata.GetValue<string>().Length <= 3000, $"{name}: private_metadata longer than 3000");
        }

        if (obj["blocks"] is JsonArray blocks)
        {
            Assert.True(blocks.Count <= 100, $"{name}: more than 100 blocks");
        }

        if (obj["options"] is JsonArray options)
        {
            Assert.True(options.Count <= 100, $"{name}: more than 100 options");
            Assert.All(options, o => Assert.True(o!["text"]!["text"]!.GetValue<string>().Length <= 75, $"{name}: option text longer than 75"));
        }

        if (obj["type"]?.GetValue<string>() == "plain_text_input" && obj["initial_value"] is { } initial)
        {
            Assert.True(initial.GetValue<string>().Length <= obj["max_length"]!.GetValue<int>(), $"{name}: initial value longer than max_length");
        }

        foreach (var (_, child) in obj)
        {
            Walk(name, child);
        }
    }

    private static (int Exit, string Output) Run(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "tsc did not finish in 2 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
