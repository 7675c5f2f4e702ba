using Microsoft.AspNetCore.Http;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// An answer no client should read whole, for the Kestrel stand-ins: 200, JSON-looking, chunked (no length), 1 MB per
/// chunk with a pause between chunks, stopping when the client hangs up. How far it got shows whether the client
/// capped its read.
/// </summary>
public static class FloodAnswer
{
    /// <summary>Polls a stand-in's report of its last flood until there is one (the flood ended, one way or the other).</summary>
    public static async Task<FloodReport> WaitForAsync(Func<FloodReport?> report)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (report() is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The flood never ended.");
            }

            await Task.Delay(50);
        }

        return report()!;
    }

    public static async Task<FloodReport> WriteAsync(HttpContext context, long bytes, int chunkDelayMs, string prefix = "{\"padding\":\"")
    {
        context.Response.ContentType = "application/json";
        var block = new byte[1024 * 1024];
        Array.Fill(block, (byte)'a');
        long written = 0;
        try
        {
            await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(prefix), context.RequestAborted);
            while (written < bytes)
            {
                var size = (int)Math.Min(block.Length, bytes - written);
                await context.Response.Body.WriteAsync(block.AsMemory(0, size), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                written += size;
                if (chunkDelayMs > 0)
                {
                    await Task.Delay(chunkDelayMs, context.RequestAborted);
                }
            }

            await context.Response.Body.WriteAsync("\"}"u8.ToArray(), context.RequestAborted);
            return new FloodReport(written, ClientHungUp: false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            return new FloodReport(written, ClientHungUp: true);
        }
    }
}

/// <param name="BytesWritten">What went out before the client hung up (or all of it).</param>
public sealed record FloodReport(long BytesWritten, bool ClientHungUp);

/// <summary>A flood to answer the next matching request with.</summary>
public sealed record FloodPlan(long Bytes, int ChunkDelayMs);
