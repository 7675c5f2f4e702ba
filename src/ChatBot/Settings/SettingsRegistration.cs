using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatBot.Settings;

/// <summary>
/// How every feature binds its configuration section, so that all of them behave alike: a list the configuration sets
/// replaces the list's default (the binder alone would append to it), options are validated at start, and the start-up
/// report can find every problem of every section at once, values the binder cannot convert included.
/// </summary>
public static partial class SettingsRegistration
{
    // Enough for any real configuration; a loop guard against a binder that keeps failing on the same key.
    private const int MaxUnreadableValues = 100;

    /// <param name="bind">
    /// Binds a section into an instance. A lambda written at the call site, where the build-time binder generator
    /// sees the concrete type (a generic <c>Bind&lt;T&gt;</c> here would fall back to reflection, which native AOT cannot).
    /// </param>
    /// <param name="lists">Every list option of <typeparamref name="T"/> that has a default (a test checks none is missed).</param>
    public static OptionsBuilder<T> AddSettings<T>(
        this IServiceCollection services, IConfiguration configuration, string sectionName, Action<IConfiguration, T> bind, params ListSetting<T>[] lists)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(sectionName);
        services.AddSingleton<IOptionsChangeTokenSource<T>>(new ConfigurationChangeTokenSource<T>(Options.DefaultName, section));
        services.AddSingleton(new SettingsSection(sectionName, (provider, root) => Problems(provider, root.GetSection(sectionName), bind, lists)));
        return services.AddOptions<T>()
            .Configure(options => Bind(section, options, bind, lists))
            .ValidateOnStart();
    }

    /// <summary>Lets the report name the allowed values when a setting of this enum cannot be read.</summary>
    public static IServiceCollection AddSettingsEnum<TEnum>(this IServiceCollection services)
        where TEnum : struct, Enum =>
        services.AddSingleton(new SettingsEnumValues(typeof(TEnum).FullName!, Enum.GetNames<TEnum>()));

    /// <summary>
    /// Every problem of the configuration, one line each: partly configured credential sets, then every registered
    /// section in registration order.
    /// </summary>
    public static IReadOnlyList<string> AllProblems(IServiceProvider services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var sets = services.GetServices<CredentialSet>().Distinct().Where(set => set.IsPartial(configuration)).Select(set => set.Problem(configuration));
        return [.. sets, .. services.GetServices<SettingsSection>().SelectMany(s => s.Problems(services, configuration))];
    }

    private static void Bind<T>(IConfiguration section, T options, Action<IConfiguration, T> bind, ListSetting<T>[] lists)
    {
        foreach (var list in lists)
        {
            // An empty value (Keliweb__AllowedExtensions= in the environment) counts: it is how a list is set to empty.
            if (section.GetSection(list.Key).Exists())
            {
                list.Clear(options);
            }
        }

        bind(section, options);
    }

    /// <summary>
    /// Binds the section into a fresh instance, setting aside each value the binder cannot convert (it stops at the
    /// first), then runs the validators on what could be read: every problem in one pass.
    /// </summary>
    private static List<string> Problems<T>(IServiceProvider services, IConfiguration section, Action<IConfiguration, T> bind, ListSetting<T>[] lists)
        where T : class, new()
    {
        var problems = new List<string>();
        var unreadable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var source = section;
        T options;
        while (true)
        {
            options = new T();
            try
            {
                Bind(source, options, bind, lists);
                break;
            }
            // The binder's own exception type differs between JIT and native AOT; its message does not.
            catch (InvalidOperationException ex) when (BinderFailure().Match(ex.Message) is { Success: true } failure && unreadable.Count < MaxUnreadableValues)
            {
                var key = failure.Groups["key"].Value;
                if (!unreadable.Add(key))
                {
                    throw;
                }

                problems.Add(Unreadable(services, key, failure.Groups["type"].Value));
                source = Without(section, unreadable);
            }
        }

        foreach (var validator in services.GetServices<IValidateOptions<T>>())
        {
            if (validator.Validate(Options.DefaultName, options) is { Failed: true } result)
            {
                problems.AddRange(result.Failures ?? [result.FailureMessage]);
            }
        }

        return problems;
    }

    private static IConfigurationSection Without(IConfiguration section, HashSet<string> keys)
    {
        var path = ((IConfigurationSection)section).Path;
        var copy = new ConfigurationBuilder()
            .AddInMemoryCollection(section.AsEnumerable().Where(kv => !keys.Contains(kv.Key)))
            .Build();
        return copy.GetSection(path);
    }

    // The binder's message quotes the value, which may be a secret (a URL with credentials): only the key and the type.
    private static string Unreadable(IServiceProvider services, string key, string clrType)
    {
        var allowed = services.GetServices<SettingsEnumValues>().FirstOrDefault(e => e.TypeName == clrType) is { } known
            ? known.Allowed
            : clrType switch
            {
                "System.Int32" or "System.Int64" => "a whole number",
                "System.Boolean" => "true or false",
                "System.TimeSpan" => "a duration such as 00:00:30 or 1.00:00:00",
                "System.Uri" => "a URL",
                _ => clrType,
            };
        return $"{key} must be {allowed}.";
    }

    [GeneratedRegex("^Failed to convert configuration value .* at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
