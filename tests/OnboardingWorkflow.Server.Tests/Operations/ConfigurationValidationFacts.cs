using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Server.Operations;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Server.Workflow;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Operations;

/// <summary>Every bound section is validated at start-up, nested objects included, with messages naming the full setting; the sample shows every section.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class ConfigurationValidationFacts
{
    [Fact]
    public void A_nested_setting_out_of_range_is_named_by_its_full_path()
    {
        var options = new WorkflowOptions { ScriptLimits = { RecursionDepth = 2, MaxStatements = 10 } };
        var result = new SectionValidator<WorkflowOptions>(WorkflowOptions.Section).Validate(null, options);
        Assert.True(result.Failed);
        Assert.Equal(
            ["The field Workflow:ScriptLimits:RecursionDepth must be between 8 and 10000.", "The field Workflow:ScriptLimits:MaxStatements must be between 1000 and 2147483647."],
            result.Failures);
        Assert.True(new SectionValidator<WorkflowOptions>(WorkflowOptions.Section).Validate(null, new WorkflowOptions()).Succeeded);
    }

    [Fact]
    public void Bad_values_stop_the_start_with_one_line_naming_each_setting()
    {
        var error = Commands.StartFails(new Dictionary<string, string?> { ["Smtp:Port"] = "0", ["Workflow:ScriptLimits:RecursionDepth"] = "2" });
        Assert.Contains("The field Smtp:Port must be between 1 and 65535.", error.Message);
        Assert.Contains("The field Workflow:ScriptLimits:RecursionDepth must be between 8 and 10000.", error.Message);
        Assert.DoesNotContain('\n', error.Message);

        error = Commands.StartFails(new Dictionary<string, string?> { ["EmailReview:Imap:Port"] = "abc" });
        Assert.Contains("'EmailReview:Imap:Port'", error.Message);
        Assert.Contains("System.Int32", error.Message);

        error = Commands.StartFails(new Dictionary<string, string?> { ["EmailReview:Imap:Host"] = "imap.owf.test" });
        Assert.Contains("EmailReview:Imap:UserName is required when EmailReview:Imap:Host is set.", error.Message);
    }

    [Fact]
    public async Task The_grace_of_a_thrown_message_or_signal_is_a_setting_the_engine_gets_and_a_bad_one_stops_the_start()
    {
        await using (var server = OnboardingServer.Start(new Dictionary<string, string?> { ["Workflow:DispatchGrace"] = "00:00:20" }))
        {
            await using var scope = server.Services.CreateAsyncScope();
            Assert.Equal(TimeSpan.FromSeconds(20), scope.ServiceProvider.GetRequiredService<OnboardingWorkflow.Engine.Runtime.WorkflowEngine>().Options.DispatchGrace);
        }

        var error = Commands.StartFails(new Dictionary<string, string?> { ["Workflow:DispatchGrace"] = "00:00:01" });
        Assert.Contains("The field Workflow:DispatchGrace must be between 00:00:05 and 01:00:00.", error.Message);
    }

    [Fact]
    public async Task The_sample_settings_show_every_bound_section_with_valid_values()
    {
        await using var server = OnboardingServer.Start();
        var sections = server.Services.GetServices<BoundSection>().ToList();
        Assert.Contains(sections, s => s.Path == "Database");
        Assert.Contains(sections, s => s.Path == "Workflow:Changes");
        var sample = new ConfigurationBuilder().AddJsonFile(RepositoryRoot.Combine("appsettings.sample.json")).Build();
        var missing = sections.Where(s => !sample.GetSection(s.Path).Exists()).Select(s => s.Path).ToList();
        Assert.True(missing.Count == 0, $"appsettings.sample.json lacks the section(s) {string.Join(", ", missing)}");

        var problems = new List<string>();
        foreach (var section in sections)
        {
            var value = sample.GetSection(section.Path).Get(section.OptionsType) ?? Activator.CreateInstance(section.OptionsType)!;
            SectionValidation.Collect(value, section.Path, problems);
        }

        Assert.Empty(problems);
    }
}
