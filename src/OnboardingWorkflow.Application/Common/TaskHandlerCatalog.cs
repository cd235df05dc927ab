using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Common;

/// <summary>
/// The names of the registered <see cref="IOnboardingTaskHandler"/>s and how to make each, learnt
/// once per process (a handler's name is a property of the handler, so each is made once in a
/// scope of its own). An engine's registry then makes a handler only when its unit of work runs
/// it, in that unit of work's scope, sharing its DbContext as before.
/// </summary>
public sealed class TaskHandlerCatalog
{
    private readonly IReadOnlyList<(string Name, ObjectFactory Make)> _handlers;

    public TaskHandlerCatalog(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        _handlers = scope.ServiceProvider.GetServices<IOnboardingTaskHandler>()
            .Select(h => (h.Name, ActivatorUtilities.CreateFactory(h.GetType(), Type.EmptyTypes)))
            .ToList();
    }

    /// <summary>Registers every handler in <paramref name="registry"/>, each made from <paramref name="scope"/> on first use.</summary>
    public HandlerRegistry Fill(HandlerRegistry registry, IServiceProvider scope)
    {
        foreach (var (name, make) in _handlers)
        {
            registry.Register(name, () => (ITaskHandler)make(scope, null));
        }

        return registry;
    }
}
