using OnboardingWorkflow.Application.Administration;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// What each signed-in user's requests were last checked against, kept for at most
/// <see cref="SessionOptions.ValidationInterval"/> so a busy user costs one small query a minute.
/// Changes made on this server drop the entry at once; other servers notice when it expires.
/// </summary>
public sealed class SessionCache(IOptions<SessionOptions> options, TimeProvider clock) : ISessionRevocation
{
    /// <summary>The user's row as sign-in sees it; null when the user no longer exists.</summary>
    public sealed record Snapshot(string? SecurityStamp, bool Disabled);

    private readonly ConcurrentDictionary<string, (Snapshot? Value, DateTimeOffset ReadAt)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<Snapshot?> GetAsync(string userId, Func<string, Task<Snapshot?>> load)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(userId, out var entry) && now - entry.ReadAt < options.Value.ValidationInterval)
        {
            return entry.Value;
        }

        var value = await load(userId);
        _entries[userId] = (value, now);
        if (_entries.Count > 10_000)
        {
            DropExpired(now);
        }

        return value;
    }

    public void Invalidate(string userId) => _entries.TryRemove(userId, out _);

    private void DropExpired(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.ReadAt >= options.Value.ValidationInterval)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }
}
