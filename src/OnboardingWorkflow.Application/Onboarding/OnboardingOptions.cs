using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Application.Onboarding;

/// <summary>The "Onboarding" section: flow parameters handed to each new application.</summary>
public sealed class OnboardingOptions
{
    public const string Section = "Onboarding";

    /// <summary>Requested limits above this need a site visit during due diligence.</summary>
    [Range(typeof(decimal), "0", "1000000000000")]
    public decimal SiteVisitThreshold { get; set; } = 500_000m;
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
