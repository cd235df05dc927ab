namespace OnboardingWorkflow.Data;

/// <summary>
/// Marks an entity whose rows are written once and never changed or removed (history, audit
/// trail). <see cref="OnboardingDbContext"/> refuses to save such an entity as modified or deleted.
/// </summary>
public interface IAppendOnly;
