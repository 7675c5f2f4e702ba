namespace ChatBot.Settings;

/// <summary>
/// A list option with a default (<c>Keliweb:AllowedExtensions</c>, <c>Slack:FileHosts</c>...). The configuration binder
/// appends configured items to whatever the list already holds, so a default could only ever grow; registered through
/// <see cref="SettingsRegistration.AddSettings{T}"/>, a list the configuration sets replaces its default instead.
/// </summary>
/// <param name="Key">The property's key inside its section, e.g. <c>AllowedExtensions</c>.</param>
/// <param name="Clear">Empties the list on a fresh instance, before the binder fills it.</param>
public sealed record ListSetting<T>(string Key, Action<T> Clear);
