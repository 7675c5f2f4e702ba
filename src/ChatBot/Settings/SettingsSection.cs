namespace ChatBot.Settings;

/// <summary>
/// One configuration section registered with <see cref="SettingsRegistration.AddSettings{T}"/>: how to find every
/// problem in it at once, each as one line naming its full key (the start-up report and the operator commands print them).
/// </summary>
public sealed class SettingsSection(string name, Func<IServiceProvider, IConfiguration, IReadOnlyList<string>> problems)
{
    /// <summary>The section's name, e.g. <c>Tickets</c> (<c>Links</c> for the top-level list).</summary>
    public string Name { get; } = name;

    public IReadOnlyList<string> Problems(IServiceProvider services, IConfiguration configuration) => problems(services, configuration);
}
