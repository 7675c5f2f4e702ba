using System.Globalization;

namespace ChatBot.Operations;

/// <summary>
/// <c>--name value</c> options and positional words after the group and verb. Unknown or repeated options are errors,
/// so a typo never silently does something else.
/// </summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public CommandArguments(IEnumerable<string> args, params string[] allowedOptions)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                _positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            if (!allowedOptions.Contains(name, StringComparer.Ordinal))
            {
                throw new OperatorUsageException($"Unknown option '{arg}'.");
            }

            if (!e.MoveNext() || e.Current.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OperatorUsageException($"Option '{arg}' needs a value.");
            }

            if (!_options.TryAdd(name, e.Current))
            {
                throw new OperatorUsageException($"Option '{arg}' is given twice.");
            }
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public string? Optional(string name) => _options.GetValueOrDefault(name);

    public string Required(string name) =>
        _options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new OperatorUsageException($"Option '--{name}' is required.");

    public int? OptionalPositiveInt(string name)
    {
        if (Optional(name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new OperatorUsageException($"Option '--{name}' must be a positive whole number (was '{text}').");
    }

    /// <summary>The positional words, exactly <paramref name="count"/> of them.</summary>
    public IReadOnlyList<string> ExpectPositional(int count, string what)
    {
        if (_positional.Count != count)
        {
            throw new OperatorUsageException(count == 0 ? $"Unexpected '{_positional[0]}'." : $"Expected {what}.");
        }

        return _positional;
    }
}
