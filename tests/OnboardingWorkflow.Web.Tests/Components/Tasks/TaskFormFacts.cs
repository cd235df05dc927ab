using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Web.Components.Tasks;
using static OnboardingWorkflow.Web.Tests.Components.Tasks.TaskFormModelFacts;

namespace OnboardingWorkflow.Web.Tests.Components.Tasks;

/// <summary>The generated form as rendered: one labelled input per field type, errors at the field, typed values handed to the page.</summary>
public sealed class TaskFormFacts
{
    // MudBlazor's services dispose only asynchronously: each test disposes its context with await using.
    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        return context;
    }

    private static IRenderedComponent<TaskForm> Render(BunitContext context, IReadOnlyList<TaskField> fields, Action<TaskFormSubmission>? submitted = null,
        IReadOnlyDictionary<string, string[]>? errors = null) =>
        context.Render<TaskForm>(p => p
            .Add(f => f.Fields, fields)
            .Add(f => f.ServerErrors, errors)
            .Add(f => f.OnSubmit, EventCallback.Factory.Create<TaskFormSubmission>(context, s => submitted?.Invoke(s))));

    [Fact]
    public async Task Each_field_type_gets_its_input_with_a_visible_label()
    {
        await using var context = NewContext();
        var form = Render(context, 
        [
            Field("decision", TaskFieldKind.Choice, required: true, options: ["approve", "reject"]),
            Field("approvedLimit", TaskFieldKind.Number, min: 0, max: 1000),
            Field("visits", TaskFieldKind.WholeNumber),
            Field("urgent", TaskFieldKind.YesNo),
            Field("reviewOn", TaskFieldKind.Date),
            Field("segment", TaskFieldKind.Choice, options: ["a", "b"]),
            Field("note", TaskFieldKind.Text, maxLength: 50),
        ]);

        // The decision is a group of radio buttons under a legend with the required marker.
        Assert.Contains("Decision *", form.Find("fieldset legend").TextContent);
        Assert.Equal(2, form.FindAll("fieldset input[type=radio]").Count);
        // English labels come from the resources for known fields, else from the BPMN.
        Assert.Contains("Approved limit", form.Find("[data-field=approvedLimit] label").TextContent);
        Assert.NotNull(form.Find("[data-field=approvedLimit] input[inputmode=decimal], [data-field=approvedLimit] input"));
        Assert.Contains("visits", form.Find("[data-field=visits] label").TextContent);
        Assert.NotNull(form.Find("[data-field=urgent] input[type=checkbox]"));
        Assert.Contains("reviewOn", form.Find("[data-field=reviewOn] label").TextContent);
        Assert.Contains("mud-select", form.Find("[data-field=segment]").InnerHtml);
        Assert.Equal("50", form.Find("[data-field=note] input").GetAttribute("maxlength"));
        Assert.Contains("Comment", form.Find("[data-field=comment] label").TextContent);
    }

    [Fact]
    public async Task A_read_only_field_is_shown_read_only()
    {
        await using var context = NewContext();
        var form = Render(context, [Field("segment", TaskFieldKind.Text, readOnly: true, current: "wholesale")]);
        var input = form.Find("[data-field=segment] input");
        Assert.True(input.HasAttribute("readonly"));
        Assert.Equal("wholesale", input.GetAttribute("value"));
    }

    [Fact]
    public async Task Submitting_without_the_required_decision_shows_the_error_and_sends_nothing()
    {
        await using var context = NewContext();
        TaskFormSubmission? sent = null;
        var form = Render(context, ApprovalContract(), s => sent = s);

        form.Find("[data-testid=task-submit]").Click();

        Assert.Null(sent);
        Assert.Contains("Required.", form.Find("#task-field-decision-error").TextContent);
    }

    [Fact]
    public async Task A_valid_form_hands_typed_variables_to_the_page()
    {
        await using var context = NewContext();
        TaskFormSubmission? sent = null;
        var form = Render(context, ApprovalContract(), s => sent = s);

        form.FindAll("fieldset input[type=radio]")[0].Click();
        form.Find("[data-field=approvedLimit] input").Input("2500.5");
        form.Find("[data-field=approvedLimit] input").Blur();
        form.Find("[data-testid=task-submit]").Click();

        Assert.NotNull(sent);
        Assert.Equal("approve", sent.Variables["decision"]);
        Assert.Equal(2500.5m, Assert.IsType<decimal>(sent.Variables["approvedLimit"]));
    }

    [Theory]
    [InlineData("5000", "Must be at most 1,000.")]
    [InlineData("-5", "Must be at least 0.")]
    public async Task A_typed_number_outside_its_bounds_is_shown_at_the_field_not_replaced_by_the_bound(string typed, string message)
    {
        await using var context = NewContext();
        TaskFormSubmission? sent = null;
        var form = Render(context, [Field("approvedLimit", TaskFieldKind.Number, min: 0, max: 1000)], s => sent = s);

        // With Min and Max on the input, MudBlazor turned a typed -5 into 0 and sent that.
        form.Find("[data-field=approvedLimit] input").Input(typed);
        form.Find("[data-field=approvedLimit] input").Blur();
        form.Find("[data-testid=task-submit]").Click();

        Assert.Null(sent);
        Assert.Contains(message, form.Find("[data-field=approvedLimit]").TextContent);
    }

    [Theory]
    [InlineData("1e30")]
    [InlineData("abc")]
    public async Task A_number_the_input_cannot_read_is_refused_at_the_field_not_sent_as_empty(string typed)
    {
        await using var context = NewContext();
        TaskFormSubmission? sent = null;
        var form = Render(context, ApprovalContract(), s => sent = s);

        form.FindAll("fieldset input[type=radio]")[0].Click();
        form.Find("[data-field=approvedLimit] input").Input("-100000");
        form.Find("[data-testid=task-submit]").Click();
        Assert.Null(sent);
        // Unread, the field reported no value, and the approval went out at the recommended limit.
        form.Find("[data-field=approvedLimit] input").Input(typed);
        form.Find("[data-field=approvedLimit] input").Blur();
        form.Find("[data-testid=task-submit]").Click();

        Assert.Null(sent);
        Assert.Contains("Not a number: type digits only", form.Find("[data-field=approvedLimit]").TextContent);
    }

    [Fact]
    public async Task The_servers_contract_violation_is_shown_at_its_field()
    {
        await using var context = NewContext();
        var form = Render(context, ApprovalContract(), errors: new Dictionary<string, string[]>
        {
            ["limitReason"] = ["limitReason: must be at most 20 characters long"],
        });

        Assert.Contains("must be at most 20 characters long", form.Find("[data-field=limitReason]").TextContent);
        Assert.DoesNotContain("limitReason:", form.Find("[data-field=limitReason]").TextContent);
    }
}
