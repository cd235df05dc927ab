using OnboardingWorkflow.Data.Engine;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>The process's cache of instance variables: by database and revision, never older than it holds, bounded.</summary>
public sealed class VariableCacheTests
{
    private static Dictionary<(string Scope, string Name), object?> Values(int count, string prefix = "v") =>
        Enumerable.Range(0, count).ToDictionary(i => ("s1", $"{prefix}{i}"), i => (object?)(decimal)i);

    [Fact]
    public void An_entry_is_replaced_by_a_newer_revision_and_never_by_an_older_one()
    {
        var cache = new VariableCache(1_000);
        var id = Guid.NewGuid();
        cache.Publish("db", id, 3, Values(2), ["task-a"]);
        cache.Publish("db", id, 2, Values(5), ["task-b"]);
        Assert.Equal(3, cache.Find("db", id)!.Revision);
        Assert.Equal(2, cache.Find("db", id)!.Values.Count);

        cache.Publish("db", id, 4, Values(1), ["task-c"]);
        Assert.Equal(4, cache.Find("db", id)!.Revision);
        Assert.Equal(id, cache.FindByTask("db", "task-c")!.Value.Instance);
        Assert.Null(cache.FindByTask("db", "task-a")); // the task the instance no longer waits at is forgotten
    }

    [Fact]
    public void Databases_are_kept_apart_and_a_forgotten_instance_is_gone_with_its_tasks()
    {
        var cache = new VariableCache(1_000);
        var id = Guid.NewGuid();
        cache.Publish("one", id, 1, Values(1), ["task"]);
        Assert.Null(cache.Find("two", id));
        Assert.Null(cache.FindByTask("two", "task"));

        cache.Forget("one", id);
        Assert.Null(cache.Find("one", id));
        Assert.Null(cache.FindByTask("one", "task"));
    }

    [Fact]
    public void Past_its_capacity_the_least_recently_used_instances_go_first()
    {
        var cache = new VariableCache(100);
        var ids = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            cache.Publish("db", id, 1, Values(10), []);
        }

        // The first is used again, so the second is now the oldest; one more instance overflows the capacity.
        Assert.NotNull(cache.Find("db", ids[0]));
        cache.Publish("db", Guid.NewGuid(), 1, Values(10), []);

        Assert.NotNull(cache.Find("db", ids[0]));
        Assert.Null(cache.Find("db", ids[1]));
        Assert.True(ids.Count(id => cache.Find("db", id) is not null) <= 8);
    }

    [Fact]
    public void An_instance_too_large_for_a_tenth_of_the_cache_is_not_held()
    {
        var cache = new VariableCache(100);
        var id = Guid.NewGuid();
        cache.Publish("db", id, 1, Values(11), []);
        Assert.Null(cache.Find("db", id));
    }
}
