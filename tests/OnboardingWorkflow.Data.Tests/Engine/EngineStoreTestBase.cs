using System.Diagnostics;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Tests.Support;
using OnboardingWorkflow.Engine.History;
using OnboardingWorkflow.Engine.State;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Data.Tests.Engine;

/// <summary>
/// What the engine tests on the EF stores share: engines over their own DbContexts on the test
/// database, a manual clock, and helpers. The tests of a class share one database, so each test
/// filters what it reads to its own instances.
/// </summary>
public abstract class EngineStoreTestBase(TestDatabase database)
{
    protected TestDatabase Database { get; } = database;

    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    protected ManualClock Clock { get; } = new(T0);

    protected EfEngine NewEngine(Func<IInstanceStore, IInstanceStore>? wrapStore = null, ManualClock? clock = null) =>
        new(Database, clock ?? Clock, wrapStore: wrapStore);

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    protected static List<string> Ids(IEnumerable<TaskRecord> tasks) => tasks.Select(t => t.Id).ToList();

    protected static WorkflowCommit CommitOf(ProcessInstance instance, string detail)
    {
        var commit = new WorkflowCommit();
        commit.Instances.Add((instance, instance.Revision));
        commit.History.Add(new HistoryEvent
        {
            InstanceId = instance.Id, ProcessKey = instance.ProcessKey, ProcessVersion = instance.ProcessVersion,
            Event = "test", ElementId = "test", ElementType = "test", Time = T0, Detail = detail,
        });
        return commit;
    }

    protected static async Task<Exception?> OutcomeAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Runs the step and returns the text of each write batch it sent (only its own: they are children of its activity).</summary>
    protected static async Task<(T Result, List<string> Batches)> CapturedAsync<T>(Func<Task<T>> step)
    {
        T result = default!;
        var sent = await SentAsync(async () => result = await step());
        return (result, sent.Where(s => s.Operation == DataTelemetry.WriteBatchActivity).Select(s => s.Text).ToList());
    }

    /// <summary>
    /// A write batch's statements as the store wrote them, one per line of its text. A batch that is
    /// its own transaction (PostgreSQL) sends a statement that must change N rows inside a check of
    /// that count (<c>WITH changed AS (... RETURNING 1) SELECT ...</c>); the check is taken off here.
    /// </summary>
    protected static string[] Statements(string batch) =>
        batch.Split('\n').Select(s => CountCheck.Match(s) is { Success: true } m ? m.Groups["statement"].Value : s).ToArray();

    private static readonly System.Text.RegularExpressions.Regex CountCheck =
        new(@"^WITH changed AS \((?<statement>.*) RETURNING 1\) SELECT CAST\(CASE WHEN count\(\*\) = \d+ THEN '1' ELSE 'owf row count check \d+' END AS integer\) FROM changed$");

    /// <summary>Runs the step and returns each read and write batch it sent, in order, with the name of its activity (only its own, as above).</summary>
    protected static async Task<List<(string Operation, string Text)>> SentAsync(Func<Task> step)
    {
        var sent = new List<(string Operation, string Text)>();
        DataTelemetry.RecordText = true;
        using var root = new Activity("step");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is DataTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.ParentId == root.Id && activity.GetTagItem(DataTelemetry.TextTag) is string text)
                {
                    lock (sent)
                    {
                        sent.Add((activity.OperationName, text));
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        root.Start();
        await step();
        root.Stop();
        return sent;
    }
}
