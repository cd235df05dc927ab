namespace OnboardingWorkflow.Engine.Time;

/// <summary>A clock that moves only when told: tests and simulations advance time instead of sleeping.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _now += by;
    }

    public void AdvanceTo(DateTimeOffset when)
    {
        if (when > _now)
        {
            _now = when;
        }
    }
}
