namespace OnboardingWorkflow.Testing;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries that holds OnboardingWorkflow.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Path => Root.Value;

    /// <summary>A path below the repository root, from its segments.</summary>
    public static string Combine(params string[] segments) => System.IO.Path.Combine([Path, .. segments]);

    private static string Locate()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "OnboardingWorkflow.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"The tests run outside the repository: no OnboardingWorkflow.sln above {AppContext.BaseDirectory}.");
    }
}
