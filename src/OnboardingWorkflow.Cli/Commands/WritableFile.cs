namespace OnboardingWorkflow.Cli.Commands;

/// <summary>
/// Checks that an output file can be written before a command does its (possibly long) work,
/// so a typo in --out costs nothing. The check writes nothing that stays behind.
/// </summary>
public static class WritableFile
{
    /// <summary>Why the path cannot be written, or null when it can.</summary>
    public static string? Problem(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                return "it is a directory";
            }

            var directory = Path.GetDirectoryName(full);
            if (directory is not null && !Directory.Exists(directory))
            {
                return $"the directory '{directory}' does not exist";
            }

            if (File.Exists(full))
            {
                using var existing = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                return null;
            }

            // Create and drop a file of that name: the only sure test of directory permissions.
            using var probe = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ex.Message;
        }
    }
}
