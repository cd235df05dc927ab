using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Server.Email;

namespace OnboardingWorkflow.Server.Tests.Email;

/// <summary>Options and senders for a plain-text SMTP server on the loopback interface.</summary>
public static class SmtpTestOptions
{
    public static SmtpOptions For(string host, int port, int maxAttempts = 8) => new()
    {
        Host = host,
        Port = port,
        Security = SmtpSecurity.None,
        From = "Onboarding <onboarding@example.test>",
        Timeout = TimeSpan.FromSeconds(5),
        MaxAttempts = maxAttempts,
    };

    public static MailKitEmailSender Sender(SmtpOptions options) =>
        new(Options.Create(options), NullLogger<MailKitEmailSender>.Instance);

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
