using System.Security.Cryptography;
using System.Text.Json;
using ChatBot.Tickets;
using Microsoft.AspNetCore.DataProtection;

namespace ChatBot.Teams.Files;

/// <summary>
/// Files attached to the "ticket" message ride inside the card's submit data until the form comes back. The client
/// could edit that data, so it is protected (and time-limited): a user cannot make the bot fetch a URL of their choosing.
/// </summary>
public sealed class CardFileProtector(IDataProtectionProvider provider, TimeProvider time)
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private readonly ITimeLimitedDataProtector protector = provider.CreateProtector("ChatBot.Teams.CardFiles.v1").ToTimeLimitedDataProtector();

    public string? Protect(IReadOnlyList<FileReference> files)
    {
        if (files.Count == 0)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(files.Select(f => new TeamsCardFile(f.Name, f.Locator, f.UnavailableReason)).ToList(), TeamsJsonContext.Default.ListTeamsCardFile);
        return protector.Protect(json, time.GetUtcNow() + Lifetime);
    }

    /// <summary>The files, or none when the data is missing, tampered with or expired.</summary>
    public IReadOnlyList<FileReference> Unprotect(string? protectedFiles)
    {
        if (string.IsNullOrEmpty(protectedFiles))
        {
            return [];
        }

        try
        {
            var json = protector.Unprotect(protectedFiles, out var expiration);
            if (expiration < time.GetUtcNow())
            {
                return [];
            }

            return JsonSerializer.Deserialize(json, TeamsJsonContext.Default.ListTeamsCardFile)?
                .OfType<TeamsCardFile>()
                .Select(f => new FileReference(f.Name, null, f.Locator, f.UnavailableReason)).ToList() ?? [];
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return [];
        }
    }
}

public sealed record TeamsCardFile(string Name, string Locator, string? UnavailableReason = null);
