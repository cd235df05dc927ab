using Microsoft.Extensions.DependencyInjection;

namespace OnboardingWorkflow.Web.Shared;

/// <summary>
/// A use case that components call, each call in a dependency-injection scope of its own.
/// <para>
/// A Blazor circuit is one scope that lives as long as the user keeps the tab open: a use case
/// injected straight into a component would keep one DbContext for hours. Its change tracker
/// would hand back entities as they were first read (a page reloaded after an upload showed the
/// status from before it), grow with every page visited, keep a failed unit of work's pending
/// rows for the next save, and two overlapping calls would share a context that allows one
/// operation at a time. Here every call gets a fresh context, as an HTTP request does, and the
/// user is passed to the use case explicitly, never taken from the scope.
/// </para>
/// </summary>
public sealed class Scoped<TService>(IServiceScopeFactory scopes)
    where TService : notnull
{
    public async Task<TResult> Run<TResult>(Func<TService, Task<TResult>> call)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task Run(Func<TService, Task> call)
    {
        await using var scope = scopes.CreateAsyncScope();
        await call(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
