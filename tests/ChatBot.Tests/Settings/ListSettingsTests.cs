using System.Collections;
using System.Reflection;
using ChatBot.Keliweb;
using ChatBot.Settings;
using ChatBot.Slack;
using ChatBot.Teams;
using ChatBot.Teams.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Settings;

/// <summary>A list the configuration sets replaces the list's default, for every list option that has one.</summary>
public sealed class ListSettingsTests
{
    /// <summary>Every list option with a default, and a valid value to set it to. A new one must be added here (see the last test).</summary>
    public static TheoryData<string, string> Lists => new()
    {
        { "Keliweb:AllowedExtensions", ".zip" },
        { "Slack:FileHosts", "files.example.com" },
        { "Slack:SocketHosts", "wss.example.com" },
        { "Teams:ServiceUrlHosts", "smba.example.com" },
        { "Teams:FileHosts", "contoso.sharepoint.com" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void ASetList_ReplacesItsDefault(string key, string value)
    {
        Assert.Equal([value], Bound(key, new() { [key + ":0"] = value }));
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void AnUnsetList_KeepsItsDefault(string key, string value)
    {
        var defaults = Bound(key, []);

        Assert.NotEmpty(defaults);
        Assert.DoesNotContain(value, defaults);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void AnEmptyValue_SetsTheListEmpty(string key, string value)
    {
        _ = value;
        Assert.Empty(Bound(key, new() { [key] = "" }));
    }

    [Fact]
    public void KeliwebAllowedExtensions_NarrowedToPdf_RefusesAnImage()
    {
        using var services = FeatureServices.Build(new Dictionary<string, string?> { ["Keliweb:AllowedExtensions:0"] = ".pdf" }, out _);
        var stager = services.GetRequiredService<ChatBot.Tickets.FileStager>();

        Assert.True(stager.IsExtensionAllowed("invoice.pdf"));
        Assert.False(stager.IsExtensionAllowed("screenshot.png"));
    }

    [Fact]
    public void TeamsServiceUrlHosts_Replaced_NoLongerTrustsTheDefaultHost()
    {
        using var services = FeatureServices.Build(new Dictionary<string, string?> { ["Teams:ServiceUrlHosts:0"] = "smba.example.com" }, out _);
        var trust = services.GetRequiredService<TrustedServiceUrls>();

        Assert.True(trust.IsTrusted(new Uri("https://smba.example.com/emea/")));
        Assert.False(trust.IsTrusted(new Uri("https://smba.trafficmanager.net/emea/")));
    }

    /// <summary>
    /// Guards the mechanism: every list option (in any section's options class) whose default is not empty is
    /// registered as a <see cref="ListSetting{T}"/> and covered by <see cref="Lists"/>.
    /// </summary>
    [Fact]
    public void EveryListWithADefault_IsRegistered_AndTested()
    {
        var covered = Lists.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var type in typeof(KeliwebOptions).Assembly.GetTypes().Where(t => t.GetField("SectionName") is { IsLiteral: true }))
        {
            var section = (string)type.GetField("SectionName")!.GetRawConstantValue()!;
            var instance = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties().Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(List<>)))
            {
                if (property.GetValue(instance) is not ICollection { Count: > 0 })
                {
                    continue;
                }

                var key = $"{section}:{property.Name}";
                found.Add(key);
                var registered = type.GetField("Lists", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IEnumerable;
                Assert.True(registered?.Cast<object>().Any(l => (string)l.GetType().GetProperty("Key")!.GetValue(l)! == property.Name) == true,
                    $"{key} has a default but is not in {type.Name}.Lists: a configured list would be appended to its default.");
                Assert.True(covered.Contains(key), $"{key} is not covered by {nameof(ListSettingsTests)}.{nameof(Lists)}.");
            }
        }

        Assert.Equal(covered.Order(), found.Order());
    }

    private static List<string> Bound(string key, Dictionary<string, string?> settings)
    {
        using var services = FeatureServices.Build(settings, out _);
        return key.Split(':')[0] switch
        {
            "Keliweb" => services.GetRequiredService<IOptions<KeliwebOptions>>().Value.AllowedExtensions,
            "Slack" when key.EndsWith("SocketHosts", StringComparison.Ordinal) => services.GetRequiredService<IOptions<ChatBot.Slack.SocketMode.SocketModeOptions>>().Value.SocketHosts,
            "Slack" => services.GetRequiredService<IOptions<SlackOptions>>().Value.FileHosts,
            "Teams" when key.EndsWith("FileHosts", StringComparison.Ordinal) => services.GetRequiredService<IOptions<TeamsOptions>>().Value.FileHosts,
            "Teams" => services.GetRequiredService<IOptions<TeamsOptions>>().Value.ServiceUrlHosts,
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "add the section here"),
        };
    }
}
