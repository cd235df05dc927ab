using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Data;

namespace OnboardingWorkflow.Application.Documents;

/// <summary>
/// Files of documents under the data directory. An upload is written under a temporary name
/// (".partial") and moved into place only after its row committed, so a crash never leaves a
/// file without a row or a row pointing at half a file; <see cref="SweepAsync"/> at start-up
/// finishes the moves whose rows committed and deletes the rest.
/// </summary>
public sealed class DocumentStorage(IOptions<DatabaseOptions> database)
{
    public const string PartialSuffix = ".partial";

    public string Root => Path.Combine(Path.GetFullPath(database.Value.DataDirectory), DocumentsOptions.Folder);

    public string FullPath(string storagePath) => Path.Combine(Path.GetFullPath(database.Value.DataDirectory), storagePath);

    public static string NewStoragePath(Guid applicationId) =>
        $"{DocumentsOptions.Folder}/{applicationId:N}/{Guid.NewGuid():N}";

    /// <summary>Copies the upload to its temporary file and returns its SHA-256 (hex).</summary>
    public async Task<string> WritePartialAsync(string storagePath, Stream source, CancellationToken cancellationToken)
    {
        var partial = FullPath(storagePath) + PartialSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await target.FlushAsync(cancellationToken);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public void Commit(string storagePath) => File.Move(FullPath(storagePath) + PartialSuffix, FullPath(storagePath), overwrite: true);

    public void Discard(string storagePath) => File.Delete(FullPath(storagePath) + PartialSuffix);

    /// <summary>Finishes or removes what a crash left behind; returns (moved, deleted).</summary>
    public async Task<(int Moved, int Deleted)> SweepAsync(OnboardingDbContext db, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Root))
        {
            return (0, 0);
        }

        var moved = 0;
        var deleted = 0;
        var dataDirectory = Path.GetFullPath(database.Value.DataDirectory);
        foreach (var partial in Directory.EnumerateFiles(Root, "*" + PartialSuffix, SearchOption.AllDirectories))
        {
            var storagePath = Path.GetRelativePath(dataDirectory, partial[..^PartialSuffix.Length]).Replace('\\', '/');
            if (await db.Set<Data.Domain.Document>().AnyAsync(d => d.StoragePath == storagePath, cancellationToken))
            {
                Commit(storagePath);
                moved++;
            }
            else
            {
                File.Delete(partial);
                deleted++;
            }
        }

        return (moved, deleted);
    }
}
