using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OnboardingWorkflow.Data.Email;

/// <summary>Maps <see cref="OutboxMessage"/> to the EmailOutbox table.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    // Some providers hand DateTime back as Unspecified; every outbox time is UTC.
    private static readonly ValueConverter<DateTime, DateTime> Utc =
        new(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private static readonly ValueConverter<DateTime?, DateTime?> UtcOrNull =
        new(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("EmailOutbox");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.To).HasMaxLength(OutboxMessage.MaxAddressListLength).IsRequired();
        e.Property(x => x.Cc).HasMaxLength(OutboxMessage.MaxAddressListLength);
        e.Property(x => x.ReplyTo).HasMaxLength(320);
        e.Property(x => x.Subject).HasMaxLength(OutboxMessage.MaxSubjectLength).IsRequired();
        e.Property(x => x.TextBody).IsRequired();
        e.Property(x => x.Category).HasMaxLength(100);
        e.Property(x => x.CorrelationId).HasMaxLength(200);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        e.Property(x => x.SmtpMessageId).HasMaxLength(300);
        e.Property(x => x.CreatedAt).HasConversion(Utc);
        e.Property(x => x.NextAttemptAt).HasConversion(Utc);
        e.Property(x => x.SentAt).HasConversion(UtcOrNull);
        e.Property(x => x.LockedUntil).HasConversion(UtcOrNull);

        // The dispatcher's query: due Pending messages in due order.
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.HasIndex(x => x.CorrelationId);
    }
}
