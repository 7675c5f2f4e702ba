using System.Text.Json.Nodes;
using ChatBot.Teams.Cards;
using ChatBot.Tests.Deploy;
using ChatBot.Tests.Slack;
using ChatBot.Tickets;
using ChatBot.Tickets.Services;

namespace ChatBot.Tests.Teams.Cards;

/// <summary>
/// Every Teams card the bot builds, loaded by Microsoft's adaptivecards library for its own version
/// (tests/js/check-adaptive-cards.js): the department step, each department's form with and without services,
/// with field errors, in both submit kinds and both languages, and the status cards.
/// </summary>
public sealed class AdaptiveCardCheckTests
{
    private static IEnumerable<(string Name, JsonObject Card)> Everything()
    {
        var options = new TicketsOptions
        {
            Departments = [new() { Id = 1, Name = "Technical support", NameIt = "Assistenza tecnica", RequiresService = true }, new() { Id = 2, Name = "Billing", NameIt = "Amministrazione" }],
            DefaultPriority = TicketPriority.Medium,
            CustomFields =
            [
                new() { Id = 7, Label = "Customer code", LabelIt = "Codice cliente" },
                new() { Id = 12, Label = "Domain", LabelIt = "Dominio", DepartmentIds = [1], Required = true },
            ],
        };
        var known = new ServiceField(new ServiceOwner("default", 7), new ServiceList(
            [new AccountService(101, "Hosting Starter", "negozio.it", "Active"), new AccountService(102, new string('v', 150), null, "Terminated")], true, DateTimeOffset.UnixEpoch));
        var unknown = known with { Services = ServiceList.Unknown };
        var errors = new[] { new FieldError(TicketFields.Service, ServiceTexts.English.Unknown), new FieldError("customfield:12", "Required") };
        foreach (var texts in new[] { TeamsTexts.English, TeamsTexts.Italian })
        {
            var c = texts.Culture;
            foreach (var submit in Enum.GetValues<TicketCardSubmit>())
            {
                var values = TicketCardValues.Empty with { Subject = "Sito giù", Message = "Da stamattina" };
                yield return ($"departmentStep_{submit}_{c}", TicketCard.Build(options, texts, values, submit, protectedFiles: "sealed"));
                foreach (var department in options.Departments)
                {
                    var chosen = values with { Department = department.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Service = "S101" };
                    yield return ($"form{department.Id}_{submit}_{c}", TicketCard.Build(options, texts, chosen, submit, services: known));
                    yield return ($"form{department.Id}Unknown_{submit}_{c}", TicketCard.Build(options, texts, chosen, submit, services: unknown, note: "note"));
                    yield return ($"form{department.Id}Errors_{submit}_{c}", TicketCard.Build(options, texts, chosen, submit, errors, services: known));
                }
            }

            yield return ($"creating_{c}", StatusCard.Creating(texts, "Sito giù"));
            yield return ($"sentPrivately_{c}", StatusCard.SentPrivately(texts));
            foreach (var kind in Enum.GetValues<TicketNoticeKind>())
            {
                var notice = new TicketNotice(kind, "sub-1", "Mail", $"Ticket #123456 ({kind})", kind == TicketNoticeKind.Opened ? "https://example.it/viewticket.php?tid=1&c=2" : null, "123456", null, c);
                yield return ($"public_{kind}_{c}", StatusCard.ForNotice(notice, includePrivate: false));
                yield return ($"private_{kind}_{c}", StatusCard.Private(notice));
            }
        }
    }

    [Fact]
    public async Task EveryCard_LoadsInTheAdaptiveCardsLibrary_WithoutAnError()
    {
        var all = new JsonObject();
        foreach (var (name, card) in Everything())
        {
            all[name] = card.DeepClone();
        }

        var (exit, output) = await CheckAsync(all);

        Assert.True(exit == 0, "adaptivecards found errors:\n" + output);
        Assert.Empty(JsonNode.Parse(output)!["errors"]!.AsArray());
    }

    [Fact]
    public async Task Check_CatchesAnUnknownElementAndAMissingId_SoTheCheckCanFail()
    {
        var card = TicketCard.Build(new TicketsOptions { Departments = [new() { Id = 1, Name = "Support" }] }, TeamsTexts.English, TicketCardValues.Empty, TicketCardSubmit.Execute);
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "Input.Txt", ["id"] = "typo" });
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "Input.Text", ["label"] = "No id" });

        var (exit, output) = await CheckAsync(new JsonObject { ["broken"] = card });

        Assert.Equal(1, exit);
        Assert.Contains("UnknownElementType", output, StringComparison.Ordinal);
        Assert.Contains("PropertyCantBeNull", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> CheckAsync(JsonObject cards)
    {
        var js = Path.Combine(RepositoryRoot.Find(), "tests", "js");
        Assert.True(Directory.Exists(Path.Combine(js, "node_modules", "adaptivecards")), "run npm ci in tests/js");
        var file = Path.Combine(Path.GetTempPath(), $"cards-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, cards.ToJsonString());
        try
        {
            var (exit, output, error) = await ExternalTool.RunAsync("node", [Path.Combine(js, "check-adaptive-cards.js"), file]);
            return (exit, output + error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
