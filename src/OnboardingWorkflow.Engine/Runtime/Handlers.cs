using OnboardingWorkflow.Engine.Model;

namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>The code behind a service, send or business-rule task, registered under a name.</summary>
public interface ITaskHandler
{
    ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken);
}

/// <summary>Raised by a handler to throw a BPMN error that an error boundary event can catch.</summary>
public sealed class BpmnErrorException(string errorCode, string? message = null)
    : Exception(message ?? $"BPMN error '{errorCode}'.")
{
    public string ErrorCode { get; } = errorCode;
}

/// <summary>What a handler sees of the instance: its variables, the element, and where to put results.</summary>
public sealed class TaskHandlerContext
{
    private readonly Func<string, (bool Found, object? Value)> _get;
    private readonly Action<string, object?> _set;

    internal TaskHandlerContext(Guid instanceId, string processKey, string? businessKey, FlowNode element, string? actor, DateTimeOffset now,
        Func<string, (bool, object?)> get, Action<string, object?> set)
    {
        InstanceId = instanceId;
        ProcessKey = processKey;
        BusinessKey = businessKey;
        Element = element;
        Actor = actor;
        Now = now;
        _get = get;
        _set = set;
    }

    public Guid InstanceId { get; }
    public string ProcessKey { get; }
    public string? BusinessKey { get; }
    public FlowNode Element { get; }
    public string ElementId => Element.Id;
    public string? Actor { get; }
    public DateTimeOffset Now { get; }

    /// <summary>
    /// The value for camunda:resultVariable, when the element names one. A handler that never
    /// sets it leaves that variable as it was (it may have set the variable itself).
    /// </summary>
    public object? Result
    {
        get => _result;
        set
        {
            _result = value;
            HasResult = true;
        }
    }

    internal bool HasResult { get; private set; }

    private object? _result;

    public bool TryGetVariable(string name, out object? value)
    {
        (var found, value) = _get(name);
        return found;
    }

    public object? GetVariable(string name) => _get(name).Value;

    public void SetVariable(string name, object? value) => _set(name, State.Variables.Normalize(value));
}

/// <summary>Handlers by name, as camunda:delegateExpression="${name}" or camunda:class refer to them.</summary>
public sealed class HandlerRegistry
{
    private readonly Dictionary<string, ITaskHandler> _handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<ITaskHandler>> _factories = new(StringComparer.Ordinal);

    /// <summary>Used for names nobody registered (simulation); when null such names raise an incident.</summary>
    public ITaskHandler? Fallback { get; set; }

    public HandlerRegistry Register(string name, ITaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _factories.Remove(name);
        _handlers[name] = handler;
        return this;
    }

    /// <summary>
    /// Registers a handler made on its first use: a unit of work runs one or two of the server's
    /// thirty handlers, and making all of them (with what they depend on) for every unit of work
    /// cost a tenth of a short step. One instance per registry once made.
    /// </summary>
    public HandlerRegistry Register(string name, Func<ITaskHandler> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _handlers.Remove(name);
        _factories[name] = factory;
        return this;
    }

    public HandlerRegistry Register(string name, Func<TaskHandlerContext, ValueTask> handler) => Register(name, new DelegateHandler(handler));

    public HandlerRegistry Register(string name, Action<TaskHandlerContext> handler) =>
        Register(name, new DelegateHandler(context =>
        {
            handler(context);
            return ValueTask.CompletedTask;
        }));

    public bool IsRegistered(string name) => _handlers.ContainsKey(name) || _factories.ContainsKey(name);

    public IEnumerable<string> Names => _handlers.Keys.Concat(_factories.Keys);

    internal ITaskHandler? Find(string name)
    {
        if (_handlers.TryGetValue(name, out var handler))
        {
            return handler;
        }

        if (_factories.Remove(name, out var factory))
        {
            return _handlers[name] = factory();
        }

        return Fallback;
    }

    private sealed class DelegateHandler(Func<TaskHandlerContext, ValueTask> run) : ITaskHandler
    {
        public ValueTask ExecuteAsync(TaskHandlerContext context, CancellationToken cancellationToken) => run(context);
    }
}
