using System.Collections.Concurrent;
using OnboardingWorkflow.Server.Email;

namespace OnboardingWorkflow.Server.Tests.Email;

/// <summary>Passes sends on and counts them per outbox id.</summary>
public sealed class CountingSender(IEmailSender inner) : IEmailSender
{
    public ConcurrentDictionary<Guid, int> Sends { get; } = new();

    public Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        Sends.AddOrUpdate(email.Id, 1, (_, n) => n + 1);
        return inner.SendAsync(email, cancellationToken);
    }
}

/// <summary>Holds every send until released, so a test can act while a dispatcher is mid-send.</summary>
public sealed class GatedSender(IEmailSender inner) : IEmailSender
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public void Release() => _release.TrySetResult();

    public async Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        _entered.TrySetResult();
        await _release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return await inner.SendAsync(email, cancellationToken);
    }
}
