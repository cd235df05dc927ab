using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainEmailActionTokenConfiguration : IEntityTypeConfiguration<EmailActionToken>
{
    public void Configure(EntityTypeBuilder<EmailActionToken> entity)
    {
        entity.ToTable("EmailActionTokens");
        entity.HasKey(t => t.Id);
        entity.Property(t => t.TaskId).HasMaxLength(100);
        entity.Property(t => t.UserName).HasMaxLength(256);
        entity.Property(t => t.Kind).HasConversion<string>().HasMaxLength(10);
        entity.Property(t => t.Decision).HasMaxLength(100);
        entity.Property(t => t.AssigneeAtIssue).HasMaxLength(256);
        entity.Property(t => t.Outcome).HasMaxLength(40);
        entity.Property(t => t.Revision).IsConcurrencyToken();
        entity.HasIndex(t => new { t.TaskId, t.UserName });
    }
}

internal sealed class DomainInboundEmailConfiguration : IEntityTypeConfiguration<InboundEmail>
{
    public void Configure(EntityTypeBuilder<InboundEmail> entity)
    {
        entity.ToTable("InboundEmails");
        entity.HasKey(m => m.Id);
        entity.Property(m => m.Id).ValueGeneratedOnAdd();
        entity.Property(m => m.Mailbox).HasMaxLength(300);
        entity.Property(m => m.MessageId).HasMaxLength(500);
        entity.Property(m => m.Sender).HasMaxLength(320);
        entity.Property(m => m.Subject).HasMaxLength(500);
        entity.Property(m => m.Outcome).HasMaxLength(40);

        // The IMAP identity of a message: whoever inserts it first processes it.
        entity.HasIndex(m => new { m.Mailbox, m.UidValidity, m.Uid }).IsUnique();
        entity.HasIndex(m => m.Moved);
    }
}

internal sealed class DomainTaskMailNoticeConfiguration : IEntityTypeConfiguration<TaskMailNotice>
{
    public void Configure(EntityTypeBuilder<TaskMailNotice> entity)
    {
        entity.ToTable("TaskMailNotices");
        entity.HasKey(n => n.Id);
        entity.Property(n => n.Id).ValueGeneratedOnAdd();
        entity.Property(n => n.TaskId).HasMaxLength(100);
        entity.Property(n => n.UserName).HasMaxLength(256);
        entity.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        entity.HasIndex(n => new { n.TaskId, n.UserName, n.Kind }).IsUnique();
    }
}

internal sealed class DomainTaskDigestConfiguration : IEntityTypeConfiguration<TaskDigest>
{
    public void Configure(EntityTypeBuilder<TaskDigest> entity)
    {
        entity.ToTable("TaskDigests");
        entity.HasKey(d => d.Id);
        entity.Property(d => d.Id).ValueGeneratedOnAdd();
        entity.Property(d => d.UserName).HasMaxLength(256);
        entity.HasIndex(d => new { d.UserName, d.Day }).IsUnique();
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> entity)
    {
        entity.ToTable("DataProtectionKeys");
        entity.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
