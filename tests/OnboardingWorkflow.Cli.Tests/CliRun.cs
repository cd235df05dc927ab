using System.Text.Json;

namespace OnboardingWorkflow.Cli.Tests;

/// <summary>Runs <c>owf</c> in process and keeps what it printed.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public IReadOnlyList<JsonElement> JsonLines =>
        Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    /// <summary>The history event lines of <c>owf simulate</c> (every line but the final state).</summary>
    public IReadOnlyList<JsonElement> Events => JsonLines.Where(e => e.TryGetProperty("event", out _)).ToList();

    /// <summary>The final state line of <c>owf simulate</c>.</summary>
    public JsonElement FinalState => JsonLines[^1];

    /// <summary>Element ids of the "completed" events, in order.</summary>
    public IReadOnlyList<string> CompletedPath => Events
        .Where(e => e.GetProperty("event").GetString() == "completed")
        .Select(e => e.GetProperty("element").GetString()!).ToList();

    /// <summary>The repository root (the folder with OnboardingWorkflow.sln).</summary>
    public static string RepositoryRoot => OnboardingWorkflow.Testing.RepositoryRoot.Path;

    public static string EngineFixture(string name) =>
        Path.Combine(RepositoryRoot, "tests", "OnboardingWorkflow.Engine.Tests", "Bpmn", "runtime", name);

    /// <summary>A BPMN file of this test project.</summary>
    public static string CliFixture(string name) => Path.Combine(AppContext.BaseDirectory, "Bpmn", name);

    /// <summary>Lines of a text, without blank ones.</summary>
    public static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public static string ReferenceFlow => Path.Combine(RepositoryRoot, "..", "shared", "bench", "approval.bpmn");
}
