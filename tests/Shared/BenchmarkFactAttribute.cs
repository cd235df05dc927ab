namespace OnboardingWorkflow.Testing;

/// <summary>
/// A measurement, not a check: it runs only when the environment variable
/// <see cref="Switch"/> is set (the benchmark scripts set it), so a plain
/// <c>dotnet test</c> reports it as skipped instead of spending minutes on it.
/// Mark the class with <c>[Trait("Category", "Benchmark")]</c> too, so filters can leave it out.
/// </summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public const string Switch = "OWF_BENCHMARK";

    public BenchmarkFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Switch)))
        {
            Skip = $"a benchmark: set {Switch}=1 to run it";
        }
    }
}
