using Microsoft.Extensions.Options;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// Fixed-window counters of sign-in attempts per account and per client address, in memory (one
/// server's view: behind a load balancer each server counts its own share). An attempt is counted
/// before the password is checked, so parallel guesses cannot slip past the limit, and given back
/// when it succeeds, so people who type their password right are never throttled.
/// </summary>
public sealed class LoginThrottle(IOptions<LoginOptions> options, TimeProvider clock)
{
    private const int SweepAbove = 10_000;

    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts an attempt, or refuses it with the time until the fuller window ends.</summary>
    public bool TryAcquire(string account, string address, out TimeSpan retryAfter)
    {
        var limits = options.Value;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var byAccount = Current("account:" + account, now, limits.Window);
            var byAddress = Current("address:" + address, now, limits.Window);
            if (byAccount.Count >= limits.AttemptsPerAccount || byAddress.Count >= limits.AttemptsPerAddress)
            {
                var blocking = new[] { byAccount.Count >= limits.AttemptsPerAccount ? byAccount : null, byAddress.Count >= limits.AttemptsPerAddress ? byAddress : null };
                retryAfter = blocking.Where(w => w is not null).Max(w => w!.Start + limits.Window - now);
                return false;
            }

            byAccount.Count++;
            byAddress.Count++;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Gives back an attempt that succeeded.</summary>
    public void Release(string account, string address)
    {
        lock (_gate)
        {
            foreach (var key in new[] { "account:" + account, "address:" + address })
            {
                if (_windows.TryGetValue(key, out var window) && window.Count > 0)
                {
                    window.Count--;
                }
            }
        }
    }

    private Window Current(string key, DateTimeOffset now, TimeSpan length)
    {
        if (_windows.TryGetValue(key, out var window) && now < window.Start + length)
        {
            return window;
        }

        if (_windows.Count > SweepAbove)
        {
            foreach (var stale in _windows.Where(w => now >= w.Value.Start + length).Select(w => w.Key).ToList())
            {
                _windows.Remove(stale);
            }
        }

        return _windows[key] = new Window { Start = now };
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; init; }
        public int Count { get; set; }
    }
}
