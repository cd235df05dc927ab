namespace OnboardingWorkflow.Engine.Tests.Support;

/// <summary>Finds the BPMN files the tests run: test fixtures, the shipped workflows, the shared reference flow.</summary>
public static class TestFiles
{
    public static string Bpmn(string name) => Path.Combine(AppContext.BaseDirectory, "Bpmn", name);

    public static string ReadBpmn(string name) => File.ReadAllText(Bpmn(name));

    /// <summary>The repository root: the folder holding OnboardingWorkflow.sln.</summary>
    public static string RepositoryRoot => OnboardingWorkflow.Testing.RepositoryRoot.Path;

    public static string Workflow(string name) => Path.Combine(RepositoryRoot, "workflows", name);

    /// <summary>The shared reference material, kept beside the repository.</summary>
    public static string Shared(params string[] parts) => Path.Combine([RepositoryRoot, "..", "shared", .. parts]);
}
