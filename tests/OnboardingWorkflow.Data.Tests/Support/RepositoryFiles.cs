namespace OnboardingWorkflow.Data.Tests.Support;

/// <summary>Finds files of the repository the tests run in: scripts and the engine's BPMN fixtures.</summary>
public static class RepositoryFiles
{
    /// <summary>The folder holding OnboardingWorkflow.sln.</summary>
    public static string RootDirectory => OnboardingWorkflow.Testing.RepositoryRoot.Path;

    public static string Path(params string[] parts) => System.IO.Path.Combine([RootDirectory, .. parts]);

    /// <summary>A BPMN file of the engine tests' runtime fixtures.</summary>
    public static string ReadRuntimeBpmn(string name) =>
        File.ReadAllText(Path("tests", "OnboardingWorkflow.Engine.Tests", "Bpmn", "runtime", name));
}
