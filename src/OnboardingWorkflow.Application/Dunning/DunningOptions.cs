using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>The "Dunning" section: the letters' default language, how far ahead a promise to pay may reach, and the job's batch size.</summary>
public sealed class DunningOptions
{
    public const string Section = "Dunning";

    /// <summary>The language of letters to customers whose language is not known: "en" or "zh-CN".</summary>
    [Required]
    [RegularExpression("^(en|zh-CN)$")]
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>A promise to pay names a day from today up to this many days ahead.</summary>
    [Range(1, 365)]
    public int MaxPromiseDays { get; set; } = 60;

    /// <summary>Customers per batch of the overdue-escalation job; the checkpoint is written after each batch.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How many customers of a batch are stepped at once, each in its own unit of work. 0: by the
    /// database, 1 on SQLite (one writer at a time: more only waits for its lock) and 4 on the servers.
    /// </summary>
    [Range(0, 32)]
    public int Parallelism { get; set; }
}
