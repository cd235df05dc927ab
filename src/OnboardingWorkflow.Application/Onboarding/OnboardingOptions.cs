using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Application.Onboarding;

/// <summary>The "Onboarding" section: flow parameters handed to each new application.</summary>
public sealed class OnboardingOptions
{
    public const string Section = "Onboarding";

    /// <summary>Requested limits above this need a site visit during due diligence.</summary>
    [Range(typeof(decimal), "0", "1000000000000")]
    public decimal SiteVisitThreshold { get; set; } = 500_000m;

    /// <summary>Our own annual sales: with it, no customer's exposure exceeds the limit policy's concentration share of them. Unset: no concentration cap.</summary>
    [Range(typeof(decimal), "0", "100000000000000")]
    public decimal? OwnAnnualSales { get; set; }
}

/// <summary>The "Documents" section: upload limits.</summary>
public sealed class DocumentsOptions
{
    public const string Section = "Documents";

    [Range(1, 1L << 31)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    public static readonly string[] DefaultContentTypes = ["application/pdf", "image/png", "image/jpeg"];

    /// <summary>
    /// Content types accepted (empty: PDF, PNG, JPEG); the file's first bytes must match the type it
    /// claims. Empty by default because configuration binding appends to an array's initial items.
    /// </summary>
    public string[] AllowedContentTypes { get; set; } = [];

    public IReadOnlyList<string> EffectiveContentTypes => AllowedContentTypes.Length > 0 ? AllowedContentTypes : DefaultContentTypes;

    /// <summary>Folder of the stored files, relative to the database's data directory.</summary>
    public const string Folder = "documents";
}

/// <summary>The "LimitChanges" section: when a limit change must bring fresh statements.</summary>
public sealed class LimitChangeOptions
{
    public const string Section = "LimitChanges";

    /// <summary>An increase above this share of the current limit (0.5 = +50 %) needs fresh statements.</summary>
    [Range(0.0, 100.0)]
    public double StatementsRequiredAboveIncreaseShare { get; set; } = 0.5;

    /// <summary>Statements on file older than this (months since the fiscal year's end) do not count as fresh.</summary>
    [Range(1, 120)]
    public int StatementsMaxAgeMonths { get; set; } = 18;

    /// <summary>The longest temporary increase, in days.</summary>
    [Range(1, 730)]
    public int MaxTemporaryDays { get; set; } = 365;
}
