using System.Security.Cryptography;

namespace ChatBot.Tests.Keliweb;

/// <summary>Files on disk for attachment tests, deleted with the instance.</summary>
internal sealed class TemporaryFiles : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("keliweb-files-");

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(folder.FullName, Guid.NewGuid().ToString("N") + Path.GetExtension(name));
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>A random file written in chunks, so even large ones never sit in memory whole.</summary>
    public (string Path, string Sha256) WriteRandom(string name, long length, int seed)
    {
        var path = Path.Combine(folder.FullName, Guid.NewGuid().ToString("N") + Path.GetExtension(name));
        var random = new Random(seed);
        var chunk = new byte[1024 * 1024];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var file = File.Create(path))
        {
            for (var left = length; left > 0; left -= chunk.Length)
            {
                var part = chunk.AsSpan(0, (int)Math.Min(chunk.Length, left));
                random.NextBytes(part);
                file.Write(part);
                hash.AppendData(part);
            }
        }

        return (path, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public void Dispose() => folder.Delete(recursive: true);
}
