namespace OnboardingWorkflow.Cli.Commands;

/// <summary>
/// Reads the arguments of one command in order, so repeatable options keep the sequence the user
/// typed. Options take their value as the next argument or after '=' (<c>--n 10</c>, <c>--n=10</c>).
/// </summary>
public sealed class ArgReader(string[] args)
{
    private int _index;
    private string? _inlineValue;

    public bool HasMore => _index < args.Length;

    /// <summary>The next argument; for <c>--name=value</c> returns <c>--name</c> and keeps the value for <see cref="Value"/>.</summary>
    public string Next()
    {
        var arg = args[_index++];
        _inlineValue = null;
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            var eq = arg.IndexOf('=');
            if (eq > 0)
            {
                _inlineValue = arg[(eq + 1)..];
                return arg[..eq];
            }
        }

        return arg;
    }

    /// <summary>The value of the option just read by <see cref="Next"/>.</summary>
    public string Value(string option)
    {
        if (_inlineValue is not null)
        {
            var value = _inlineValue;
            _inlineValue = null;
            return value;
        }

        if (_index >= args.Length)
        {
            throw new UsageException($"option {option} needs a value");
        }

        return args[_index++];
    }

    /// <summary>Same as <see cref="Value"/>.</summary>
    public string ValueOf(string option) => Value(option);

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

    public int IntValue(string option, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Value(option);
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            var range = (min > int.MinValue, max < int.MaxValue) switch
            {
                (true, true) => $" from {min} to {max}",
                (true, false) => $" of at least {min}",
                (false, true) => $" of at most {max}",
                _ => "",
            };
            throw new UsageException($"option {option} needs a whole number{range}, not '{text}'");
        }

        return value;
    }

    public double DoubleValue(string option)
    {
        var text = Value(option);
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"option {option} needs a number, not '{text}'");
        }

        return value;
    }
}
