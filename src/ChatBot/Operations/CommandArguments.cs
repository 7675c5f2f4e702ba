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
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public CommandArguments(IEnumerable<string> args, params string[] allowedOptions)
        : this(args, allowedOptions, [])
    {
    }

    /// <param name="flags">Options that take no value.</param>
    public CommandArguments(IEnumerable<string> args, string[] allowedOptions, string[] flags)
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
            if (flags.Contains(name, StringComparer.Ordinal))
            {
                _flags.Add(name);
                continue;
            }

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

    /// <summary>A duration such as <c>90s</c>, <c>30m</c>, <c>2h</c>, <c>7d</c> (or <c>1.00:00:00</c>); null when the option is absent.</summary>
    public TimeSpan? OptionalDuration(string name)
    {
        if (Optional(name) is not { } text)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 1 && int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (trimmed[^1])
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new OperatorUsageException($"Option '--{name}' must be a duration such as 90s, 30m, 2h or 7d (was '{text}').");
    }

    /// <summary>Whether a flag without a value (<c>--with-message</c>) is given; flags are named in the constructor's options too.</summary>
    public bool Flag(string name) => _flags.Contains(name);

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
