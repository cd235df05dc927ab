using System.Diagnostics;
using Jint;

namespace OnboardingWorkflow.Engine.Expressions;

/// <summary>
/// A time limit for one evaluation that reads the clock every 256 statements, not a timer per
/// run (the built-in one arms a timer on every reset, which dominates short expressions). The
/// clock starts at the 256th statement: anything shorter is bounded by the statement limit.
/// </summary>
internal sealed class DeadlineConstraint(TimeSpan limit) : Constraint
{
    private readonly long _limitTicks = (long)(limit.TotalSeconds * Stopwatch.Frequency);
    private long _deadline;
    private int _counter;

    public override void Check()
    {
        // Reading the clock on every statement would cost more than most expressions; every 256th is enough.
        if ((++_counter & 0xFF) != 0)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (_deadline == 0)
        {
            _deadline = now + _limitTicks;
        }
        else if (now > _deadline)
        {
            throw new TimeoutException();
        }
    }

    public override void Reset()
    {
        _deadline = 0;
        _counter = 0;
    }
}
