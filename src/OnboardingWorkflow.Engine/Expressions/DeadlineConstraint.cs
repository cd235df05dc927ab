using System.Diagnostics;
using Jint;

namespace OnboardingWorkflow.Engine.Expressions;

/// <summary>
/// A time limit for one evaluation that costs a timestamp per check, not a timer per run
/// (the built-in one arms a timer on every reset, which dominates short expressions).
/// </summary>
internal sealed class DeadlineConstraint(TimeSpan limit) : Constraint
{
    private readonly long _limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
    private long _deadline;
    private int _counter;

    public override void Check()
    {
        // Reading the clock on every statement would cost more than most expressions; every 256th is enough.
        if ((++_counter & 0xFF) == 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            throw new TimeoutException();
        }
    }

    public override void Reset()
    {
        _deadline = Stopwatch.GetTimestamp() + _limitTicks;
        _counter = 0;
    }
}
