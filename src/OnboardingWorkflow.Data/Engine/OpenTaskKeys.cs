using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Configuration;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>
/// The distinct candidate keys (<see cref="WorkflowTaskEntity.CandidateKey"/>) of the open tasks
/// nobody is assigned to: the task inbox picks the keys that offer a task to a user from these,
/// then reads one exact index range per key. They are read from the indexes of such tasks by key
/// (WorkflowTaskConfiguration.OfferedIndex and OfferedClaimedIndex) themselves, two seeks per
/// distinct key (a loose index scan: a recursive query asking each index for the first key after
/// the last one), so they are always those of the tasks as they are now: a key that appears with a
/// new task is there at once, and nothing has to be written beside the task.
/// </summary>
public static class OpenTaskKeys
{
    public static Task<List<string>> ListAsync(OnboardingDbContext db, CancellationToken cancellationToken)
    {
        var tasks = RowTable.Of<WorkflowTaskEntity>(db);
        var key = tasks.Column(nameof(WorkflowTaskEntity.CandidateKey));

        // The conditions are the indexes' filters, written the same way, so that the planner uses them.
        var unclaimed = $"{WorkflowTaskConfiguration.Unassigned} AND \"ClaimedBy\" IS NULL";
        var claimed = $"{WorkflowTaskConfiguration.Unassigned} AND \"ClaimedBy\" IS NOT NULL";
        string sql;
        if (db is SqlServerOnboardingDbContext)
        {
            // SQL Server refuses TOP in the recursive part of a query: a distinct scan of the filtered indexes instead.
            sql = $"SELECT {key} AS [Value] FROM {tasks.Name} WHERE {unclaimed} AND {key} IS NOT NULL UNION SELECT {key} FROM {tasks.Name} WHERE {claimed} AND {key} IS NOT NULL";
        }
        else
        {
            // The next key after "v": the smaller of the next one in each index (MIN skips an index that has none).
            string Next(string after) => $"""
                (SELECT MIN("n"."v") FROM (
                    SELECT (SELECT {key} FROM {tasks.Name} WHERE {unclaimed} AND {key} {after} ORDER BY {key} LIMIT 1) AS "v"
                    UNION ALL
                    SELECT (SELECT {key} FROM {tasks.Name} WHERE {claimed} AND {key} {after} ORDER BY {key} LIMIT 1)) AS "n")
                """;
            sql = $"""
                WITH RECURSIVE "k"("v") AS (
                    SELECT {Next("IS NOT NULL")}
                    UNION ALL
                    SELECT {Next("> \"k\".\"v\"")} FROM "k" WHERE "k"."v" IS NOT NULL)
                SELECT "v" AS "Value" FROM "k" WHERE "v" IS NOT NULL
                """;
        }

        return db.Database.SqlQueryRaw<string>(sql).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// How the database compares a key with a token (the inbox's "this key offers the task to me"):
    /// ordinal on SQLite and PostgreSQL, as their instr/LIKE; ignoring case on SQL Server, as its
    /// default collation.
    /// </summary>
    public static StringComparison Comparison(OnboardingDbContext db) =>
        db is SqlServerOnboardingDbContext ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
}
