using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.State;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>An instance loaded into a unit of work, with its definition and the revision it was loaded at.</summary>
internal sealed class InstanceContext(ProcessInstance instance, ProcessDefinition definition, long expectedRevision)
{
    public ProcessInstance Instance { get; } = instance;
    public ProcessDefinition Definition { get; } = definition;
    public long ExpectedRevision { get; } = expectedRevision;

    public Token? FindToken(string id) => Instance.Tokens.Find(t => t.Id == id);

    public Token GetToken(string id) => FindToken(id) ?? throw new InvalidOperationException($"Instance {Instance.Id} has no token '{id}'.");

    public Scope GetScope(string id) => Instance.Scopes.Find(s => s.Id == id) ?? throw new InvalidOperationException($"Instance {Instance.Id} has no scope '{id}'.");

    public FlowNode NodeOf(Token token) => Definition.GetNode(token.ElementId);

    /// <summary>Variables set in this unit of work since its conditional events last looked; null when none.</summary>
    public HashSet<string>? ChangedVariables { get; set; }

    /// <summary>A conditional event started waiting and has not been looked at yet.</summary>
    public bool NewConditions { get; set; }

    public void NoteChanged(string name) => (ChangedVariables ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);

    /// <summary>The process or sub-process definition a process or sub-process scope runs.</summary>
    public ScopeDefinition DefinitionOf(Scope scope) => scope.Kind == ScopeKind.Process ? Definition.Root : Definition.GetNode(scope.ElementId).Child!;

    public IVariableReader Reader(string scopeId) => new ScopeReader(this, scopeId);

    /// <summary>Sets a variable where it is defined along the scope chain, else on the process scope.</summary>
    public void SetVariable(string scopeId, string name, object? value)
    {
        for (Scope? scope = GetScope(scopeId); scope is not null; scope = scope.ParentId is null ? null : GetScope(scope.ParentId))
        {
            if (scope.Variables.ContainsKey(name))
            {
                scope.Variables[name] = value;
                return;
            }
        }

        Instance.RootScope.Variables[name] = value;
    }

    public bool TryGetVariable(string scopeId, string name, out object? value)
    {
        for (Scope? scope = GetScope(scopeId); scope is not null; scope = scope.ParentId is null ? null : GetScope(scope.ParentId))
        {
            if (scope.Variables.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>All variables visible from a scope, inner ones hiding outer ones.</summary>
    public Dictionary<string, object?> VisibleVariables(string scopeId)
    {
        var chain = new List<Scope>();
        for (Scope? scope = GetScope(scopeId); scope is not null; scope = scope.ParentId is null ? null : GetScope(scope.ParentId))
        {
            chain.Add(scope);
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var (key, value) in chain[i].Variables)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private sealed class ScopeReader(InstanceContext context, string scopeId) : IVariableReader
    {
        public bool TryGet(string name, out object? value) => context.TryGetVariable(scopeId, name, out value);
    }
}
