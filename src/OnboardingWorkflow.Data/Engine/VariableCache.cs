using System.Collections.Concurrent;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>
/// The variables of recently used instances as of a revision, shared by the process's stores, so
/// that a step reads the rows of an instance's variables only when another process changed them:
/// every commit that writes a variable row also raises the instance's revision, so rows read or
/// written at revision R are the rows while the instance row says R. A read sends the revision it
/// holds and gets the rows only when the database's differs (one statement either way, see
/// <see cref="EfInstanceStore"/>). Without it, reading 1,000 variables cost a step more than
/// writing them had.
/// <para>
/// An entry is never changed once published (a commit publishes a new one), so readers share it
/// without locks and copy what they hand out. Bounded by the number of variables held; the least
/// recently used instances go first. Keyed by database as well: one process may use several.
/// The rule holds as long as revisions only grow: a database is restored with its servers stopped
/// (deploy/OPERATIONS.md), so no process holds variables of a revision the restore undid.
/// </para>
/// </summary>
internal sealed class VariableCache(int capacity)
{
    /// <summary>The cache of the process: at most this many variables, a few tens of megabytes at the sizes a case holds.</summary>
    public static VariableCache Shared { get; } = new(250_000);

    private readonly ConcurrentDictionary<(string Database, Guid Instance), Entry> _entries = new();

    /// <summary>Which instance a task (a user task's bookmark) belongs to, for the instances held: a completion starts from the task.</summary>
    private readonly ConcurrentDictionary<(string Database, string Task), Guid> _tasks = new();

    private long _size;
    private long _clock;
    private int _trimming;

    /// <summary>The variables an instance had at a revision, by scope and name; never changed once published.</summary>
    public sealed record Entry(long Revision, IReadOnlyDictionary<(string Scope, string Name), object?> Values, IReadOnlyList<string> Tasks)
    {
        internal long LastUse;
    }

    public Entry? Find(string database, Guid instance)
    {
        if (!_entries.TryGetValue((database, instance), out var entry))
        {
            return null;
        }

        entry.LastUse = Interlocked.Increment(ref _clock);
        return entry;
    }

    /// <summary>The instance a task belongs to, with its entry, when held.</summary>
    public (Guid Instance, Entry Entry)? FindByTask(string database, string task) =>
        _tasks.TryGetValue((database, task), out var instance) && Find(database, instance) is { } entry ? (instance, entry) : null;

    /// <summary>Holds the variables an instance has at <paramref name="revision"/> (replacing an older entry, never a newer one).</summary>
    public void Publish(string database, Guid instance, long revision, IReadOnlyDictionary<(string Scope, string Name), object?> values, IReadOnlyList<string> tasks)
    {
        if (values.Count > capacity / 10)
        {
            return; // an instance this large would push out most others
        }

        var entry = new Entry(revision, values, tasks) { LastUse = Interlocked.Increment(ref _clock) };
        var key = (database, instance);
        while (true)
        {
            if (_entries.TryGetValue(key, out var held))
            {
                if (held.Revision > revision)
                {
                    return;
                }

                if (_entries.TryUpdate(key, entry, held))
                {
                    Interlocked.Add(ref _size, values.Count - held.Values.Count);
                    ForgetTasks(database, instance, held.Tasks.Except(tasks));
                    break;
                }
            }
            else if (_entries.TryAdd(key, entry))
            {
                Interlocked.Add(ref _size, values.Count);
                break;
            }
        }

        foreach (var task in tasks)
        {
            _tasks[(database, task)] = instance;
        }

        if (Interlocked.Read(ref _size) > capacity)
        {
            Trim();
        }
    }

    /// <summary>Forgets an instance (a commit of it failed, so what is held may be newer or older than the rows).</summary>
    public void Forget(string database, Guid instance)
    {
        if (_entries.TryRemove((database, instance), out var held))
        {
            Interlocked.Add(ref _size, -held.Values.Count);
            ForgetTasks(database, instance, held.Tasks);
        }
    }

    /// <summary>Drops the least recently used quarter of the entries; one thread trims at a time.</summary>
    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            var oldest = _entries.OrderBy(e => e.Value.LastUse).Take(Math.Max(1, _entries.Count / 4)).ToList();
            foreach (var (key, entry) in oldest)
            {
                if (((ICollection<KeyValuePair<(string, Guid), Entry>>)_entries).Remove(new(key, entry)))
                {
                    Interlocked.Add(ref _size, -entry.Values.Count);
                    ForgetTasks(key.Database, key.Instance, entry.Tasks);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private void ForgetTasks(string database, Guid instance, IEnumerable<string> tasks)
    {
        foreach (var task in tasks)
        {
            ((ICollection<KeyValuePair<(string, string), Guid>>)_tasks).Remove(new((database, task), instance));
        }
    }
}
