using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Application.Common;

/// <summary>
/// The engine's and the credit domain's refusals as <see cref="AppException"/>s with the codes the
/// API answers, so a client that calls the use cases directly (the dashboard) shows the same
/// refusal, fields included, instead of a fault. Faults stay faults: anything else gives null.
/// </summary>
public static class Refusals
{
    public static AppException? Translate(Exception exception) => exception switch
    {
        AppException e => e,
        TaskContractViolationException e => AppException.InvalidFields(
            e.Errors.ToDictionary(x => x.Key, x => x.Value.ToArray(), StringComparer.Ordinal),
            e.Errors.Values.SelectMany(m => m).All(m => m.Contains(" is set by the process", StringComparison.Ordinal))
                ? ErrorCodes.ProtectedVariable : ErrorCodes.ContractViolation),
        TaskNotFoundException e => new AppException(AppErrorKind.NotFound, ErrorCodes.NotFound, e.Message),
        InstanceNotFoundException e => new AppException(AppErrorKind.NotFound, ErrorCodes.NotFound, e.Message),
        ProcessNotFoundException e => new AppException(AppErrorKind.NotFound, ErrorCodes.NotFound, e.Message),
        TaskAlreadyEndedException e => AppException.Conflict(ErrorCodes.TaskAlreadyCompleted, e.Message),
        ExternalTaskNotFoundException e => new AppException(AppErrorKind.NotFound, ErrorCodes.ExternalTaskNotFound, e.Message),
        ExternalTaskLockException e => AppException.Conflict(ErrorCodes.ExternalTaskLockLost, e.Message),
        ConcurrencyException e => AppException.Conflict(ErrorCodes.ConcurrencyConflict, e.Message),
        DbUpdateConcurrencyException => AppException.Conflict(ErrorCodes.ConcurrencyConflict, "Someone else changed the same data first; reload and try again."),
        MakerCheckerException e => AppException.Forbidden(e.Message, ErrorCodes.MakerCheckerViolation),
        ApprovalRefusedException { Refusal: ApprovalRefusal.SelfApproval or ApprovalRefusal.DuplicateApproval } e => AppException.Forbidden(e.Message, ErrorCodes.MakerCheckerViolation),
        ApprovalRefusedException { Refusal: ApprovalRefusal.AlreadyComplete } e => AppException.Conflict(ErrorCodes.TaskAlreadyCompleted, e.Message),
        ApprovalRefusedException e => AppException.Forbidden(e.Message, ErrorCodes.InsufficientAuthority),
        InvalidWorkflowOperationException e => AppException.Conflict(ErrorCodes.InvalidState, e.Message),
        _ => null,
    };
}
