namespace ChatBot.Settings;

/// <summary>
/// An enum a setting is read as, so that a value the binder cannot convert is reported with the values it allows
/// (<c>Tickets:DefaultPriority must be one of Low, Medium, High.</c>). Registered with
/// <see cref="SettingsRegistration.AddSettingsEnum{TEnum}"/>; the binder names only the type in its error.
/// </summary>
public sealed record SettingsEnumValues(string TypeName, IReadOnlyList<string> Names)
{
    public string Allowed => "one of " + string.Join(", ", Names);
}
