namespace OnboardingWorkflow.Engine.Model;

/// <summary>Who a user task refuses, set by its camunda:property fourEyes.</summary>
public enum FourEyesMode
{
    None,

    /// <summary>fourEyes="maker": the instance's maker never works on their own case.</summary>
    MakerOnly,

    /// <summary>fourEyes="true": neither the maker nor anyone who already checked in this round.</summary>
    MakerAndCheckers,
}
