using Microsoft.Extensions.Caching.Memory;

namespace ChatBot.Slack.Views;

/// <summary>
/// Full texts of messages too long for the modal's 3000-character input, keyed by the modal's nonce until the
/// modal is submitted. In memory: a modal outlives neither a restart nor another instance, and then the ticket
/// gets the cut text with its visible marker (documented limit).
/// </summary>
public sealed class LongMessageStore(IMemoryCache cache)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(12);

    public void Put(string nonce, string fullText) => cache.Set(Key(nonce), fullText, KeepFor);

    public string? Find(string nonce) => cache.TryGetValue(Key(nonce), out string? text) ? text : null;

    private static string Key(string nonce) => "slack:long-message:" + nonce;
}
