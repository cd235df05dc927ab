namespace OnboardingWorkflow.Server.Tests.Benchmarks;

/// <summary>What the runtime did besides the job's own code: methods compiled by the JIT and its time, bytes allocated, gen-2 collections.</summary>
internal readonly record struct RuntimeFigures(long Jitted, TimeSpan JitTime, long Allocated, int Gen2)
{
    public static RuntimeFigures Now() =>
        new(System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(2));

    public static RuntimeFigures operator -(RuntimeFigures a, RuntimeFigures b) => new(a.Jitted - b.Jitted, a.JitTime - b.JitTime, a.Allocated - b.Allocated, a.Gen2 - b.Gen2);

    public override string ToString() =>
        $"{Jitted:N0} methods jitted in {JitTime.TotalSeconds:F1} s, {Allocated / 1_000_000.0:N0} MB allocated, {Gen2} gen-2 collections";
}
