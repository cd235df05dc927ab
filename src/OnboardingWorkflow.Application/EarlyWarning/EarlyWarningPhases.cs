using System.Diagnostics;
using System.Globalization;

namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>
/// Where a run of the early-warning job spends its time, summed over its batches: a measurement
/// aid for the benchmark, filled only when a caller passes one to <see cref="EarlyWarningSweep.RunAsync"/>.
/// Thread-safe, because reading and evaluating may run on different threads.
/// </summary>
public sealed class EarlyWarningPhases
{
    private readonly Dictionary<string, long> _ticks = new(StringComparer.Ordinal);

    /// <summary>Adds the time since <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>) to the phase.</summary>
    public void Add(string phase, long startedAt) => AddTicks(phase, Stopwatch.GetTimestamp() - startedAt);

    /// <summary>Adds <paramref name="elapsed"/> <see cref="Stopwatch"/> ticks to the phase.</summary>
    public void AddTicks(string phase, long elapsed)
    {
        lock (_ticks)
        {
            _ticks[phase] = _ticks.GetValueOrDefault(phase) + elapsed;
        }
    }

    public IReadOnlyDictionary<string, TimeSpan> Totals
    {
        get
        {
            lock (_ticks)
            {
                return _ticks.ToDictionary(p => p.Key, p => TimeSpan.FromSeconds((double)p.Value / Stopwatch.Frequency), StringComparer.Ordinal);
            }
        }
    }

    public override string ToString() =>
        string.Join(", ", Totals.Select(p => $"{p.Key} {p.Value.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s"));
}
