using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Tests.Architecture;

/// <summary>
/// Which feature folders a C# source file refers to: <c>using ChatBot.X</c> (plain, static, alias, global), fully
/// qualified <c>ChatBot.X.Y</c>, and the short <c>X.Y</c> that resolves to <c>ChatBot.X.Y</c> inside the app's
/// namespaces. Comments, strings and character literals are blanked out first, so a word in a log message is no import.
/// </summary>
internal static partial class SourceReferences
{
    public static IReadOnlySet<string> FoldersReferenced(string source, IReadOnlyCollection<string> folders)
    {
        var code = WithoutCommentsAndLiterals(source);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in code.Split('\n'))
        {
            // The file's own namespace declaration names its own folder, not a dependency.
            if (NamespaceDeclaration().IsMatch(line))
            {
                continue;
            }

            foreach (Match match in Qualified().Matches(line))
            {
                found.Add(match.Groups["folder"].Value);
            }

            foreach (Match match in Short().Matches(line))
            {
                found.Add(match.Groups["folder"].Value);
            }
        }

        found.IntersectWith(folders);
        return found;
    }

    /// <summary>The namespace a file declares (file-scoped or block), or null.</summary>
    public static string? DeclaredNamespace(string source) =>
        NamespaceDeclaration().Match(WithoutCommentsAndLiterals(source)) is { Success: true } m ? m.Groups["name"].Value : null;

    /// <summary>The code with comments, string literals (regular, verbatim, interpolated, raw) and char literals blanked.</summary>
    public static string WithoutCommentsAndLiterals(string source)
    {
        var output = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            var next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                i = Skip(source, source.IndexOf('\n', i), output);
            }
            else if (c == '/' && next == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = Skip(source, end < 0 ? -1 : end + 2, output);
            }
            else if (c == '"' || ((c is '@' or '$') && IsStringStart(source, i)))
            {
                i = Skip(source, EndOfString(source, i), output);
            }
            else if (c == '\'')
            {
                i = Skip(source, EndOfChar(source, i), output);
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        return output.ToString();
    }

    // Blanks [from, end) keeping line breaks, so line-based checks still see one line per line.
    private static int Skip(string source, int end, StringBuilder output)
    {
        var start = output.Length;
        end = end < 0 ? source.Length : end;
        for (var j = start; j < end; j++)
        {
            output.Append(source[j] == '\n' ? '\n' : ' ');
        }

        return end;
    }

    private static bool IsStringStart(string source, int i)
    {
        var j = i;
        while (j < source.Length && source[j] is '@' or '$')
        {
            j++;
        }

        return j < source.Length && source[j] == '"';
    }

    private static int EndOfString(string source, int i)
    {
        var prefixEnd = i;
        while (source[prefixEnd] is '@' or '$')
        {
            prefixEnd++;
        }

        var verbatim = source.AsSpan(i, prefixEnd - i).Contains('@');
        var quotes = 0;
        while (prefixEnd + quotes < source.Length && source[prefixEnd + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            // Raw string: ends at the same run of quotes.
            var close = source.IndexOf(new string('"', quotes), prefixEnd + quotes, StringComparison.Ordinal);
            return close < 0 ? source.Length : close + quotes;
        }

        var k = prefixEnd + 1;
        while (k < source.Length)
        {
            if (verbatim && source[k] == '"' && k + 1 < source.Length && source[k + 1] == '"')
            {
                k += 2;
                continue;
            }

            if (!verbatim && source[k] == '\\')
            {
                k += 2;
                continue;
            }

            if (source[k] == '"')
            {
                return k + 1;
            }

            k++;
        }

        return source.Length;
    }

    private static int EndOfChar(string source, int i)
    {
        var k = i + 1;
        while (k < source.Length && source[k] != '\'')
        {
            k += source[k] == '\\' ? 2 : 1;
        }

        return Math.Min(source.Length, k + 1);
    }

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bChatBot\.(?<folder>\w+)")]
    private static partial Regex Qualified();

    // "Keliweb.KeliwebAccountKeeper" inside namespace ChatBot.Tickets means ChatBot.Keliweb.KeliwebAccountKeeper.
    [GeneratedRegex(@"(?<![\w.])(?<folder>[A-Z]\w*)\.(?=[A-Z_])")]
    private static partial Regex Short();
}
