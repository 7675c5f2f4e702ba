namespace ChatBot.Tests.StandIns;

/// <summary>
/// The ticket configuration the chat-platform tests share: two departments with Italian names, and a required
/// "Domain" custom field for the first one.
/// </summary>
public static class TestTicketSettings
{
    public static IReadOnlyDictionary<string, string?> Departments { get; } = new Dictionary<string, string?>
    {
        ["Tickets:Departments:0:Id"] = "1",
        ["Tickets:Departments:0:Name"] = "Technical support",
        ["Tickets:Departments:0:NameIt"] = "Assistenza tecnica",
        ["Tickets:Departments:1:Id"] = "2",
        ["Tickets:Departments:1:Name"] = "Billing",
        ["Tickets:Departments:1:NameIt"] = "Amministrazione",
        ["Tickets:CustomFields:0:Id"] = "12",
        ["Tickets:CustomFields:0:Label"] = "Domain",
        ["Tickets:CustomFields:0:LabelIt"] = "Dominio",
        ["Tickets:CustomFields:0:DepartmentIds:0"] = "1",
        ["Tickets:CustomFields:0:Required"] = "true",
        ["Tickets:DefaultPriority"] = "Medium",
    };

    /// <summary>Adds <see cref="Departments"/> to <paramref name="settings"/> and returns it.</summary>
    public static Dictionary<string, string?> WithDepartments(this Dictionary<string, string?> settings)
    {
        foreach (var (key, value) in Departments)
        {
            settings[key] = value;
        }

        return settings;
    }
}
