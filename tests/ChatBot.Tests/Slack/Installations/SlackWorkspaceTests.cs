using System.Text.Json;
using ChatBot.Slack.Installations;
using ChatBot.Slack.Payloads;
using ChatBot.Slack.WebApi;
using ChatBot.Tickets;

namespace ChatBot.Tests.Slack.Installations;

/// <summary>Which installation a payload, a stored requester or an event names: the team, or the organization of an org-wide install.</summary>
public sealed class SlackWorkspaceTests
{
    [Fact]
    public void AWorkspaceInstall_IsNamedByItsTeam_AnOrgWideInstallByItsEnterprise()
    {
        Assert.Equal(new SlackWorkspace("T0001", "T0001"), SlackWorkspace.FromPayload("T0001", "E0001", isEnterpriseInstall: false));
        Assert.Equal(new SlackWorkspace("E0001", "T0001"), SlackWorkspace.FromPayload("T0001", "E0001", isEnterpriseInstall: true));
        Assert.Equal(new SlackWorkspace("T0001", "T0001"), SlackWorkspace.FromPayload("T0001", null, isEnterpriseInstall: true));
    }

    [Fact]
    public void ASlashCommandOfAnOrgWideInstall_ResolvesToTheEnterprise()
    {
        var form = new Dictionary<string, string>
        {
            ["command"] = "/ticket", ["team_id"] = "T0001", ["enterprise_id"] = "E0001", ["is_enterprise_install"] = "true",
            ["channel_id"] = "C1", ["user_id"] = "W1", ["trigger_id"] = "1.2.3",
        };
        Assert.Equal("E0001", SlashCommand.FromForm(form)!.Workspace.InstallationId);
        form["is_enterprise_install"] = "false";
        Assert.Equal("T0001", SlashCommand.FromForm(form)!.Workspace.InstallationId);
    }

    [Fact]
    public void AnInteractionOfAnOrgWideInstall_WithoutATeam_ResolvesToTheEnterprise()
    {
        var payload = JsonSerializer.Deserialize(
            """{"type":"view_submission","team":null,"user":{"id":"W1","team_id":"T0002"},"enterprise":{"id":"E0001","name":"Acme"},"is_enterprise_install":true,"view":{"id":"V1"}}""",
            SlackJsonContext.Default.ViewSubmissionPayload)!;
        Assert.Equal(new SlackWorkspace("E0001", "T0002"), payload.Workspace);
    }

    /// <summary>An org-level surface names no workspace at all: the person is then of the organization, whose install answers.</summary>
    [Fact]
    public void AnInteractionWithNoTeamAnywhere_IsOfTheEnterprise()
    {
        var payload = JsonSerializer.Deserialize(
            """{"type":"block_actions","team":null,"user":{"id":"W1"},"enterprise":{"id":"E0001"},"is_enterprise_install":true,"actions":[{"action_id":"a"}]}""",
            SlackJsonContext.Default.BlockActionsPayload)!;
        Assert.Equal("E0001", payload.TeamId);
        Assert.Equal(new SlackWorkspace("E0001", "E0001"), payload.Workspace);
    }

    [Fact]
    public void AStoredRequester_FromBeforeInstallationsWereRecorded_IsItsTeam()
    {
        var old = new Requester("slack", "T0001", "U1", "someone", null, "en-US");
        Assert.Equal(new SlackWorkspace("T0001", "T0001"), SlackWorkspace.Of(old));
        Assert.Equal(new SlackWorkspace("E0001", "T0001"), SlackWorkspace.Of(old with { Installation = "E0001" }));
    }

    [Theory]
    [InlineData("""{"type":"event_callback","team_id":"T0001","event":{"type":"app_uninstalled"}}""", "T0001")]
    [InlineData("""{"type":"event_callback","team_id":"T0002","enterprise_id":"E0001","authorizations":[{"team_id":null,"enterprise_id":"E0001","is_enterprise_install":true}],"event":{"type":"app_uninstalled"}}""", "E0001")]
    [InlineData("""{"type":"event_callback","team_id":"T0002","authorizations":[{"team_id":"T0003","is_enterprise_install":false}],"event":{"type":"tokens_revoked"}}""", "T0003")]
    public void AnUninstallEvent_NamesItsInstallation(string json, string expected)
    {
        var e = JsonSerializer.Deserialize(json, SlackJsonContext.Default.EventEnvelope)!;
        Assert.Equal(expected, e.Workspace?.InstallationId);
    }

    [Fact]
    public void AnEventWithoutATeam_NamesNoInstallation()
    {
        var e = JsonSerializer.Deserialize("""{"type":"event_callback","event":{"type":"app_uninstalled"}}""", SlackJsonContext.Default.EventEnvelope)!;
        Assert.Null(e.Workspace);
    }

    [Fact]
    public void RequesterInstallation_SurvivesTheDraftsJson()
    {
        var requester = new Requester("slack", "T0001", "U1", "someone", null, "en-US") { Installation = "E0001" };
        var json = JsonSerializer.Serialize(requester, TicketsJsonContext.Default.Requester);
        Assert.Equal("E0001", JsonSerializer.Deserialize(json, TicketsJsonContext.Default.Requester)!.Installation);
    }
}
