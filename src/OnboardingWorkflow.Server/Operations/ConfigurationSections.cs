using Microsoft.Extensions.Options;
using OnboardingWorkflow.Server.Security;

namespace OnboardingWorkflow.Server.Operations;

/// <summary>A configuration section the server binds to an options class; one per registration.</summary>
public sealed record BoundSection(string Path, Type OptionsType);

/// <summary>
/// The one way the server binds a configuration section: bound, validated at start-up with full
/// setting paths (<see cref="SectionValidator{TOptions}"/>), and recorded as a <see cref="BoundSection"/>
/// so the <c>check</c> command and the start-up validation see every section.
/// </summary>
public static class ConfigurationSections
{
    public static OptionsBuilder<TOptions> AddSection<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.AddSingleton(new BoundSection(section, typeof(TOptions)));
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(section));
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>Reads a section while the server is being built; a value of the wrong type names its setting.</summary>
    public static TOptions Read<TOptions>(IConfiguration configuration, string section) where TOptions : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupConfigurationException(BindingProblem(e));
        }
    }

    /// <summary>
    /// Every problem of every bound section, one line each: values of the wrong type (named by the
    /// binder, e.g. "Failed to convert configuration value at 'Smtp:Port' to type 'System.Int32'")
    /// and failed validations.
    /// </summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        var problems = new List<string>();
        foreach (var section in services.GetServices<BoundSection>().DistinctBy(s => s.OptionsType))
        {
            try
            {
                var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(section.OptionsType));
                _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is { } inner)
            {
                problems.AddRange(Describe(inner));
            }
            catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
            {
                problems.AddRange(Describe(e));
            }
        }

        return problems;
    }

    /// <summary>Throws a <see cref="StartupConfigurationException"/> listing every problem of the configuration.</summary>
    public static void EnsureValid(IServiceProvider services)
    {
        if (Problems(services) is { Count: > 0 } problems)
        {
            throw new StartupConfigurationException(string.Join(" ", problems));
        }
    }

    private static IEnumerable<string> Describe(Exception e) => e switch
    {
        OptionsValidationException validation => validation.Failures,
        InvalidOperationException binding => [BindingProblem(binding)],
        _ => [e.Message],
    };

    // The binder's message names the setting and the type; the inner one would show the value, which may be a secret.
    private static string BindingProblem(InvalidOperationException e) => e.Message;
}
