namespace OnboardingWorkflow.Server.Email;

/// <summary>
/// Exponential back-off for transient failures: base, 2 x base, 4 x base ... capped; with the
/// defaults 1, 2, 4, 8, 16, 32, 60, 60 minutes. After the last allowed attempt the message fails.
/// </summary>
public static class OutboxRetryPolicy
{
    /// <summary>The wait after the given number of failed attempts (1 = the first failure).</summary>
    public static TimeSpan DelayAfter(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var exponent = Math.Min(attempts - 1, 30);
        var ticks = Math.Min((double)baseDelay.Ticks * Math.Pow(2, exponent), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Whether a message that has failed this many times may be tried again.</summary>
    public static bool MayRetry(int attempts, int maxAttempts) => attempts < maxAttempts;
}
