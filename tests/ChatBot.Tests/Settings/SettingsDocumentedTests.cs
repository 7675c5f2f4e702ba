using System.Text.Json.Nodes;
using ChatBot.Keliweb;
using ChatBot.Linking;
using ChatBot.Settings;
using ChatBot.Tests.Teams.Manifest;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Tests.Settings;

/// <summary>Every setting is in README.md's tables and in appsettings.sample.json, and the sample itself is a valid configuration.</summary>
public sealed class SettingsDocumentedTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
    // Options filled from a key outside their section.
    private static readonly Dictionary<string, string> BoundFromElsewhere = new() { ["SignIn:PublicBaseUrl"] = "PublicBaseUrl" };

    private static readonly string SamplePath = Path.Combine(RepositoryRoot.Path, "appsettings.sample.json");

    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var type in typeof(KeliwebOptions).Assembly.GetTypes().Where(t => t.GetField("SectionName") is { IsLiteral: true }))
        {
            var section = (string)type.GetField("SectionName")!.GetRawConstantValue()!;
            // The top-level "Links" list: its entries' fields are the settings.
            var properties = type == typeof(ConfiguredLinksOptions) ? typeof(ConfiguredLink).GetProperties() : type.GetProperties();
            foreach (var property in properties.Where(p => p.SetMethod is { IsPublic: true }))
            {
                var key = type == typeof(ConfiguredLinksOptions) ? $"{section}:0:{property.Name}" : $"{section}:{property.Name}";
                keys.Add(BoundFromElsewhere.GetValueOrDefault(key, key));
            }
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EverySetting_IsInTheReadme(string key)
    {
        // A table row names its key in backticks; the Links entries are named by their environment variables.
        var documented = key.StartsWith("Links:", StringComparison.Ordinal) ? key.Replace(":", "__", StringComparison.Ordinal) : $"`{key}`";
        Assert.True(Readme.Contains(documented, StringComparison.Ordinal), $"README.md does not document {key}");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EverySetting_IsInTheSample(string key)
    {
        JsonNode? node = JsonNode.Parse(File.ReadAllText(SamplePath));
        foreach (var part in key.Split(':'))
        {
            node = int.TryParse(part, out var index) ? node?.AsArray()[index] : node?.AsObject().TryGetPropertyValue(part, out var child) == true ? child ?? JsonValue.Create("null") : null;
        }

        Assert.True(node is not null, $"appsettings.sample.json has no {key}");
    }

    [Fact]
    public void TheSample_IsAValidConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(SamplePath).Build();
        var settings = configuration.AsEnumerable().ToDictionary(kv => kv.Key, kv => kv.Value);
        using var services = FeatureServices.Build(settings, out var built);

        Assert.Empty(SettingsRegistration.AllProblems(services, built));
    }

    [Fact]
    public void TheKeys_AreFoundByReflection_SoTheChecksCanFail()
    {
        var keys = ((IEnumerable<object[]>)Keys()).Select(k => (string)k[0]).ToList();
        Assert.Contains("Keliweb:BaseUrl", keys);
        Assert.Contains("Alerts:KeliwebDownAfter", keys);
        Assert.Contains("Links:0:TeamId", keys);
        Assert.DoesNotContain("Keliweb:HasApiKeys", keys);
    }
}
