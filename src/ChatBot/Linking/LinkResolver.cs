using ChatBot.Tickets;

namespace ChatBot.Linking;

/// <summary>User link, then workspace link, then the default account, then guest (when allowed), else not linked.</summary>
public sealed class LinkResolver
{
    // Implemented by the pipeline work (issue 3).
    public Task<AccountResolution> ResolveAsync(Requester requester, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
