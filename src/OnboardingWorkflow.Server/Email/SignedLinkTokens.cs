using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using OnboardingWorkflow.Application.EmailReview;

namespace OnboardingWorkflow.Server.Email;

/// <summary>
/// Decision links signed with ASP.NET Data Protection: authenticated encryption under the key ring
/// kept in the database (rotated every 90 days, older keys still read), with a purpose of its own,
/// so a cookie or another product's token never passes for a link. The expiry travels inside and is
/// read against the server's clock, the same clock that decides everything else.
/// </summary>
internal sealed class SignedLinkTokens(IDataProtectionProvider provider, TimeProvider clock) : ITokenProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("OnboardingWorkflow.EmailReview.Link.v1");

    public string Protect(Guid id, DateTimeOffset expires) =>
        _protector.Protect(id.ToString("N") + "|" + expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    public Guid? Unprotect(string token) => Open(token) is { Expired: false } opened ? opened.Id : null;

    public (Guid Id, bool Expired)? Open(string token)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = payload.Split('|');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && expires <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
                ? (id, DateTimeOffset.FromUnixTimeSeconds(expires) <= clock.GetUtcNow())
                : null;
    }
}
