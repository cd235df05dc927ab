using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Web.Components.Tasks;

namespace OnboardingWorkflow.Web.Tests.Components.Tasks;

/// <summary>The form's rules without a browser: the contract's constraints, typed values as the engine reads them, and server errors at the fields.</summary>
public sealed class TaskFormModelFacts
{
    internal static TaskField Field(string id, TaskFieldKind kind, bool required = false, bool readOnly = false, decimal? min = null, decimal? max = null,
        int? minLength = null, int? maxLength = null, DateOnly? minDate = null, DateOnly? maxDate = null, string? defaultValue = null, string? current = null,
        params string[] options) =>
        new(id, id, kind, required, readOnly, min, max, minDate, maxDate, minLength, maxLength, options.Select(o => new TaskFieldOption(o, o)).ToList(), defaultValue, current);

    internal static IReadOnlyList<TaskField> ApprovalContract() =>
    [
        Field("decision", TaskFieldKind.Choice, required: true, options: ["approve", "reject", "request-info"]),
        Field("approvedLimit", TaskFieldKind.Number, min: 0, max: 1_000_000),
        Field("limitReason", TaskFieldKind.Text, maxLength: 20),
    ];

    [Fact]
    public void A_completed_form_sends_each_value_in_the_type_the_engine_expects()
    {
        var model = new TaskFormModel(
        [
            Field("decision", TaskFieldKind.Choice, required: true, options: ["approve", "reject"]),
            Field("approvedLimit", TaskFieldKind.Number),
            Field("visits", TaskFieldKind.WholeNumber),
            Field("urgent", TaskFieldKind.YesNo),
            Field("reviewOn", TaskFieldKind.Date),
            Field("note", TaskFieldKind.Text),
            Field("segment", TaskFieldKind.Text, readOnly: true, current: "wholesale"),
        ]);
        model.Set("decision", "approve");
        model.Set("approvedLimit", 12_345.67m);
        model.Set("visits", 3L);
        model.Set("urgent", true);
        model.Set("reviewOn", new DateOnly(2027, 2, 1));
        model.Set("note", "  seen  ");
        model.Set("segment", "changed");
        model.Comment = "  fine  ";

        Assert.True(model.Validate());
        var sent = model.ToSubmission();

        Assert.Equal("fine", sent.Comment);
        Assert.Equal(["decision", "approvedLimit", "visits", "urgent", "reviewOn", "note"], sent.Variables.Keys.ToArray());
        Assert.IsType<string>(sent.Variables["decision"]);
        Assert.Equal(12_345.67m, Assert.IsType<decimal>(sent.Variables["approvedLimit"]));
        Assert.Equal(3L, Assert.IsType<long>(sent.Variables["visits"]));
        Assert.True(Assert.IsType<bool>(sent.Variables["urgent"]));
        Assert.Equal("2027-02-01", sent.Variables["reviewOn"]);
        Assert.Equal("seen", sent.Variables["note"]);
        Assert.Equal("wholesale", model.GetText("segment"));
    }

    [Fact]
    public void Empty_optional_fields_are_not_sent_and_a_missing_required_field_is_named()
    {
        var model = new TaskFormModel(ApprovalContract());

        Assert.False(model.Validate());
        Assert.Equal(FieldProblemKind.Required, model.ProblemOf("decision")!.Kind);
        Assert.Null(model.ProblemOf("approvedLimit"));

        model.Set("decision", "reject");
        Assert.Null(model.ProblemOf("decision"));
        Assert.True(model.Validate());
        Assert.Equal(["decision"], model.ToSubmission().Variables.Keys.ToArray());
        Assert.Null(model.ToSubmission().Comment);
    }

    [Theory]
    [InlineData(-1, FieldProblemKind.BelowMin)]
    [InlineData(1_000_000.01, FieldProblemKind.AboveMax)]
    public void A_number_outside_its_bounds_is_refused_at_the_field(double value, FieldProblemKind expected)
    {
        var model = new TaskFormModel(ApprovalContract());
        model.Set("decision", "approve");
        model.Set("approvedLimit", (decimal)value);

        Assert.False(model.Validate());
        Assert.Equal(expected, model.ProblemOf("approvedLimit")!.Kind);
    }

    [Fact]
    public void Text_lengths_dates_and_options_follow_the_contract()
    {
        var model = new TaskFormModel(
        [
            Field("note", TaskFieldKind.Text, minLength: 2, maxLength: 5),
            Field("reviewOn", TaskFieldKind.Date, minDate: new DateOnly(2026, 1, 1), maxDate: new DateOnly(2026, 12, 31)),
            Field("segment", TaskFieldKind.Choice, options: ["a", "b"]),
        ]);
        model.Set("note", "x");
        model.Set("reviewOn", new DateOnly(2025, 12, 31));
        model.Set("segment", "c");

        Assert.False(model.Validate());
        Assert.Equal(FieldProblemKind.TooShort, model.ProblemOf("note")!.Kind);
        Assert.Equal(FieldProblemKind.BelowMin, model.ProblemOf("reviewOn")!.Kind);
        Assert.Equal(FieldProblemKind.NotAnOption, model.ProblemOf("segment")!.Kind);

        model.Set("note", "longer");
        model.Set("reviewOn", new DateOnly(2027, 1, 1));
        Assert.Equal(FieldProblemKind.TooLong, model.ProblemOf("note")!.Kind);
        Assert.Equal(FieldProblemKind.AboveMax, model.ProblemOf("reviewOn")!.Kind);
    }

