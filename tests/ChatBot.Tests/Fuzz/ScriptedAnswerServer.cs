using System.Collections.Concurrent;
using ChatBot.Tests.StandIns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// A loopback server that answers requests, whatever their path, with the current case's <see cref="ScriptedAnswer"/>s
/// in order (404 once they are used up), and records what reached it.
/// </summary>
public sealed class ScriptedAnswerServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedAnswer> answers = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private WebApplication app = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    public static async Task<ScriptedAnswerServer> StartAsync()
    {
        var server = new ScriptedAnswerServer();
        (server.app, var baseUrl) = await LoopbackStandIn.StartAsync(app => app.Run(server.AnswerAsync));
        server.BaseUrl = new Uri(baseUrl.ToString().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Replaces what the next requests get.</summary>
    public void Script(IEnumerable<ScriptedAnswer> next)
    {
        answers.Clear();
        requests.Clear();
        foreach (var answer in next)
        {
            answers.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task AnswerAsync(HttpContext http)
    {
        requests.Enqueue(new RecordedRequest(
            http.Request.Method, http.Request.Host.Value ?? "", http.Request.Path + http.Request.QueryString,
            http.Request.Headers.Authorization.Count == 0 ? null : http.Request.Headers.Authorization.ToString()));
        if (!answers.TryDequeue(out var answer))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Headers[name] = value;
            }
        }

        http.Response.ContentType = answer.ContentType;
        await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted);
    }
}
