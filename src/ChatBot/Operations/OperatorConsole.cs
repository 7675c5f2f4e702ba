using System.Text;

namespace ChatBot.Operations;

/// <summary>Where operator commands read and write; the process console in production, strings in tests.</summary>
public sealed class OperatorConsole(TextReader input, TextWriter output, TextWriter error, bool inputIsTerminal)
{
    public static OperatorConsole System => new(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected);

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>
    /// A secret typed at a prompt without echo when a person is at a terminal; otherwise one line of standard input,
    /// so scripts can pipe it (never an argument: arguments show up in <c>ps</c> and shell history).
    /// </summary>
    public string ReadSecret(string prompt)
    {
        if (!inputIsTerminal)
        {
            return input.ReadLine() ?? "";
        }

        Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        Error.WriteLine();
        return secret.ToString();
    }
}
