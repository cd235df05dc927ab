using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Common;

/// <summary>
/// A task handler the server puts into every engine under <see cref="Name"/>: the name BPMN
/// refers to with camunda:delegateExpression="${name}". Handlers are scoped services, so they
/// share the unit of work's DbContext and what they add is saved with the engine's step.
/// </summary>
public interface IOnboardingTaskHandler : ITaskHandler
{
    string Name { get; }
}