    [Fact]
    public void A_comment_longer_than_completions_accept_is_refused()
    {
        var model = new TaskFormModel([]) { Comment = new string('x', 2001) };
        Assert.False(model.Validate());
        Assert.Equal(FieldProblemKind.TooLong, model.ProblemOf(TaskFormModel.CommentKey)!.Kind);
    }

    [Fact]
    public void Defaults_fill_the_form_and_read_only_fields_show_the_current_value()
    {
        var model = new TaskFormModel(
        [
            Field("visits", TaskFieldKind.WholeNumber, defaultValue: "2"),
            Field("approvedLimit", TaskFieldKind.Number, defaultValue: "1500.50"),
            Field("urgent", TaskFieldKind.YesNo, defaultValue: "true"),
            Field("reviewOn", TaskFieldKind.Date, defaultValue: "2026-05-01"),
            Field("segment", TaskFieldKind.Text, readOnly: true, defaultValue: "retail", current: "wholesale"),
        ]);

        Assert.Equal(2L, model.GetWhole("visits"));
        Assert.Equal(1500.50m, model.GetNumber("approvedLimit"));
        Assert.True(model.GetFlag("urgent"));
        Assert.Equal(new DateOnly(2026, 5, 1), model.GetDate("reviewOn"));
        Assert.Equal("wholesale", model.GetText("segment"));
        Assert.DoesNotContain("segment", model.ToSubmission().Variables.Keys);
    }

    [Fact]
    public void Server_errors_show_at_their_field_without_the_id_prefix_and_clear_when_the_field_changes()
    {
        var model = new TaskFormModel(ApprovalContract());
        model.ApplyServerErrors(new Dictionary<string, string[]>
        {
            ["approvedLimit"] = ["approvedLimit: must be at most 1000000 (was 2000000)"],
            ["limitReason"] = ["say why the limit is above the recommendation"],
            ["variables"] = ["the completion is too large"],
        });

        Assert.Equal("must be at most 1000000 (was 2000000)", model.ServerErrorOf("approvedLimit"));
        Assert.Equal("say why the limit is above the recommendation", model.ServerErrorOf("limitReason"));
        Assert.Equal(["variables: the completion is too large"], model.OtherServerErrors);

        model.Set("approvedLimit", 10m);
        Assert.Null(model.ServerErrorOf("approvedLimit"));
        Assert.NotNull(model.ServerErrorOf("limitReason"));
    }

    [Fact]
    public void The_decision_field_is_set_apart_from_the_others()
    {
        var model = new TaskFormModel(ApprovalContract());
        Assert.Equal("decision", model.Decision!.Id);
        Assert.Equal(["approvedLimit", "limitReason"], model.OtherFields.Select(f => f.Id).ToArray());
    }

    [Theory]
    [InlineData("approvedLimit", "1e30")]
    [InlineData("approvedLimit", "1234567890123456789012345678901234567890")]
    [InlineData("approvedLimit", "abc")]
    [InlineData("visits", "99999999999999999999")]
    [InlineData("visits", "2.5")]
    public void Text_a_number_field_cannot_read_is_refused_not_sent_as_empty(string field, string typed)
    {
        var model = new TaskFormModel(
        [
            Field("decision", TaskFieldKind.Choice, required: true, options: ["approve"]),
            Field("approvedLimit", TaskFieldKind.Number, min: 0),
            Field("visits", TaskFieldKind.WholeNumber),
        ]);
        model.Set("decision", "approve");

        model.SetText(field, typed);

        Assert.False(model.Validate());
        Assert.Equal(FieldProblemKind.Unreadable, model.ProblemOf(field)!.Kind);
        Assert.Equal(typed, model.TextOf(field));

        model.SetText(field, "");
        Assert.True(model.Validate());
        Assert.Equal(["decision"], model.ToSubmission().Variables.Keys.ToArray());
    }

    [Fact]
    public void A_typed_number_is_read_in_the_users_culture_and_checked_against_its_bounds_not_replaced_by_them()
    {
        var model = new TaskFormModel(ApprovalContract());
        model.Set("decision", "approve");

        model.SetText("approvedLimit", "-5");
        Assert.False(model.Validate());
        Assert.Equal(FieldProblemKind.BelowMin, model.ProblemOf("approvedLimit")!.Kind);
        Assert.Equal("-5", model.TextOf("approvedLimit"));

        model.SetText("approvedLimit", "250,000.5");
        Assert.True(model.Validate());
        Assert.Equal(250_000.5m, model.ToSubmission().Variables["approvedLimit"]);
    }
}
