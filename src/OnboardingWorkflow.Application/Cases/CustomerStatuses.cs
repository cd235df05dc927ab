using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>Changes a customer's status with its audit event (before, after, why); the one path remediation takes.</summary>
public static class CustomerStatuses
{
    /// <summary>Sets the status; no change, no event. Nothing saved here: the caller's unit of work does.</summary>
    public static bool Set(CaseFile cases, Customer customer, CustomerStatus status, string by, string reason)
    {
        if (customer.Status == status)
        {
            return false;
        }

        cases.Audit(by, "customer.status-changed", "Customer", customer.Id.ToString(), customer.Id, $"{customer.Status} -> {status}: {reason}");
        customer.Status = status;
        return true;
    }
}
