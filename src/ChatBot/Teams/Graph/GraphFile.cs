namespace ChatBot.Teams.Graph;

/// <summary>
/// A file Microsoft Graph fetches: whose tenant's token to use, which message it is in (null when Teams did not say
/// where the message is: a <c>reference</c> is then fetched through <c>/shares</c> alone), its id there (the attachment
/// id, or the hosted content id of a pasted image), and the requester's language for the reasons a download can fail.
/// </summary>
public sealed record GraphFile(string TenantId, string Locale, GraphMessageLocation? Message = null, string? ItemId = null);
