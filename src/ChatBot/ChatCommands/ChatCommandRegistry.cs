namespace ChatBot.ChatCommands;

/// <summary>
/// Finds the command a text names: the longest registered name the text is (or, for commands with arguments, starts
/// with), case and extra spaces aside. Built at start, where two commands claiming one name stop the start.
/// </summary>
public sealed class ChatCommandRegistry
{
    private readonly List<(string Name, IChatCommand Command)> _byName = [];

    public ChatCommandRegistry(IEnumerable<IChatCommand> commands)
    {
        var seen = new Dictionary<string, IChatCommand>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            foreach (var name in command.Names.Select(Normalize))
            {
                if (name.Length == 0)
                {
                    throw new InvalidOperationException($"{command.GetType().Name} has an empty name.");
                }

                if (!seen.TryAdd(name, command))
                {
                    throw new InvalidOperationException($"Two chat commands are named '{name}': {seen[name].GetType().Name} and {command.GetType().Name}.");
                }

                _byName.Add((name, command));
            }
        }

        // Longest first: "my tickets" must win over a "my" if both exist.
        _byName.Sort((a, b) => b.Name.Length.CompareTo(a.Name.Length));
        Commands = [.. commands.Distinct()];
        _anyTakesArguments = Commands.Any(c => c.TakesArguments);
        _longestName = _byName.Count == 0 ? 0 : _byName[0].Name.Length;
    }

    private readonly bool _anyTakesArguments;
    private readonly int _longestName;

    /// <summary>Every command once, in registration order (the order help lists them).</summary>
    public IReadOnlyList<IChatCommand> Commands { get; }

    /// <summary>The command <paramref name="text"/> runs and what follows its name; null when the text is not a command.</summary>
    public ChatCommandMatch? Match(string? text)
    {
        // Most /ticket texts are subjects: far longer than any name, they need no normalizing to be told apart.
        if (!_anyTakesArguments && (text ?? "").AsSpan().Trim().Length > _longestName * 2)
        {
            return null;
        }

        var normalized = Normalize(text);
        foreach (var (name, command) in _byName)
        {
            if (normalized == name)
            {
                return new ChatCommandMatch(command, "");
            }

            if (command.TakesArguments && normalized.StartsWith(name + " ", StringComparison.Ordinal))
            {
                // The arguments as typed (a subject keeps its capitals), after as many words as the name has.
                var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return new ChatCommandMatch(command, string.Join(' ', words.Skip(name.Count(c => c == ' ') + 1)));
            }
        }

        return null;
    }

    /// <summary>Lower case, single spaces, no punctuation a person might end with ("link!", "help?").</summary>
    public static string Normalize(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.', '!', '?').Trim().ToLowerInvariant();
}

/// <summary>A command found in a text, and the text after its name.</summary>
public sealed record ChatCommandMatch(IChatCommand Command, string Arguments);
