namespace OnboardingWorkflow.Web.Components.Tasks;

/// <summary>An analyst's verdict on one document, raised by the documents tab for the page to carry out.</summary>
public sealed record DocumentReview(Guid DocumentId, bool Verify, string? Reason);
