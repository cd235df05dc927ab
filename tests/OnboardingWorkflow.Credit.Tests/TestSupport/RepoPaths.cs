namespace OnboardingWorkflow.Credit.Tests.TestSupport;

/// <summary>Finds files relative to the repository root, which holds OnboardingWorkflow.sln.</summary>
internal static class RepoPaths
{
    public static string Root => OnboardingWorkflow.Testing.RepositoryRoot.Path;

    /// <summary>The shared data folder sits next to the repository root.</summary>
    public static string SharedData(string fileName) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", fileName));

    public static string Sample(string fileName) => Path.Combine(Root, "src", "OnboardingWorkflow.Credit", "Samples", fileName);
}
