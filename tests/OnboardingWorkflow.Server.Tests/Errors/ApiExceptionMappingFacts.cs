using OnboardingWorkflow.Application.Common;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;
using OnboardingWorkflow.Server.Errors;

namespace OnboardingWorkflow.Server.Tests.Errors;

/// <summary>The API answers each refusal with the status and code the dashboard shows for it: both go through <see cref="Refusals"/>.</summary>
public sealed class ApiExceptionMappingFacts
{
    public static TheoryData<Exception, int, string> RefusalsAndTheirAnswers() => new()
    {
        { new ApprovalRefusedException(ApprovalRefusal.SelfApproval, "the maker may not approve"), 403, ErrorCodes.MakerCheckerViolation },
        { new ApprovalRefusedException(ApprovalRefusal.AlreadyComplete, "the quorum is reached"), 409, ErrorCodes.TaskAlreadyCompleted },
        { new ApprovalRefusedException(ApprovalRefusal.AboveAuthority, "above the managers authority"), 403, ErrorCodes.InsufficientAuthority },
        { new MakerCheckerException("task-1", "sally@owf.test", "she started the case"), 403, ErrorCodes.MakerCheckerViolation },
        { new TaskAlreadyEndedException("task-1", UserTaskStatus.Completed), 409, ErrorCodes.TaskAlreadyCompleted },
        { new ProcessNotFoundException("onboarding"), 404, ErrorCodes.NotFound },
        { AppException.InvalidField("culture", "Known languages: en, zh-CN."), 400, ErrorCodes.InvalidRequest },
    };

    [Theory]
    [MemberData(nameof(RefusalsAndTheirAnswers))]
    public void Each_refusal_gets_the_same_status_and_code_as_in_the_dashboard(Exception refusal, int status, string code)
    {
        var (answered, answeredCode, detail, _) = ApiExceptionHandler.Map(refusal);
        var shown = Refusals.Translate(refusal)!;

        Assert.Equal((status, code), (answered, answeredCode));
        Assert.Equal((shown.Code, ApiExceptionHandler.Status(shown.Kind)), (answeredCode, answered));
        Assert.Equal(refusal.Message, detail);
    }

    [Fact]
    public void Field_errors_travel_as_the_problems_errors()
    {
        var (_, _, _, extensions) = ApiExceptionHandler.Map(AppException.InvalidField("culture", "Known languages: en, zh-CN."));

        var errors = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string[]>>(extensions["errors"]);
        Assert.Equal(["Known languages: en, zh-CN."], errors["culture"]);
    }

    [Fact]
    public void A_contract_violation_names_each_field_once_in_its_detail()
    {
        var refusal = new TaskContractViolationException("task-1", "review", new Dictionary<string, IReadOnlyList<string>>
        {
            ["score"] = ["score: must be at most 999 (was 5000)"],
            ["creditLimit"] = ["creditLimit: is not declared by task 'review'"],
        });

        var (status, code, detail, extensions) = ApiExceptionHandler.Map(refusal);

        Assert.Equal((400, ErrorCodes.ContractViolation), (status, code));
        Assert.Equal("One or more fields are invalid: score: must be at most 999 (was 5000); creditLimit: is not declared by task 'review'", detail);
        var errors = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string[]>>(extensions["errors"]);
        Assert.Equal(["score: must be at most 999 (was 5000)"], errors["score"]);
    }

    [Fact]
    public void A_fault_is_a_500_that_tells_nothing_of_its_cause()
    {
        var (status, code, detail, extensions) = ApiExceptionHandler.Map(new InvalidOperationException("connection string Password=secret"));

        Assert.Equal((500, ErrorCodes.InternalError), (status, code));
        Assert.DoesNotContain("secret", detail);
        Assert.Empty(extensions);
    }
}
