using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// The bot as a real child process (<c>dotnet ChatBot.dll</c> from the test output, or the executable named by
/// <c>CHATBOT_TEST_BINARY</c>: CI points it at the published native binary), configured through environment variables,
/// so tests can SIGKILL it at any moment and start it again on the same data folder.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private BotProcess(Process process, Uri baseUrl, StringBuilder output)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The process id: part of the lease owner the bot's worker writes on the rows it claims.</summary>
    public int ProcessId => _process.Id;

    public const string BinaryVariable = "CHATBOT_TEST_BINARY";

    /// <summary>How to start the bot: the JIT build next to the tests, or the binary CI published.</summary>
    public static (string FileName, string Arguments) Command =>
        Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } binary
            ? (binary, "")
            : ("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "ChatBot.dll")}\"");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the bot with <paramref name="settings"/> (configuration keys such as <c>Slack:BotToken</c>) and waits for /healthz.</summary>
    public static async Task<BotProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string workingDirectory)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(Command.FileName, Command.Arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"), output);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with {process.ExitCode}:\n{bot.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(bot.BaseUrl, "readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return bot;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        await bot.DisposeAsync();
        throw new TimeoutException($"The bot did not answer /readyz within 60 s:\n{bot.Output}");
    }

    /// <summary>
    /// Runs the bot with <paramref name="args"/> until it exits by itself (an operator command, help, a refused start),
    /// with <paramref name="settings"/> as environment variables; kills it after <paramref name="timeout"/> (default 60 s).
    /// </summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunToExitAsync(
        IReadOnlyDictionary<string, string?> settings, string workingDirectory, string[]? args = null, string? stdin = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Command.FileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in Command.Arguments.Length == 0 ? [] : new[] { Command.Arguments.Trim('"') })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in args ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("the bot did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The bot did not exit:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what the store holds is all that survives.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

}
