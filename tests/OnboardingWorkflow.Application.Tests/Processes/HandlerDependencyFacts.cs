using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Tests.Processes;

/// <summary>
/// The engine is built from the handlers, so no handler may need the engine, not even through
/// another service: the container would resolve them in a circle for ever.
/// </summary>
public sealed class HandlerDependencyFacts
{
    [Fact]
    public void No_task_handler_depends_on_the_workflow_engine()
    {
        var services = new ServiceCollection();
        services.AddOnboardingApplication();
        var implementations = services.Where(s => s.ImplementationType is not null).GroupBy(s => s.ServiceType).ToDictionary(g => g.Key, g => g.Last().ImplementationType!);

        IEnumerable<Type> Dependencies(Type type) =>
            type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType);

        foreach (var handler in services.Where(s => s.ServiceType == typeof(IOnboardingTaskHandler)).Select(s => s.ImplementationType!))
        {
            var seen = new HashSet<Type>();
            var pending = new Stack<(Type Type, string Path)>([(handler, handler.Name)]);
            while (pending.TryPop(out var current))
            {
                Assert.False(current.Type == typeof(WorkflowEngine), $"{current.Path} needs the workflow engine");
                if (!seen.Add(current.Type))
                {
                    continue;
                }

                var concrete = implementations.GetValueOrDefault(current.Type) ?? current.Type;
                if (concrete.Namespace?.StartsWith("OnboardingWorkflow", StringComparison.Ordinal) == true)
                {
                    foreach (var dependency in Dependencies(concrete))
                    {
                        pending.Push((dependency, $"{current.Path} -> {dependency.Name}"));
                    }
                }
            }
        }
    }
}
