namespace OnboardingWorkflow.Data.Tests.Support;

/// <summary>Finds files of the repository the tests run in: scripts and the engine's BPMN fixtures.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding OnboardingWorkflow.sln.</summary>
    public static string RootDirectory => Root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([RootDirectory, .. parts]);

    /// <summary>A BPMN file of the engine tests' runtime fixtures.</summary>
    public static string ReadRuntimeBpmn(string name) =>
        File.ReadAllText(Path("tests", "OnboardingWorkflow.Engine.Tests", "Bpmn", "runtime", name));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OnboardingWorkflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OnboardingWorkflow.sln above {AppContext.BaseDirectory}: the tests run outside the repository.");
    }
}
