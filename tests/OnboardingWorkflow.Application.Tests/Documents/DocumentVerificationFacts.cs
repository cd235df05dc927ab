using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Tests.Documents;

public sealed class DocumentVerificationFacts
{
    private static readonly DateOnly DecisionDay = new(2026, 11, 30);

    private static Document Licence(DateOnly? expiry) => new()
    {
        FileName = "licence.pdf", ContentType = "application/pdf", ContentHash = "00", StoragePath = "documents/x", UploadedBy = "sally", ExpiresOn = expiry,
        Type = DocumentType.BusinessLicence,
    };

    [Theory]
    [InlineData("2001-01-01")]
    [InlineData("2026-11-29")]
    [InlineData("2026-11-30")]
    public void An_expired_document_or_one_expiring_on_the_decision_day_is_not_verified(string expiry)
    {
        var document = Licence(DateOnly.Parse(expiry));

        var refusal = document.TryVerify("ana", DateTimeOffset.UnixEpoch, DecisionDay, null);

        Assert.NotNull(refusal);
        Assert.Contains(expiry, refusal);
        Assert.Equal(VerificationState.Pending, document.Verification);
        Assert.Null(document.VerifiedBy);
    }

    [Fact]
    public void A_valid_document_is_verified_with_who_and_when()
    {
        var document = Licence(DecisionDay.AddDays(1));
        var at = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

        Assert.Null(document.TryVerify("ana", at, DecisionDay, "register checked"));
        Assert.Equal(VerificationState.Verified, document.Verification);
        Assert.Equal(("ana", at, "register checked"), (document.VerifiedBy, document.VerifiedAt!.Value, document.VerificationNote));
        Assert.True(Licence(null).TryVerify("ana", at, DecisionDay, null) is null);
    }

    [Fact]
    public void A_rejection_keeps_its_reason()
    {
        var document = Licence(null);
        document.Reject("ana", DateTimeOffset.UnixEpoch, "scan unreadable");
        Assert.Equal((VerificationState.Rejected, "scan unreadable"), (document.Verification, document.VerificationNote));
    }
}
