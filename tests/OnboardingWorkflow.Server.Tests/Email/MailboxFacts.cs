using MailKit;
using MailKit.Search;
using MimeKit;

namespace OnboardingWorkflow.Server.Tests.Email;

/// <summary>
/// The mailbox the replies by e-mail arrive in works as a company's would: a reply sent by SMTP is
/// delivered to the addressee's mailbox only, keeps its headers and its Chinese subject, and can be
/// moved to a folder of processed mail by UID.
/// </summary>
public sealed class MailboxFacts(MailboxFixture mailbox) : IClassFixture<MailboxFixture>
{
    [Fact]
    public async Task A_reply_arrives_in_its_own_mailbox_and_moves_to_the_processed_folder_by_uid()
    {
        var replies = mailbox.NewAddress("replies");
        var other = mailbox.NewAddress("other");
        var reply = new MimeMessage
        {
            Subject = "Re: 审批 [OWF-7f3a] 同意",
            Body = new TextPart("plain") { Text = "同意\n\n> APPROVE or REJECT on the first line" },
        };
        reply.From.Add(MailboxAddress.Parse("mia@example.com"));
        reply.To.Add(MailboxAddress.Parse(replies));
        reply.Headers.Add("Auto-Submitted", "no");
        await mailbox.DeliverAsync(reply);

        Assert.Equal(1, await mailbox.WaitForInboxAsync(replies, 1));
        Assert.Equal(0, await mailbox.WaitForInboxAsync(other, 0));

        using var imap = await mailbox.OpenAsync(replies);
        await imap.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uid = Assert.Single(await imap.Inbox.SearchAsync(SearchQuery.All));
        var received = await imap.Inbox.GetMessageAsync(uid);
        Assert.Equal("Re: 审批 [OWF-7f3a] 同意", received.Subject);
        Assert.Equal("mia@example.com", received.From.Mailboxes.Single().Address);
        Assert.Equal("no", received.Headers["Auto-Submitted"]);
        Assert.StartsWith("同意", received.TextBody, StringComparison.Ordinal);

        var processed = await imap.GetFolder(imap.PersonalNamespaces[0]).CreateAsync("Processed", isMessageFolder: true);
        Assert.NotNull(processed);
        var moved = await imap.Inbox.MoveToAsync(uid, processed);
        Assert.NotNull(moved);
        await imap.Inbox.ExpungeAsync();
        Assert.Equal(0, imap.Inbox.Count);
        await processed.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(1, processed.Count);
        Assert.Equal("Re: 审批 [OWF-7f3a] 同意", (await processed.GetMessageAsync(moved!.Value)).Subject);
        await imap.DisconnectAsync(quit: true);
    }
}
