using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>
/// A query compiled once per model (<see cref="EF.CompileAsyncQuery"/>), for the queries every
/// engine step sends: translating the LINQ again on each call cost more CPU than running it on
/// SQLite. EF binds a compiled query to the first model it meets; each provider has a model of its
/// own, and one process may use two (a test run uses SQLite and PostgreSQL side by side).
/// </summary>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
