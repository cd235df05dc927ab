using System.Diagnostics;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>
/// The data layer's activity source: one activity per <see cref="WriteBatch"/> sent
/// (<see cref="WriteBatchActivity"/>) and per read of instance state (<see cref="ReadActivity"/>),
/// tagged with its statements and the round trips they took. EF's own diagnostics do not see these
/// statements (they bypass its command pipeline), so traces and the store benchmark read them here.
/// Nothing is recorded while nobody listens.
/// </summary>
public static class DataTelemetry
{
    public const string SourceName = "OnboardingWorkflow.Data";

    /// <summary>The operation name of a write batch's activity.</summary>
    public const string WriteBatchActivity = "owf.write_batch";

    /// <summary>The operation name of a read of instances with their variables.</summary>
    public const string ReadActivity = "owf.read";

    /// <summary>The number of SQL statements of the batch.</summary>
    public const string StatementsTag = "db.statements";

    /// <summary>How many times the batch went to the database: 1 as a batch, one per statement otherwise.</summary>
    public const string RoundTripsTag = "db.round_trips";

    /// <summary>1 when the batch was its own transaction, committed in its round trip (<see cref="WriteBatch.ExecuteCommittingAsync"/>), else 0.</summary>
    public const string CommitsTag = "db.commits";

    /// <summary>The statements' text, one per line (placeholders, never values); only with <see cref="RecordText"/>.</summary>
    public const string TextTag = "db.query.text";

    /// <summary>
    /// Whether batches carry their SQL text. Off in the server, whose traces leave SQL text out as they
    /// do for EF's commands; the store benchmark's <c>--show-sql</c> and tests turn it on.
    /// </summary>
    public static bool RecordText { get; set; }

    internal static readonly ActivitySource Source = new(SourceName);
}
