using Microsoft.AspNetCore.Components.Server.Circuits;

namespace OnboardingWorkflow.Web.Tests.Benchmarks;

/// <summary>
/// Counts the server's open circuits, so a measurement is taken only once every browser page has
/// its circuit (and, after the pages leave, once every circuit has been disposed).
/// </summary>
public sealed class CircuitCounter
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>Waits until <see cref="Open"/> is <paramref name="expected"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Open != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"expected {expected} open circuits, the server has {Open}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The circuit handler the server resolves per circuit; it reports to the one counter.</summary>
    public sealed class Handler(CircuitCounter counter) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref counter._open);
            return Task.CompletedTask;
        }
    }
}
