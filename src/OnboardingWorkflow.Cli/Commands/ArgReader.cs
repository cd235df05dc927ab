namespace OnboardingWorkflow.Cli.Commands;

/// <summary>
/// A small reader over the arguments of one command: options are read in order, so repeatable
/// options keep the sequence the user typed.
/// </summary>
public sealed class ArgReader(string[] args)
{
    private int _index;

    public bool HasMore => _index < args.Length;

    public string Peek() => args[_index];

    public string Next() => args[_index++];

    /// <summary>The value after an option such as <c>--n 100</c> or the part after '=' in <c>--n=100</c>.</summary>
    public string ValueOf(string option)
    {
        if (_index >= args.Length)
        {
            throw new UsageException($"option {option} needs a value");
        }

        return args[_index++];
    }

    /// <summary>Splits <c>--name=value</c> into its parts; other arguments come back unchanged.</summary>
    public static (string Name, string? InlineValue) SplitOption(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return (arg, null);
        }

        var eq = arg.IndexOf('=');
        return eq < 0 ? (arg, null) : (arg[..eq], arg[(eq + 1)..]);
    }
}
