using ChatBot.Keliweb;

namespace ChatBot.Operations;

/// <summary>
/// The password grant <c>accounts add</c> runs: logs the account in at Keliweb and stores its refresh token.
/// A seam because the Keliweb token provider lives in its own feature; see <see cref="OperationsServiceCollectionExtensions"/>.
/// </summary>
public delegate Task<KeliwebResult<bool>> KeliwebLogin(string accountId, string email, string password, CancellationToken cancellationToken);
